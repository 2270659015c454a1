package org.backprop4j.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Java on the docs pages is the Java that compiles: every {@code <!-- snippet: Name -->} block
 * equals the marked region of {@code snippets/Name.java} (a test source, so it is compiled with the
 * tests; the runnable ones also run, through {@link DocOutputsTest}).
 *
 * <p>Run with {@code -Ddocs.update=true} to copy the sources' regions into the pages instead.
 */
class DocSnippetsTest {

    /** Pages on which every {@code ```java} block must be a snippet: nothing untested slips in. */
    static final List<String> STRICT_PAGES = List.of("getting-started.md", "keras-to-backprop4j.md",
            "backprop-by-hand.md", "notation.md", "activation-lab.md", "training-health.md",
            "softmax-derivative.md", "softmax-layer-derivative.md", "softmax-cross-entropy.md",
            "backprop-in-backprop4j.md", "xor.md", "generalisation.md");

    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");

    @TestFactory
    Stream<DynamicTest> snippetBlocksEqualTheMarkedRegionsOfTheirSources() {
        List<DynamicTest> tests = new ArrayList<>();
        for (DocPage page : DocPage.all()) {
            for (DocPage.Block block : page.blocks()) {
                if (DocPage.SNIPPET.equals(block.markerKind())) {
                    String where = page.name() + " line " + block.fenceLine() + " (snippet " + block.markerValue() + ")";
                    tests.add(DynamicTest.dynamicTest(where, () -> checkSnippet(page, block, where)));
                }
            }
        }
        assertTrue(!tests.isEmpty(), "no snippet blocks found in docs/");
        return tests.stream();
    }

    private static void checkSnippet(DocPage page, DocPage.Block block, String where) {
        assertEquals("java", block.language(), where + ": a snippet block must be a ```java block");
        List<String> source = Snippets.region(block.markerValue());
        List<String> shown = Snippets.normalise(block.content());
        String difference = TextDiff.firstDifference(shown, source);
        if (difference == null) {
            return;
        }
        if (Boolean.getBoolean("docs.update")) {
            DocPage.replaceBlock(page.path(), DocPage.SNIPPET, block.markerValue(), block.ordinal(), source);
            return;
        }
        fail(where + " differs from the marked region of " + Snippets.file(block.markerValue()) + ": " + difference
                + "\nThe source's region is:\n" + TextDiff.quote(source)
                + "(edit the source, then run the tests with -Ddocs.update=true to copy it into the page)");
    }

    @Test
    void everyJavaBlockOnTheTestedPagesIsASnippet() {
        List<String> problems = new ArrayList<>();
        for (String name : STRICT_PAGES) {
            Path path = DocPage.docsDir().resolve(name);
            assertTrue(Files.isRegularFile(path), "tested page " + path + " is missing");
            DocPage page = DocPage.read(path);
            for (DocPage.Block block : page.blocks()) {
                if (block.language().equals("java") && !DocPage.SNIPPET.equals(block.markerKind())) {
                    problems.add(page.name() + " line " + block.fenceLine()
                            + ": a ```java block without <!-- snippet: Name --> before it");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @TestFactory
    Stream<DynamicTest> javaCellsOfMarkedTablesOccurInTheirSnippets() {
        List<DynamicTest> tests = new ArrayList<>();
        for (DocPage page : DocPage.all()) {
            for (DocPage.Table table : page.javaCellTables()) {
                String where = page.name() + " table at line " + table.firstLine();
                tests.add(DynamicTest.dynamicTest(where, () -> checkJavaCells(table, where)));
            }
        }
        assertTrue(!tests.isEmpty(), "no <!-- java-cells: ... --> table found in docs/");
        return tests.stream();
    }

    private static void checkJavaCells(DocPage.Table table, String where) {
        List<String> header = table.rows().get(0);
        List<Integer> javaColumns = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (header.get(c).toLowerCase().contains("java")) {
                javaColumns.add(c);
            }
        }
        assertTrue(!javaColumns.isEmpty(), where + ": no column whose header mentions Java");
        StringBuilder sources = new StringBuilder();
        List<String> names = table.snippets().equals(List.of("*"))
                ? Snippets.files().stream().map(f -> f.getFileName().toString().replace(".java", "")).toList()
                : table.snippets();
        for (String snippet : names) {
            sources.append(Snippets.collapsedSource(snippet)).append('\n');
        }
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (List<String> row : table.rows().subList(1, table.rows().size())) {
            for (int c : javaColumns) {
                Matcher span = CODE_SPAN.matcher(c < row.size() ? row.get(c) : "");
                while (span.find()) {
                    checked++;
                    String code = Snippets.collapse(span.group(1));
                    if (!sources.toString().contains(code)) {
                        missing.add(code);
                    }
                }
            }
        }
        assertTrue(checked > 0, where + ": no code in the Java column");
        assertTrue(missing.isEmpty(), where + ": these Java cells occur in none of " + table.snippets()
                + " (so nothing shows they compile):\n" + TextDiff.quote(missing));
    }

    /** Snippet sources with a marked region must be shown somewhere (helpers without one, such as Print, need not). */
    @Test
    void everySnippetSourceIsShownOnAPage() {
        Set<String> shown = new HashSet<>();
        for (DocPage page : DocPage.all()) {
            for (DocPage.Block block : page.blocks()) {
                if (DocPage.SNIPPET.equals(block.markerKind())) {
                    shown.add(Snippets.file(block.markerValue()).getFileName().toString());
                }
            }
            for (DocPage.Table table : page.javaCellTables()) {
                for (String snippet : table.snippets()) {
                    shown.add(Snippets.file(snippet).getFileName().toString());
                }
            }
        }
        List<String> orphans = new ArrayList<>();
        for (Path file : Snippets.files()) {
            if (Snippets.hasRegion(file) && !shown.contains(file.getFileName().toString())) {
                orphans.add(file.getFileName().toString());
            }
        }
        assertTrue(orphans.isEmpty(), "snippet sources no page shows (delete them or show them): " + orphans);
    }
}
