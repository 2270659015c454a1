package org.backprop4j.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The Learn path of docs/README.md is complete and in order: its table lists the pages in the
 * order the path is taught; every page states its objectives, ends with exercises whose answers are
 * not on the page, and links to the next page; the answer key has a section for every page with
 * exercises; and the index lists every page of docs/.
 */
class DocLearnPathTest {

    /** The order the path must start with (issue 24): the other pages follow in any order. */
    static final List<String> FIRST_STEPS = List.of("getting-started.md", "backprop-by-hand.md",
            "computational-graph.md", "xor.md", "notation.md", "softmax-derivative.md", "softmax-layer-derivative.md",
            "softmax-cross-entropy.md", "deep-backprop.md", "generalisation.md");

    private static final Pattern ROW = Pattern.compile("^\\| (\\d+) \\| \\[([^\\]]+)\\]\\(([^)#]+\\.md)\\) \\|");
    private static final Pattern LINK = Pattern.compile("\\]\\(([a-z0-9-]+\\.md)[)#]");
    private static final Pattern NEXT = Pattern.compile("Next: \\[[^\\]]+\\]\\(([^)#]+)");

    /** The path's pages, in the order of the Learn table. */
    static List<String> path() {
        List<String> pages = new ArrayList<>();
        boolean inLearn = false;
        for (String line : DocPage.read(DocPage.docsDir().resolve("README.md")).lines()) {
            if (line.startsWith("## ")) {
                inLearn = line.equals("## Learn");
            }
            Matcher row = ROW.matcher(line);
            if (inLearn && row.find()) {
                assertEquals(pages.size(), Integer.parseInt(row.group(1)), "step numbers of the Learn table: " + line);
                pages.add(row.group(3));
            }
        }
        return pages;
    }

    @Test
    void thePathGoesInTheTaughtOrder() {
        List<String> path = path();
        assertTrue(path.size() > FIRST_STEPS.size(), "the Learn table lists " + path);
        assertEquals(FIRST_STEPS, path.subList(0, FIRST_STEPS.size()));
    }

    @Test
    void everyStepHasObjectivesExercisesWithoutAnswersAndANextLink() {
        List<String> path = path();
        List<String> problems = new ArrayList<>();
        for (int k = 0; k < path.size(); k++) {
            String name = path.get(k);
            List<String> lines = DocPage.read(DocPage.docsDir().resolve(name)).lines();
            String text = String.join("\n", lines);
            if (!text.contains("**After this page you can:**") && !text.contains("**After this lab you can:**")) {
                problems.add(name + ": no objectives (**After this page you can:**)");
            }
            int exercises = text.indexOf("\n## Exercises\n");
            if (exercises < 0 || !text.substring(exercises).matches("(?s).*\\n1\\. .*")) {
                problems.add(name + ": no ## Exercises section with a numbered exercise");
            }
            if (text.contains("<summary>Answer")) {
                problems.add(name + ": shows an answer; answers belong in docs/teachers/answers.md");
            }
            String next = null;
            for (String line : lines) {
                Matcher matcher = NEXT.matcher(line);
                if (matcher.find()) {
                    next = matcher.group(1);
                }
            }
            if (k + 1 < path.size() && !path.get(k + 1).equals(next)) {
                problems.add(name + ": its Next: link goes to " + next + ", the path's next step is " + path.get(k + 1));
            }
            if (k + 1 == path.size() && !text.contains("Next: ")) {
                problems.add(name + ": the last step has no Next: line");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theAnswerKeyCoversEveryStepWithExercises() {
        String key = String.join("\n", DocPage.read(DocPage.docsDir().resolve("teachers/answers.md")).lines());
        String labs = String.join("\n", DocPage.read(DocPage.docsDir().resolve("teachers/labs.md")).lines());
        List<String> missing = new ArrayList<>();
        for (String name : path()) {
            String title = DocPage.read(DocPage.docsDir().resolve(name)).lines().get(0).substring(2);
            boolean covered = key.contains("\n## " + title + "\n") && key.contains("](../" + name + "#exercises)")
                    || name.equals("labs.md") && labs.contains("## Answers to the labs page's exercises");
            if (!covered) {
                missing.add(name + " (\"" + title + "\")");
            }
        }
        assertTrue(missing.isEmpty(), "the answer key has no section for: " + missing);
    }

    @Test
    void theIndexListsEveryPage() {
        String index = String.join("\n", DocPage.read(DocPage.docsDir().resolve("README.md")).lines());
        Set<String> listed = new TreeSet<>();
        Matcher link = LINK.matcher(index);
        while (link.find()) {
            listed.add(link.group(1));
        }
        Matcher teachers = Pattern.compile("\\]\\((teachers/[a-z0-9-]+\\.md)\\)").matcher(index);
        while (teachers.find()) {
            listed.add(teachers.group(1));
        }
        Set<String> unlisted = new TreeSet<>();
        for (DocPage page : DocPage.all()) {
            String relative = page.name().substring("docs/".length());
            if (!relative.equals("README.md") && !listed.contains(relative)) {
                unlisted.add(relative);
            }
        }
        assertTrue(unlisted.isEmpty(), "docs/README.md does not list " + unlisted);
    }
}
