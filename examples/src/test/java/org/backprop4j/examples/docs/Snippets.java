package org.backprop4j.examples.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Java shown in the docs lives in {@code snippets/*.java} under this package's test sources, so
 * that it compiles with the tests (and the runnable ones run, see {@link DocExamples}). The part a
 * page shows is marked in the source:
 *
 * <pre>
 * // snippet-start            (or "// snippet-start: name" for one of several regions in a file)
 * ...
 * // snippet-end
 * </pre>
 *
 * and the page refers to it as {@code <!-- snippet: FileName -->} (or {@code FileName#name}).
 */
final class Snippets {

    static final String START = "// snippet-start";
    static final String END = "// snippet-end";

    private Snippets() {
    }

    /** The folder of the snippet sources, relative to the examples module. */
    static Path dir() {
        return Path.of("src", "test", "java", "org", "backprop4j", "examples", "docs", "snippets");
    }

    /** The source file a snippet reference names: {@code FirstModel#part} is in {@code FirstModel.java}. */
    static Path file(String reference) {
        int hash = reference.indexOf('#');
        return dir().resolve((hash < 0 ? reference : reference.substring(0, hash)) + ".java");
    }

    /** Every snippet source file, sorted. */
    static List<Path> files() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The marked region of a snippet, normalised with {@link #normalise}.
     *
     * @throws IllegalArgumentException if the file or the region does not exist
     */
    static List<String> region(String reference) {
        Path file = file(reference);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No snippet source " + file.toAbsolutePath() + " for '" + reference + "'");
        }
        int hash = reference.indexOf('#');
        String regionName = hash < 0 ? "" : reference.substring(hash + 1);
        List<String> lines = read(file);
        List<String> region = null;
        for (String line : lines) {
            String trimmed = line.strip();
            if (region == null && trimmed.startsWith(START) && regionName(trimmed).equals(regionName)) {
                region = new ArrayList<>();
            } else if (region != null && trimmed.equals(END)) {
                return normalise(region);
            } else if (region != null) {
                region.add(line);
            }
        }
        throw new IllegalArgumentException(file + " has no complete region '" + START
                + (regionName.isEmpty() ? "" : ": " + regionName) + "' ... '" + END + "'");
    }

    /**
     * Strips the common indentation of the non-blank lines, trailing spaces, and blank lines at
     * either end, so a region indented inside a method compares equal to a block at column 0.
     */
    static List<String> normalise(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                indent = Math.min(indent, line.length() - line.stripLeading().length());
            }
        }
        List<String> result = new ArrayList<>();
        for (String line : lines) {
            result.add(line.isBlank() ? "" : line.substring(indent).stripTrailing());
        }
        while (!result.isEmpty() && result.get(0).isEmpty()) {
            result.remove(0);
        }
        while (!result.isEmpty() && result.get(result.size() - 1).isEmpty()) {
            result.remove(result.size() - 1);
        }
        return result;
    }

    /** Whether the file has at least one {@code // snippet-start} line. */
    static boolean hasRegion(Path file) {
        return read(file).stream().anyMatch(line -> line.strip().startsWith(START));
    }

    /** The whole source with every run of white space collapsed to one space (for table cells). */
    static String collapsedSource(String name) {
        return collapse(String.join("\n", read(file(name))));
    }

    static String collapse(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static String regionName(String startLine) {
        String rest = startLine.substring(START.length()).strip();
        return rest.startsWith(":") ? rest.substring(1).strip() : rest;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
