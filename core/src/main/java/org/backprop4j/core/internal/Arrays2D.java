package org.backprop4j.core.internal;

import java.nio.ByteBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Small helpers for reading matrices into Java arrays, used where plain loops are clearest.
 *
 * <p>Threads: safe to call from any thread; the scratch arrays are per thread.
 */
public final class Arrays2D {

    private Arrays2D() {
    }

    /**
     * The elements of {@code array} in row-major ('c') order as doubles, whatever its ordering, view
     * status or data type. Does not copy the native buffer twice when it is already a plain 'c' array.
     */
    public static double[] rowMajor(INDArray array) {
        INDArray plain = isPlain(array) ? array : array.dup('c');
        return readable(plain) ? copy(plain, new double[(int) plain.length()]) : plain.data().asDouble();
    }

    /**
     * {@link #rowMajor} into this thread's reusable array number {@code slot} (0 to {@value #SCRATCH_SLOTS} - 1),
     * so that a call once per batch leaves no garbage (what garbage costs: {@link BufferViews}). The
     * next call with the same slot on the same thread overwrites the array, so a caller reads it
     * within one method and keeps nothing. The losses and {@code MeanMetric} use slot 0 for the
     * predictions, 1 for the targets and 2 ({@link #scratch}) for per-row values.
     */
    public static double[] rowMajorScratch(INDArray array, int slot) {
        INDArray plain = isPlain(array) ? array : array.dup('c');
        return readable(plain) ? copy(plain, scratch(slot, (int) plain.length())) : plain.data().asDouble();
    }

    /**
     * This thread's reusable array number {@code slot}, of {@code length} elements, contents undefined
     * (see {@link #rowMajorScratch}). Above {@value #SCRATCH_MAX} elements (an {@code evaluate} of a whole
     * test set, say) a new array each time, so that no thread keeps megabytes for good.
     */
    public static double[] scratch(int slot, int length) {
        if (length > SCRATCH_MAX) {
            return new double[length];
        }
        double[][] mine = SCRATCH.get();
        double[] values = mine[slot];
        if (values == null || values.length != length) {
            values = new double[length];
            mine[slot] = values;
        }
        return values;
    }

    static final int SCRATCH_SLOTS = 3;
    static final int SCRATCH_MAX = 1 << 16;
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[SCRATCH_SLOTS][]);

    /** Whether a plain array can be read straight from its native buffer (FLOAT or DOUBLE, not empty, below 2^31). */
    private static boolean readable(INDArray plain) {
        DataType type = plain.dataType();
        long length = plain.length();
        return length > 0 && length <= Integer.MAX_VALUE && (type == DataType.FLOAT || type == DataType.DOUBLE);
    }

    /**
     * Copies a plain array into {@code values} through its native buffer's memory: ND4J's asDouble reads a
     * FLOAT buffer one element at a time (about 10 ns each: a 128 x 10 loss value took 25 us, 3 % of the MLP's step).
     */
    private static double[] copy(INDArray plain, double[] values) {
        ByteBuffer bytes = BufferViews.bytes(plain);
        if (plain.dataType() == DataType.DOUBLE) {
            for (int i = 0; i < values.length; i++) {
                values[i] = bytes.getDouble(i * Double.BYTES);
            }
        } else {
            for (int i = 0; i < values.length; i++) {
                values[i] = bytes.getFloat(i * Float.BYTES);
            }
        }
        return values;
    }

    /**
     * Whether {@code array} is plain: its buffer holds exactly its elements from offset 0 in row-major
     * order, so that element {@code i} in row-major order is buffer element {@code i}. Decided by the
     * strides, not by ND4J's view flag: a reshape of a whole array (pictures {@code (n, 28, 28)} made
     * from images {@code (n, 784)}) is a view of the same memory in the same order, and is plain (the
     * model's input checks used to copy such data twice, 376 MB for Fashion-MNIST's pictures); a
     * permuted array can be "not a view", ordering 'c' and still out of order ({@code (2, 4, 3)} with
     * strides {@code [12, 1, 4]}), and is not.
     */
    public static boolean isPlain(INDArray array) {
        if (array.ordering() != 'c' || array.offset() != 0 || array.data().length() != array.length()) {
            return false;
        }
        if (array.length() == 0) {
            return true;                                    // no element to read out of order
        }
        long[] shape = array.shape();
        long[] stride = array.stride();
        long expected = 1;                                  // the row-major stride of dimension d
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) {   // a dimension of size 1 takes any stride
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /**
     * {@code out[r] = data[rows[from + r]]} for every row r of {@code out}, by one memory copy per row,
     * when both are plain matrices of one data type with the same number of columns; otherwise does
     * nothing and returns false (the caller gathers element by element). A shuffled mini-batch of
     * 32 Fashion-MNIST images (784 floats each) takes about 2 us this way, 29 us element by element.
     *
     * @throws IndexOutOfBoundsException if a row index is outside {@code data}
     */
    public static boolean copyRows(INDArray data, int[] rows, int from, INDArray out) {
        if (data.rank() != 2 || out.rank() != 2 || data.dataType() != out.dataType() || data.columns() != out.columns()
                || !isPlain(data) || !isPlain(out) || data.data().length() * data.data().getElementSize() > Integer.MAX_VALUE) {
            return false;
        }
        int rowBytes = (int) (data.columns() * data.data().getElementSize());
        long dataRows = data.rows();
        ByteBuffer source = BufferViews.bytes(data);
        ByteBuffer target = BufferViews.bytes(out);
        for (int r = 0, count = (int) out.rows(); r < count; r++) {
            int row = rows[from + r];
            if (row < 0 || row >= dataRows) {
                throw new IndexOutOfBoundsException("row " + row + " of a matrix with " + dataRows + " rows");
            }
            target.put(r * rowBytes, source, row * rowBytes, rowBytes);
        }
        return true;
    }
}
