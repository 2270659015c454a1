package org.backprop4j.examples.docs;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an example's output (or a docs block showing it) into the form the docs test compares.
 *
 * <p>Everything an example prints is compared exactly (summaries, losses, predictions, tables),
 * except what depends on the machine and the moment:
 * <ol>
 *   <li><b>Timings.</b> A line matching one of {@link #MASKS} has its timing fields replaced by
 *       {@code <time>}; the rest of the line (for a progress line: the loss and metrics) is still
 *       compared exactly. Both sides are masked, so the docs can show the numbers of a real run.</li>
 *   <li><b>Round-off</b>, for the examples registered as printing it (see
 *       {@code DocExamples.ROUND_OFF}): a number in scientific notation below a limit, 1e-9 for
 *       most, such as {@code 2.8e-17} or {@code 0.0e+00}, is there to show the size of a rounding
 *       error, and its digits depend on the CPU and the native math library, so it compares as
 *       {@code <round-off>} ({@link #ROUND_OFF}). An error at or above the limit is still seen. The
 *       gradient checks' relative errors (central differences amplify rounding errors of the loss to
 *       about 1e-10 / |gradient|) have the limit 1e-4, and their verdict lines are compared. Other
 *       outputs keep their small numbers (a probability of {@code 9.3576e-14} is a result).</li>
 *   <li><b>Full-precision doubles.</b> A number printed with 10 or more decimals (Java's
 *       {@code Double.toString}, e.g. {@code 2.4872376838193384}) is compared to 6 significant
 *       digits, because its last digits depend on the order of floating-point operations in the
 *       native library.</li>
 *   <li><b>Thinned progress.</b> {@code fit} prints the first and the last epoch always, and the
 *       epochs in between only if at least half a second passed since the last printed one, which
 *       depends on the machine's speed. So an {@code Epoch k/N} header with {@code 1 < k < N} and its
 *       progress line are dropped from the example's output, and the docs show a single line
 *       {@value #ELISION} in their place (dropped too). A docs block may not show such an epoch.</li>
 * </ol>
 * Trailing spaces and leading or trailing blank lines are ignored.
 */
final class OutputNormaliser {

    /** What the docs print where thinned epochs were. */
    static final String ELISION = "...";

    /**
     * A volatile part of an output line.
     *
     * @param what what the mask is for, for the docs of this class
     * @param pattern matched with {@link Matcher#find()} against each line
     * @param replacement the {@link Matcher#replaceAll(String)} replacement
     */
    record Mask(String what, Pattern pattern, String replacement) {
    }

    /** The volatile timing fields. Add a mask here when an example prints a new kind of timing. */
    static final List<Mask> MASKS = List.of(
            new Mask("verbose-1 progress bar: '1/1 [====] - 0s 3ms/step - loss: ...'",
                    Pattern.compile("^(\\s*\\d+/\\d+ \\[[=>.]*\\]) - \\d+s \\d+(?:us|ms|s)/step"),
                    "$1 - <time>"),
            new Mask("verbose-2 progress line: '1/1 - 0s - loss: ... - 3ms/step'",
                    Pattern.compile("^(\\d+/\\d+) - \\d+s( - .*)? - \\d+(?:us|ms|s)/step$"),
                    "$1 - <time>$2 - <time>/step"),
            new Mask("Xor's wall-clock time: 'Trained in 4.97 s (993 us per epoch)'",
                    Pattern.compile("^Trained in \\d+(?:\\.\\d+)? s \\(\\d+ us per epoch\\)$"),
                    "Trained in <time>"),
            new Mask("BitReversal's wall-clock time: 'Trained in 8.06 s; final loss 0.00573'",
                    Pattern.compile("^Trained in \\d+(?:\\.\\d+)? s;"),
                    "Trained in <time>;"),
            new Mask("Fashion's wall-clock time: 'Training took 68.7 s'",
                    Pattern.compile("^Training took \\d+(?:\\.\\d+)? s$"),
                    "Training took <time>"));

    /**
     * Rounding errors: '2.8e-17', '-1.388e-17', '0.0e+00' (in scientific notation, below the
     * example's limit: see {@link #maskRoundOff}).
     */
    static final Mask ROUND_OFF = new Mask("round-off: '2.8e-17', '-1.388e-17', '0.0e+00'",
            Pattern.compile("(?<![\\w.])-?(?:\\d\\.\\d+e-(\\d+)|0\\.0+e[+-]00)(?![\\w.])"),
            "<round-off>");

    /** The usual round-off limit: numbers below 1e-9, i.e. with an exponent of -10 or less. */
    static final int ROUND_OFF_EXPONENT = 10;

    /** A full-precision double, compared to {@value #SIGNIFICANT_DIGITS} significant digits. */
    private static final Pattern LONG_DECIMAL = Pattern.compile("(?<![\\w.])-?\\d+\\.\\d{10,}(?:E-?\\d+)?(?![\\w.])");
    private static final int SIGNIFICANT_DIGITS = 6;

    private static final Pattern EPOCH_HEADER = Pattern.compile("^Epoch (\\d+)/(\\d+)$");
    private static final Pattern PROGRESS_LINE = Pattern.compile("^\\s*\\d+/\\d+ ");

    private OutputNormaliser() {
    }

    /** The comparable form of an output or of a docs block: thinned epochs and elisions dropped, timings masked. */
    static List<String> normalise(List<String> lines) {
        return normalise(lines, false);
    }

    /** As {@link #normalise(List)}, also masking rounding errors below 1e-9 ({@link #ROUND_OFF}) when {@code roundOff}. */
    static List<String> normalise(List<String> lines, boolean roundOff) {
        return normalise(lines, roundOff ? ROUND_OFF_EXPONENT : 0);
    }

    /**
     * As {@link #normalise(List)}, also masking as {@code <round-off>} every number in scientific
     * notation whose exponent is {@code -roundOffExponent} or less (none when 0): 10 masks those below
     * 1e-9, 5 those below 1e-4.
     */
    static List<String> normalise(List<String> lines, int roundOffExponent) {
        List<String> result = new ArrayList<>();
        List<String> clean = stripped(lines);
        for (int i = 0; i < clean.size(); i++) {
            String line = clean.get(i);
            if (isThinnedEpochHeader(line)) {
                if (i + 1 < clean.size() && PROGRESS_LINE.matcher(clean.get(i + 1)).find()) {
                    i++;
                }
                continue;
            }
            if (line.equals(ELISION)) {
                continue;
            }
            String masked = mask(line);
            result.add(roundOffExponent > 0 ? maskRoundOff(masked, roundOffExponent) : masked);
        }
        return trimBlankEnds(result);
    }

    /** How the docs should show an output: runs of thinned epochs collapsed to one {@value #ELISION} line. */
    static List<String> forDocs(List<String> lines) {
        List<String> result = new ArrayList<>();
        List<String> clean = stripped(lines);
        for (int i = 0; i < clean.size(); i++) {
            String line = clean.get(i);
            if (isThinnedEpochHeader(line)) {
                if (i + 1 < clean.size() && PROGRESS_LINE.matcher(clean.get(i + 1)).find()) {
                    i++;
                }
                if (result.isEmpty() || !result.get(result.size() - 1).equals(ELISION)) {
                    result.add(ELISION);
                }
                continue;
            }
            result.add(line);
        }
        return trimBlankEnds(result);
    }

    /** The first line of a docs block that shows a thinned epoch (which the test cannot check), or null. */
    static String firstThinnedEpoch(List<String> lines) {
        for (String line : stripped(lines)) {
            if (isThinnedEpochHeader(line)) {
                return line;
            }
        }
        return null;
    }

    /** {@code line} with each number in scientific notation of exponent {@code -minExponent} or less (and 0.0e+00) masked. */
    static String maskRoundOff(String line, int minExponent) {
        return ROUND_OFF.pattern().matcher(line).replaceAll(number -> number.group(1) == null
                || Integer.parseInt(number.group(1)) >= minExponent
                ? ROUND_OFF.replacement() : Matcher.quoteReplacement(number.group()));
    }

    static String mask(String line) {
        String masked = line;
        for (Mask mask : MASKS) {
            masked = mask.pattern().matcher(masked).replaceAll(mask.replacement());
        }
        return LONG_DECIMAL.matcher(masked).replaceAll(number -> Matcher.quoteReplacement(
                new BigDecimal(number.group()).round(new MathContext(SIGNIFICANT_DIGITS)).toString() + "~"));
    }

    private static boolean isThinnedEpochHeader(String line) {
        Matcher header = EPOCH_HEADER.matcher(line);
        if (!header.matches()) {
            return false;
        }
        long epoch = Long.parseLong(header.group(1));
        return epoch != 1 && epoch != Long.parseLong(header.group(2));
    }

    private static List<String> stripped(List<String> lines) {
        List<String> result = new ArrayList<>();
        for (String line : lines) {
            result.add(line.stripTrailing());
        }
        return result;
    }

    private static List<String> trimBlankEnds(List<String> lines) {
        int from = 0;
        int to = lines.size();
        while (from < to && lines.get(from).isEmpty()) {
            from++;
        }
        while (to > from && lines.get(to - 1).isEmpty()) {
            to--;
        }
        return new ArrayList<>(lines.subList(from, to));
    }
}
