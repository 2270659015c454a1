package org.backprop4j.core.kernels;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.util.List;

/**
 * Makes a copy of a loop template ({@link ScalarLoops}, {@link VectorLoops}) for one activation: the
 * template's bytecode defined again as a hidden class whose class data is that activation (and its
 * SIMD twin), which the copy reads into {@code static final} fields. The JIT treats those as
 * constants, so in each copy the activation's formula is inlined into the loop, as if the loop had
 * been written for it by hand, while the loop exists once in the source. (This is how the JDK itself
 * specialises lambda forms.) The copies live as long as the class loader of this package.
 */
final class Specializer {

    private Specializer() {
    }

    /** A copy of {@code template} whose class data is {@code constants}. */
    static MethodHandles.Lookup copy(Class<?> template, List<Object> constants) {
        String file = template.getSimpleName() + ".class";
        try (InputStream in = template.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("cannot read " + file + " from the class path");
            }
            return MethodHandles.lookup().defineHiddenClassWithClassData(in.readAllBytes(), constants, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot define a copy of " + template.getName(), e);
        }
    }
}
