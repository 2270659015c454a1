package org.backprop4j.examples.docs;

import java.util.List;

/** A readable account of where two lists of lines first differ, for assertion messages. */
final class TextDiff {

    private TextDiff() {
    }

    /** Null when equal, else the first differing line (1-based) with both versions of it. */
    static String firstDifference(List<String> docs, List<String> actual) {
        int common = Math.min(docs.size(), actual.size());
        for (int i = 0; i < common; i++) {
            if (!docs.get(i).equals(actual.get(i))) {
                return "first difference at line " + (i + 1) + " of the block:\n"
                        + "  docs:   " + docs.get(i) + "\n"
                        + "  actual: " + actual.get(i);
            }
        }
        if (docs.size() == actual.size()) {
            return null;
        }
        return docs.size() < actual.size()
                ? "the docs block ends after " + docs.size() + " lines; actual continues with:\n  " + actual.get(common)
                : "actual ends after " + actual.size() + " lines; the docs block continues with:\n  " + docs.get(common);
    }

    /** The lines, indented, for quoting in a message. */
    static String quote(List<String> lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append("    ").append(line).append('\n');
        }
        return text.toString();
    }
}
