// Imports for a JShell session with backprop4j (loaded by scripts/jshell.sh after JShell's defaults)
import org.backprop4j.core.*;
import org.backprop4j.core.callbacks.*;
import org.backprop4j.layers.*;
import org.backprop4j.optim.*;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
