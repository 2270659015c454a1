package org.backprop4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.backprop4j.core.Sequential;
import org.backprop4j.layers.Activation;
import org.backprop4j.layers.Dense;
import org.backprop4j.layers.Dropout;
import org.backprop4j.layers.Input;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * ONNX's own checker ({@code onnx.checker.check_model} with {@code full_check=True}, which also runs
 * ONNX's shape inference) accepts exported files: every activation, Dense with and without one,
 * Dropout, a named Input, FLOAT and DOUBLE. It needs a Python with the {@code onnx} package (Debian:
 * {@code apt-get install python3-onnx}); without one the test is skipped, unless the environment
 * variable {@code CI} is {@code true}, where it fails ({@code .ci/run} installs the package).
 */
class OnnxCheckerTest {

    @TempDir
    Path dir;

    @Test
    void onnxsCheckerAcceptsExportedFiles() throws Exception {
        String python = pythonWithOnnx();
        if (python == null) {
            String message = "no python3 with the onnx package (Debian: apt-get install python3-onnx)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + ", and CI=true: .ci/run should have installed it");
            }
            Assumptions.abort(message + ": the ONNX checker test is skipped");
        }
        List<String> files = new ArrayList<>();
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            Sequential model = new Sequential(3, type);
            model.add(new Input(5).name("features"));
            for (String activation : List.of("sigmoid", "tanh", "relu", "softmax", "linear")) {
                model.add(new Dense(4, activation)).add(new Activation(activation));
            }
            model.add(new Dropout(0.5)).add(new Dense(3));
            Path file = dir.resolve("all-" + type + ".onnx");
            Onnx.export(model, file);
            files.add(file.toString());
            Sequential small = new Sequential(4, type);
            small.add(new Dense(2, 2, "sigmoid")).add(new Dense(1, "sigmoid"));
            Path xor = dir.resolve("xor-" + type + ".onnx");
            Onnx.export(small, xor);
            files.add(xor.toString());
        }
        String script = "import sys, onnx\n"
                + "for path in sys.argv[1:]:\n"
                + "    model = onnx.load(path)\n"
                + "    onnx.checker.check_model(model, full_check=True)\n"
                + "    print('checked', path, 'opset', model.opset_import[0].version, 'ir', model.ir_version,"
                + " 'onnx', onnx.__version__)\n";
        List<String> command = new ArrayList<>(List.of(python, "-c", script));
        command.addAll(files);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(120, TimeUnit.SECONDS);
        System.out.print(output);
        assertEquals(0, process.exitValue(), output);
    }

    /** The first of python3 and /usr/bin/python3 (Debian's, beside a pyenv one) that imports onnx, or null. */
    private static String pythonWithOnnx() throws InterruptedException {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            try {
                Process process = new ProcessBuilder(python, "-c", "import onnx").redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                if (process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    return python;
                }
            } catch (IOException e) {
                // not installed: try the next
            }
        }
        return null;
    }
}
