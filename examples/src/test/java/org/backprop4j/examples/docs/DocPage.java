package org.backprop4j.examples.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One Markdown page of {@code docs/}, read as lines, with its fenced code blocks and the marker
 * comments that tie them to tested sources:
 *
 * <pre>
 * &lt;!-- snippet: FirstModel --&gt;        the next fenced block is the marked region of
 * ```java                                  snippets/FirstModel.java
 *
 * &lt;!-- output: xor --&gt;                the next fenced block is what the registered
 * ```text                                  example "xor" prints now (see {@link DocExamples})
 *
 * &lt;!-- java-cells: KerasXor, KerasFitOptions --&gt;   every code span in the "Java" column of the
 * | Keras | backprop4j (Java) |                        next table occurs in one of these snippets
 * </pre>
 *
 * A marker is the last non-blank line before the block's opening fence (or the table's first row).
 */
final class DocPage {

    /** Marker kinds. */
    static final String SNIPPET = "snippet";
    static final String OUTPUT = "output";
    static final String JAVA_CELLS = "java-cells";

    private static final Pattern MARKER = Pattern.compile("^<!--\\s*(snippet|output|java-cells):\\s*(.+?)\\s*-->$");

    /**
     * A fenced code block.
     *
     * @param fenceLine 1-based line number of the opening fence
     * @param language the fence's info string, e.g. {@code java} ("" if none)
     * @param markerKind {@link #SNIPPET}, {@link #OUTPUT} or null when unmarked
     * @param markerValue the snippet name or example id, or null
     * @param content the lines between the fences
     * @param ordinal the block's position among the page's blocks with the same marker
     */
    record Block(int fenceLine, String language, String markerKind, String markerValue, List<String> content,
                 int ordinal) {
    }

    /**
     * A table preceded by a {@code java-cells} marker.
     *
     * @param firstLine 1-based line number of its header row
     * @param snippets the snippet names the marker lists
     * @param rows every row, header first, split into trimmed cells (the separator row left out)
     */
    record Table(int firstLine, List<String> snippets, List<List<String>> rows) {
    }

    private final Path path;
    private final List<String> lines;

    private DocPage(Path path, List<String> lines) {
        this.path = path;
        this.lines = lines;
    }

    /** The {@code docs/} folder: {@code ../docs} from the examples module (where Maven runs the tests). */
    static Path docsDir() {
        for (Path candidate : List.of(Path.of("..", "docs"), Path.of("docs"))) {
            if (Files.isRegularFile(candidate.resolve("README.md"))) {
                return candidate.normalize();
            }
        }
        throw new IllegalStateException("Cannot find docs/README.md from " + Path.of("").toAbsolutePath());
    }

    /** Every {@code *.md} page of {@code docs/} and of {@code docs/teachers/}, sorted by name. */
    static List<DocPage> all() {
        List<DocPage> pages = new ArrayList<>(pagesIn(docsDir()));
        Path teachers = docsDir().resolve("teachers");
        if (Files.isDirectory(teachers)) {
            pages.addAll(pagesIn(teachers));
        }
        return pages;
    }

    private static List<DocPage> pagesIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().map(DocPage::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DocPage read(Path path) {
        try {
            return new DocPage(path, Files.readAllLines(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    /** {@code docs/xor.md}: how failure messages name the page. */
    String name() {
        return "docs/" + docsDir().relativize(path).toString().replace('\\', '/');
    }

    /** The page's lines. */
    List<String> lines() {
        return lines;
    }

    Path path() {
        return path;
    }

    /** Every fenced block of the page, in order. */
    List<Block> blocks() {
        List<Block> blocks = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (!line.startsWith("```")) {
                i++;
                continue;
            }
            int close = i + 1;
            while (close < lines.size() && !lines.get(close).strip().equals("```")) {
                close++;
            }
            if (close == lines.size()) {
                throw new IllegalStateException(name() + " line " + (i + 1) + ": code fence is never closed");
            }
            String[] marker = markerBefore(i);
            String kind = marker == null ? null : marker[0];
            String value = marker == null ? null : marker[1];
            int ordinal = 0;
            for (Block earlier : blocks) {
                if (kind != null && kind.equals(earlier.markerKind()) && value.equals(earlier.markerValue())) {
                    ordinal++;
                }
            }
            blocks.add(new Block(i + 1, line.substring(3).strip(), kind, value,
                    List.copyOf(lines.subList(i + 1, close)), ordinal));
            i = close + 1;
        }
        return blocks;
    }

    /** Every table preceded by a {@code java-cells} marker. */
    List<Table> javaCellTables() {
        List<Table> tables = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("|")) {
                continue;
            }
            String[] marker = markerBefore(i);
            boolean startsTable = i == 0 || !lines.get(i - 1).startsWith("|");
            if (!startsTable || marker == null || !marker[0].equals(JAVA_CELLS)) {
                continue;
            }
            List<List<String>> rows = new ArrayList<>();
            int row = i;
            while (row < lines.size() && lines.get(row).startsWith("|")) {
                if (!lines.get(row).matches("^[|\\s:-]+$")) {
                    rows.add(cells(lines.get(row)));
                }
                row++;
            }
            tables.add(new Table(i + 1, List.of(marker[1].split("\\s*,\\s*")), rows));
        }
        return tables;
    }

    /**
     * Replaces the content of the {@code ordinal}-th block with this marker and writes the page
     * (used by {@code -Ddocs.update=true}).
     */
    static void replaceBlock(Path page, String kind, String value, int ordinal, List<String> newContent) {
        DocPage current = read(page);
        List<String> updated = new ArrayList<>(current.lines);
        for (Block block : current.blocks()) {
            if (kind.equals(block.markerKind()) && value.equals(block.markerValue()) && block.ordinal() == ordinal) {
                int from = block.fenceLine();
                int to = from + block.content().size();
                updated.subList(from, to).clear();
                updated.addAll(from, newContent);
                try {
                    Files.write(page, updated, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return;
            }
        }
        throw new IllegalStateException("No block <!-- " + kind + ": " + value + " --> #" + ordinal + " in " + page);
    }

    /** {kind, value} of the marker on the last non-blank line before line index {@code i}, or null. */
    private String[] markerBefore(int i) {
        int j = i - 1;
        while (j >= 0 && lines.get(j).isBlank()) {
            j--;
        }
        if (j < 0) {
            return null;
        }
        Matcher matcher = MARKER.matcher(lines.get(j).strip());
        return matcher.matches() ? new String[] {matcher.group(1), matcher.group(2)} : null;
    }

    private static List<String> cells(String row) {
        String inner = row.strip();
        inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("(?<!\\\\)\\|", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }
}
