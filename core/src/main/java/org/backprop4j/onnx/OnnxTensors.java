package org.backprop4j.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.protobuf.ByteString;

import onnx.Onnx.TensorProto;

/**
 * Weights between ND4J arrays and ONNX tensors ({@code TensorProto}): FLOAT and DOUBLE, shape in
 * {@code dims}, values in row-major order as little-endian bytes in {@code raw_data} (as PyTorch
 * writes them); reading also accepts the typed lists {@code float_data} / {@code double_data}.
 *
 * <p>Reading trusts nothing: {@link #check} looks at the type, the dimensions and the data's length
 * without allocating, and only {@link #toArray} of a checked tensor allocates (exactly its size).
 */
final class OnnxTensors {

    /** The largest element count of one weight: an ND4J array's Java-array limit. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private OnnxTensors() {
    }

    /** ONNX's element type number for a model type (FLOAT 1, DOUBLE 11). */
    static int onnxType(DataType type) {
        return switch (type) {
            case FLOAT -> TensorProto.DataType.FLOAT_VALUE;
            case DOUBLE -> TensorProto.DataType.DOUBLE_VALUE;
            default -> throw new IllegalArgumentException("ONNX export supports FLOAT and DOUBLE models, got " + type);
        };
    }

    /** The model type of an ONNX element type, or null when it is neither FLOAT nor DOUBLE. */
    static DataType modelType(int onnxType) {
        return onnxType == TensorProto.DataType.FLOAT_VALUE ? DataType.FLOAT
                : onnxType == TensorProto.DataType.DOUBLE_VALUE ? DataType.DOUBLE : null;
    }

    /** ONNX's name of an element type number, for messages ({@code INT64}, or {@code 99} when unknown). */
    static String typeName(int onnxType) {
        TensorProto.DataType type = TensorProto.DataType.forNumber(onnxType);
        return type == null ? String.valueOf(onnxType) : type.name();
    }

    /** {@code array} as a tensor of {@code type} named {@code name}, row-major, in {@code raw_data}. */
    static TensorProto toTensor(String name, INDArray array, DataType type) {
        INDArray values = array.dataType() == type && array.ordering() == 'c' && !array.isView()
                ? array : array.castTo(type).dup('c');
        long length = values.length();
        int size = type == DataType.FLOAT ? 4 : 8;
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(length * size)).order(ByteOrder.LITTLE_ENDIAN);
        if (type == DataType.FLOAT) {
            for (float value : values.data().asFloat()) {
                bytes.putFloat(value);
            }
        } else {
            for (double value : values.data().asDouble()) {
                bytes.putDouble(value);
            }
        }
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(onnxType(type));
        for (long dim : array.shape()) {
            tensor.addDims(dim);
        }
        return tensor.setRawData(ByteString.copyFrom(bytes.array())).build();
    }

    /**
     * Checks a tensor read from a file: FLOAT or DOUBLE, stored in the file (not external data), of
     * rank {@code minRank..maxRank} with every dimension at least 1, and exactly as many values as
     * its dimensions promise. Allocates nothing.
     *
     * @return its shape
     * @throws IllegalArgumentException naming the tensor and the problem
     */
    static long[] check(TensorProto tensor, int minRank, int maxRank) {
        String what = "weight '" + tensor.getName() + "'";
        if (tensor.getDataLocation() == TensorProto.DataLocation.EXTERNAL || tensor.getExternalDataCount() > 0) {
            throw new IllegalArgumentException(what + " is stored outside the file (external data), which the import "
                    + "does not read; save the model with its weights inside");
        }
        if (tensor.hasSegment()) {
            throw new IllegalArgumentException(what + " is a segment of a larger tensor, which the import does not read");
        }
        DataType type = modelType(tensor.getDataType());
        if (type == null) {
            throw new IllegalArgumentException(what + " has element type " + typeName(tensor.getDataType())
                    + "; the import reads FLOAT and DOUBLE weights");
        }
        int rank = tensor.getDimsCount();
        if (rank < minRank || rank > maxRank) {
            throw new IllegalArgumentException(what + " has " + rank + " dimensions " + dims(tensor) + ", expected "
                    + (minRank == maxRank ? minRank : minRank + " to " + maxRank));
        }
        long count = 1;
        long[] shape = new long[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = tensor.getDims(i);
            if (shape[i] < 1 || shape[i] > MAX_ELEMENTS) {
                throw new IllegalArgumentException(what + " has dimension " + shape[i] + " in " + dims(tensor)
                        + "; each must be between 1 and " + MAX_ELEMENTS);
            }
            count *= shape[i]; // both factors <= 2^31, so no overflow before the check
            if (count > MAX_ELEMENTS) {
                throw new IllegalArgumentException(what + " claims " + dims(tensor) + ", more than " + MAX_ELEMENTS
                        + " values");
            }
        }
        int size = type == DataType.FLOAT ? 4 : 8;
        int typed = type == DataType.FLOAT ? tensor.getFloatDataCount() : tensor.getDoubleDataCount();
        boolean raw = !tensor.getRawData().isEmpty(); // nd4j's ONNX classes are proto3: no has-method
        if (raw && typed > 0 || tensor.getInt32DataCount() + tensor.getInt64DataCount() + tensor.getStringDataCount()
                + tensor.getUint64DataCount() + (type == DataType.FLOAT ? tensor.getDoubleDataCount()
                : tensor.getFloatDataCount()) > 0) {
            throw new IllegalArgumentException(what + " (" + type + ") holds values in more than one field or in a field "
                    + "of another type");
        }
        long stored = raw ? tensor.getRawData().size() : (long) typed * size;
        if (stored != count * size) {
            throw new IllegalArgumentException(what + " " + dims(tensor) + " needs " + count + " " + type + " values ("
                    + count * size + " bytes), but the file holds " + (raw ? stored + " bytes" : typed + " values"));
        }
        return shape;
    }

    /** The values of a tensor {@link #check} accepted, as a new array of its type and shape. */
    static INDArray toArray(TensorProto tensor, long[] shape) {
        DataType type = modelType(tensor.getDataType());
        int count = Math.toIntExact(Arrays.stream(shape).reduce(1, Math::multiplyExact));
        if (type == DataType.FLOAT) {
            float[] values = new float[count];
            if (!tensor.getRawData().isEmpty()) {
                tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            } else {
                for (int i = 0; i < count; i++) {
                    values[i] = tensor.getFloatData(i);
                }
            }
            return Nd4j.create(values, shape, 'c');
        }
        double[] values = new double[count];
        if (!tensor.getRawData().isEmpty()) {
            tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values);
        } else {
            for (int i = 0; i < count; i++) {
                values[i] = tensor.getDoubleData(i);
            }
        }
        return Nd4j.create(values, shape, 'c');
    }

    /** {@code [784, 128]}: a tensor's dimensions as written in the file. */
    static String dims(TensorProto tensor) {
        return tensor.getDimsList().toString();
    }
}
