package org.backprop4j.examples.labs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.backprop4j.examples.docs.snippets.LabSolutions;
import org.junit.jupiter.api.Test;

/**
 * The grader of docs/labs.md passes the teachers' solutions and fails the broken ones, each on the
 * check the page says; the unfinished templates fail without crashing. (docs/labs.md shows the
 * grader's output for each, compared by DocOutputsTest.)
 */
class LabGradingTest {

    @Test
    void layerLab() {
        assertTrue(grade(out -> Grader.gradeLayer(LabSolutions.CorrectDense::new, "CorrectDense", out)).passed());
        Graded broken = grade(out -> Grader.gradeLayer(LabSolutions.BrokenDense::new, "BrokenDense", out));
        assertFalse(broken.passed());
        assertTrue(broken.output().contains("FAIL gradient check of output/bias"), broken.output());
        assertTrue(broken.output().contains("PASS gradient check of output/kernel"), broken.output());
    }

    @Test
    void optimizerLab() {
        assertTrue(grade(out -> Grader.gradeOptimizer(LabSolutions.CorrectMomentum::new, "CorrectMomentum", out)).passed());
        Graded broken = grade(out -> Grader.gradeOptimizer(LabSolutions.BrokenMomentum::new, "BrokenMomentum", out));
        assertFalse(broken.passed());
        assertTrue(broken.output().contains("FAIL three steps"), broken.output());
    }

    @Test
    void lossLab() {
        assertTrue(grade(out -> Grader.gradeLoss(LabSolutions.CorrectMeanSquaredError::new, "CorrectMeanSquaredError",
                out)).passed());
        Graded broken = grade(out -> Grader.gradeLoss(LabSolutions.BrokenMeanSquaredError::new, "BrokenMeanSquaredError",
                out));
        assertFalse(broken.passed());
        assertTrue(broken.output().contains("FAIL dL/dp equals central differences"), broken.output());
    }

    @Test
    void theUnfinishedTemplatesFailWithTheirMessage() {
        for (String lab : Grader.LABS) {
            Graded template = grade(out -> Grader.gradeStudent(lab, out));
            assertFalse(template.passed(), lab);
            assertTrue(template.output().contains("is not done yet"), template.output());
        }
    }

    @Test
    void theOneCommandRunnerGradesAllThreeAndExitsWithStatusOneUntilTheyPass() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            status = org.backprop4j.examples.Launcher.run(out, out, "grade");
        }
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(status == 1, output);
        assertTrue(output.contains("Lab 1") && output.contains("Lab 2") && output.contains("Lab 3"), output);
        assertTrue(org.backprop4j.examples.Launcher.run(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), "grade", "nonsense") == 2);
    }

    record Graded(boolean passed, String output) {
    }

    interface Grading {
        boolean run(PrintStream out);
    }

    static Graded grade(Grading grading) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean passed;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            passed = grading.run(out);
        }
        return new Graded(passed, bytes.toString(StandardCharsets.UTF_8));
    }
}
