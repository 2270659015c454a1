package org.backprop4j.examples.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The outputs on the docs pages are what the examples print now: every block after
 * {@code <!-- output: ID -->} is compared with the output of the program registered as ID in
 * {@link DocExamples}, after {@link OutputNormaliser} has masked the timings (and, for the examples
 * that print them, the rounding errors), compared full-precision doubles to 6 significant digits,
 * and dropped the progress epochs whose printing depends on the machine's speed. Every other
 * character is compared.
 *
 * <p>Run with {@code -Ddocs.update=true} to write the current outputs into the pages instead.
 */
class DocOutputsTest {

    @TestFactory
    Stream<DynamicTest> outputBlocksEqualWhatTheExamplesPrintNow() {
        List<DynamicTest> tests = new ArrayList<>();
        for (DocPage page : DocPage.all()) {
            for (DocPage.Block block : page.blocks()) {
                if (DocPage.OUTPUT.equals(block.markerKind())) {
                    String where = page.name() + " line " + block.fenceLine() + " (output of " + block.markerValue() + ")";
                    tests.add(DynamicTest.dynamicTest(where, () -> checkOutput(page, block, where)));
                }
            }
        }
        assertTrue(!tests.isEmpty(), "no output blocks found in docs/");
        return tests.stream();
    }

    private static void checkOutput(DocPage page, DocPage.Block block, String where) {
        assertTrue(block.language().equals("text"), where + ": an output block must be a ```text block");
        List<String> printed = DocExamples.output(block.markerValue()).lines().toList();
        String thinned = OutputNormaliser.firstThinnedEpoch(block.content());
        int roundOff = DocExamples.roundOffExponent(block.markerValue());
        List<String> expected = OutputNormaliser.normalise(block.content(), roundOff);
        List<String> actual = OutputNormaliser.normalise(printed, roundOff);
        String difference = TextDiff.firstDifference(expected, actual);
        if (difference == null && thinned == null) {
            return;
        }
        List<String> forDocs = OutputNormaliser.forDocs(printed);
        if (Boolean.getBoolean("docs.update")) {
            DocPage.replaceBlock(page.path(), DocPage.OUTPUT, block.markerValue(), block.ordinal(), forDocs);
            return;
        }
        if (thinned != null) {
            fail(where + " shows '" + thinned + "', an epoch fit prints only when the machine is slow enough;"
                    + " show '" + OutputNormaliser.ELISION + "' in place of such epochs");
        }
        fail(where + " differs from what the example prints now (timings masked as <time>, thinned epochs"
                + " dropped" + (roundOff > 0 ? ", round-off below 1e-" + (roundOff - 1) + " masked" : "") + "); " + difference + "\nThe example now prints:\n" + TextDiff.quote(forDocs)
                + "(run the tests with -Ddocs.update=true to write this into the page)");
    }
}
