package org.backprop4j.examples.docs.snippets;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.backprop4j.core.Sequential;
import org.backprop4j.onnx.Onnx;
import org.backprop4j.optim.Adam;

// docs/onnx.md: export, serve with ONNX Runtime's Java API, import from PyTorch.
final class OnnxSnippets {

    private OnnxSnippets() {
    }

    static void export(Sequential model) throws Exception {
        // snippet-start: export
        Onnx.export(model, Path.of("digits.onnx"));
        // snippet-end
    }

    static void serve(float[][] images) throws Exception {
        // snippet-start: serve
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession session = environment.createSession("digits.onnx", new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(environment, images);           // float[batch][64]
             OrtSession.Result result = session.run(Map.of("input", input))) {
            float[][] probabilities = (float[][]) result.get(0).getValue();          // float[batch][10]
            System.out.println(Arrays.toString(probabilities[0]));
        }
        // snippet-end
    }

    static Sequential importFromPytorch() throws Exception {
        // snippet-start: import
        Sequential model = Onnx.importModel(Path.of("mlp.onnx"));    // torch.onnx.export of an nn.Sequential
        System.out.println(model.summary());
        model.compile("categorical_crossentropy", new Adam(0.001), "accuracy");   // then fit as usual
        // snippet-end
        return model;
    }
}
