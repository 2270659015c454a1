package org.backprop4j.integration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a test class's main in a fresh JVM with this JVM's class path. */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** A started JVM running {@code mainClass} with {@code args}; stderr goes to stdout. */
    public static Process start(Class<?> mainClass, String... args) throws IOException {
        return start(System.getProperty("java.class.path"), List.of("-Dorg.nd4j.log.initialization=false"),
                mainClass, args);
    }

    /**
     * A started JVM with the given class path and extra JVM options (such as
     * {@code -Dlogback.configurationFile=...}) running {@code mainClass}; stderr goes to stdout.
     */
    public static Process start(String classPath, List<String> options, Class<?> mainClass, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath));
        command.addAll(options);
        command.addAll(List.of("-Xss4m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", mainClass.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
