package org.backprop4j.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The mathematics on the docs pages renders on GitHub. GitHub reads a page as Markdown first and
 * hands what it finds between dollar signs to its math renderer second, which breaks two things
 * that look fine in a local preview:
 * <ul>
 *   <li><b>Backslash before punctuation</b> inside {@code $...$} or {@code $$...$$}: Markdown treats
 *       {@code \,} {@code \;} {@code \!} {@code \{} {@code \\} as escaped punctuation and drops the
 *       backslash, so {@code s\, s^\top} shows a visible comma. Write the formula without it (or in a
 *       {@code ```math} block, which Markdown leaves alone).</li>
 *   <li><b>Inline math glued to the text before it</b>: {@code ($x$)}, {@code [$x$}, {@code a$x$}
 *       stay raw dollar signs. An inline {@code $} must open at the start of a line or after a space,
 *       and its closing {@code $} must not be followed by a letter or digit; inside brackets use the
 *       {@code $`x`$} form, which may follow a bracket.</li>
 * </ul>
 * Inline math must also close on the line it opens on, so that every pair of dollars is checked.
 * <ul>
 *   <li><b>Emphasis pairs</b>: in inline math, an underscore right after a closing bracket, as in
 *       {@code (\Delta_2)_{b} a_{b1}}, can be read by Markdown as the start of emphasis when
 *       another underscore follows later in the same span, which then closes it: the text between
 *       turns italic and both underscores vanish. Write such a formula without the bracket before
 *       the subscript (e.g. {@code \Delta_{2,b}}), or in a {@code ```math} block.</li>
 * </ul>
 */
class DocMathTest {

    /** What Markdown treats as escapable: every ASCII punctuation character. */
    private static final Pattern BACKSLASH_PUNCTUATION = Pattern.compile("\\\\[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]");
    /** {@code $`...`$}: code-span math, which Markdown leaves alone. */
    private static final Pattern DOLLAR_BACKTICK = Pattern.compile("\\$`[^`]*`\\$");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
    /** An underscore right after a closing bracket, with another underscore later in the span. */
    private static final Pattern EMPHASIS_PAIR = Pattern.compile("[)\\]]_.*_");

    @Test
    void mathOnEveryPageRendersOnGitHub() throws IOException {
        List<String> problems = new ArrayList<>();
        int formulas = 0;
        for (Path page : pages()) {
            formulas += check(page, Files.readAllLines(page, StandardCharsets.UTF_8), problems);
        }
        assertTrue(formulas > 100, "found only " + formulas + " formulas: is the scanner broken?");
        assertTrue(problems.isEmpty(), "math that GitHub renders wrongly:\n" + String.join("\n", problems));
    }

    @Test
    void theCheckFindsEachKindOfProblem() {
        List<String> problems = new ArrayList<>();
        List<String> page = List.of(
                "fine: $a + b$, $`(x)`$ and (see $`\\,x`$) and `code $\\,$` and",
                "$$",
                "J = \\operatorname{diag}(s) - s\\, s^\\top",
                "$$",
                "inline $x\\;y$ here",
                "a bracket ($x$) here",
                "glued$x$ here",
                "followed $x$y by a letter",
                "opens $x here",
                "and closes there$",
                "pair $\\sum_b (\\Delta_2)_{b} a_{b1}$ and fine $(g J)_j + 1$ and $`(x)_i y_j`$",
                "```math",
                "\\frac{a}{b}\\, c \\\\ d",
                "```");
        int formulas = check(Path.of("example.md"), page, problems);

        assertEquals(11, formulas, String.join("\n", problems));
        assertEquals(List.of(
                "example.md line 3: backslash before punctuation in display math: '\\,'",
                "example.md line 5: backslash before punctuation in inline math: '\\;'",
                "example.md line 6: inline math opens right after '(': GitHub leaves it raw (put a space before it, or write $`...`$)",
                "example.md line 7: inline math opens right after 'd': GitHub leaves it raw (put a space before it, or write $`...`$)",
                "example.md line 8: inline math is followed by 'y': GitHub leaves it raw",
                "example.md line 9: a '$' that does not close on its line (inline math must open and close on one line)",
                "example.md line 10: a '$' that does not close on its line (inline math must open and close on one line)",
                "example.md line 11: an underscore after a closing bracket and another later in inline math: Markdown can"
                        + " read them as emphasis: ')_{b} a_'"),
                problems);
    }

    /** docs/*.md and the repository's README. */
    private static List<Path> pages() {
        List<Path> pages = new ArrayList<>();
        for (DocPage page : DocPage.all()) {
            pages.add(page.path());
        }
        Path readme = DocPage.docsDir().resolve("..").resolve("README.md").normalize();
        if (Files.isRegularFile(readme)) {
            pages.add(readme);
        }
        return pages;
    }

    /** Adds a line per problem; returns the number of formulas seen. */
    static int check(Path page, List<String> lines, List<String> problems) {
        Path folder = page.getParent() == null ? null : page.getParent().getFileName();
        String name = folder == null ? page.toString() : folder + "/" + page.getFileName();
        int formulas = 0;
        boolean inFence = false;
        boolean inDisplay = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String where = name + " line " + (i + 1) + ": ";
            if (line.stripLeading().startsWith("```")) {
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                continue;
            }
            if (line.strip().equals("$$")) {
                inDisplay = !inDisplay;
                formulas += inDisplay ? 1 : 0;
                continue;
            }
            if (inDisplay) {
                backslashPunctuation(line, "display math", where, problems);
                continue;
            }
            Matcher codeMath = DOLLAR_BACKTICK.matcher(line);
            while (codeMath.find()) {
                formulas++;
                if (codeMath.start() > 0 && Character.isLetter(line.charAt(codeMath.start() - 1))) {
                    problems.add(where + "$`...`$ math opens right after a letter: GitHub leaves it raw");
                }
            }
            String text = CODE_SPAN.matcher(DOLLAR_BACKTICK.matcher(line).replaceAll("M")).replaceAll("C");
            formulas += inline(text, where, problems);
        }
        return formulas;
    }

    /** Checks the {@code $...$} and one-line {@code $$...$$} formulas of one line of prose. */
    private static int inline(String text, String where, List<String> problems) {
        int formulas = 0;
        int i = 0;
        while (i < text.length()) {
            int open = nextDollar(text, i);
            if (open < 0) {
                break;
            }
            boolean display = text.startsWith("$$", open);
            String delimiter = display ? "$$" : "$";
            int from = open + delimiter.length();
            int close = display ? text.indexOf("$$", from) : nextDollar(text, from);
            if (close < 0) {
                problems.add(where + "a '$' that does not close on its line (inline math must open and close on one line)");
                break;
            }
            formulas++;
            String content = text.substring(from, close);
            backslashPunctuation(content, display ? "display math" : "inline math", where, problems);
            if (!display) {
                Matcher pair = EMPHASIS_PAIR.matcher(content);
                if (pair.find()) {
                    String shown = content.substring(pair.start(), Math.min(content.length(),
                            content.indexOf('_', pair.start() + 2) + 1));
                    problems.add(where + "an underscore after a closing bracket and another later in inline math:"
                            + " Markdown can read them as emphasis: '" + shown + "'");
                }
                char before = open == 0 ? ' ' : text.charAt(open - 1);
                if (!Character.isWhitespace(before)) {
                    problems.add(where + "inline math opens right after '" + before
                            + "': GitHub leaves it raw (put a space before it, or write $`...`$)");
                }
                int after = close + 1;
                if (after < text.length() && Character.isLetterOrDigit(text.charAt(after))) {
                    problems.add(where + "inline math is followed by '" + text.charAt(after) + "': GitHub leaves it raw");
                }
            }
            i = close + delimiter.length();
        }
        return formulas;
    }

    /** The index of the next unescaped {@code $} at or after {@code from}, or -1. */
    private static int nextDollar(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == '$' && (i == 0 || text.charAt(i - 1) != '\\')) {
                return i;
            }
        }
        return -1;
    }

    private static void backslashPunctuation(String math, String kind, String where, List<String> problems) {
        Matcher matcher = BACKSLASH_PUNCTUATION.matcher(math);
        while (matcher.find()) {
            problems.add(where + "backslash before punctuation in " + kind + ": '" + matcher.group() + "'");
        }
    }
}
