package org.backprop4j.examples.labs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Grades the student's own classes as JUnit tests, for a teacher's or a CI's test report:
 * {@code mvn -B -q -pl examples -am test -Dtest=StudentLabsTest -Dlabs=student
 * -Dsurefire.failIfNoSpecifiedTests=false}. Off in the normal build, where the classes are the
 * unfinished templates.
 */
@EnabledIfSystemProperty(named = "labs", matches = "student")
class StudentLabsTest {

    @ParameterizedTest
    @ValueSource(strings = {"layer", "optimizer", "loss"})
    void theStudentsLabPasses(String lab) {
        LabGradingTest.Graded graded = LabGradingTest.grade(out -> Grader.gradeStudent(lab, out));
        System.out.print(graded.output());
        assertTrue(graded.passed(), graded.output());
    }
}
