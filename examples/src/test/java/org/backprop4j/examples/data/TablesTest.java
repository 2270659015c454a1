package org.backprop4j.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;

import org.junit.jupiter.api.Test;

/** Tables: the shipped tables read, and what a damaged or missing one says. */
class TablesTest {

    @Test
    void readsCommaAndSpaceSeparatedTablesGzippedOrNot() throws Exception {
        double[][] cancer = Tables.read(Datasets.BREAST_CANCER_RESOURCE, 1, 31, 569);
        assertEquals(17.99, cancer[0][0]);
        assertEquals(1.0, cancer[568][30], "the last sample of the file is benign");
        double[][] diabetes = Tables.read(Datasets.DIABETES_RESOURCE, 0, 10, 442);
        assertArrayEquals(new double[] {59, 2, 32.1, 101, 157, 93.2, 38, 4, 4.8598, 87}, diabetes[0]);
        assertEquals(151.0, Tables.read(Datasets.DIABETES_TARGET_RESOURCE, 0, 1, 442)[0][0]);
    }

    @Test
    void aWrongShapeOrAMissingResourceIsNamed() {
        IOException fields = assertThrows(IOException.class, () -> Tables.read(Datasets.BREAST_CANCER_RESOURCE, 1, 30, 569));
        assertTrue(fields.getMessage().contains("/data/breast_cancer.csv line 2 has 31 fields, expected 30"), fields.getMessage());
        IOException header = assertThrows(IOException.class, () -> Tables.read(Datasets.BREAST_CANCER_RESOURCE, 0, 31, 569));
        assertTrue(header.getMessage().contains("line 1 has 4 fields"), header.getMessage());
        IOException rows = assertThrows(IOException.class, () -> Tables.read(Datasets.DIABETES_RESOURCE, 0, 10, 400));
        assertTrue(rows.getMessage().contains("line 401 is beyond the 400 rows expected"), rows.getMessage());
        IOException few = assertThrows(IOException.class, () -> Tables.read(Datasets.DIABETES_RESOURCE, 0, 10, 500));
        assertTrue(few.getMessage().contains("holds 442 rows, expected 500"), few.getMessage());
        FileNotFoundException missing = assertThrows(FileNotFoundException.class, () -> Tables.read("/data/none.csv", 0, 1, 1));
        assertTrue(missing.getMessage().contains("/data/none.csv is not on the class path"), missing.getMessage());
    }
}
