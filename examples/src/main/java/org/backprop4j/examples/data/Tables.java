package org.backprop4j.examples.data;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the small numeric tables that ship in the examples' resources ({@code /data/...}), as
 * scikit-learn distributes them: one sample per line, fields split by commas or by spaces,
 * optionally gzipped (a name ending in {@code .gz}). Every row must have the same number of fields
 * and every field must be a number; otherwise an {@link IOException} names the resource, the line
 * and what is wrong.
 */
final class Tables {

    private Tables() {
    }

    /**
     * The rows of a resource.
     *
     * @param resource the class path resource, e.g. {@code /data/breast_cancer.csv}
     * @param skipLines header lines to skip (scikit-learn's CSVs start with one of counts and names)
     * @param columns the number of fields every row must have
     * @param rows the number of rows the resource must hold
     * @return {@code rows} arrays of {@code columns} numbers
     * @throws FileNotFoundException if the resource is not on the class path
     * @throws IOException if a row is malformed or the count is wrong, naming the line
     */
    static double[][] read(String resource, int skipLines, int columns, int rows) throws IOException {
        InputStream stream = Tables.class.getResourceAsStream(resource);
        if (stream == null) {
            throw new FileNotFoundException("The data set " + resource + " is not on the class path: it ships in the "
                    + "backprop4j-examples jar (src/main/resources" + resource + "); put that jar on the class path");
        }
        InputStream input = resource.endsWith(".gz") ? new GZIPInputStream(stream) : stream;
        List<double[]> table = new ArrayList<>(rows);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.US_ASCII))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (number <= skipLines || line.isBlank()) {
                    continue;
                }
                String[] fields = line.trim().split(line.indexOf(',') >= 0 ? "\\s*,\\s*" : "\\s+");
                if (fields.length != columns) {
                    throw new IOException(resource + " line " + number + " has " + fields.length + " fields, expected "
                            + columns);
                }
                if (table.size() == rows) {
                    throw new IOException(resource + " line " + number + " is beyond the " + rows + " rows expected");
                }
                double[] row = new double[columns];
                for (int k = 0; k < columns; k++) {
                    try {
                        row[k] = Double.parseDouble(fields[k]);
                    } catch (NumberFormatException e) {
                        throw new IOException(resource + " line " + number + " field " + (k + 1) + " is not a number: "
                                + fields[k], e);
                    }
                }
                table.add(row);
            }
        }
        if (table.size() != rows) {
            throw new IOException(resource + " holds " + table.size() + " rows, expected " + rows);
        }
        return table.toArray(new double[0][]);
    }
}
