package org.backprop4j.core;

import java.util.List;
import java.util.StringJoiner;

/**
 * The one-line description that {@code toString()} gives a model (an unbuilt layer's is
 * {@link SettingsText#unbuiltLayer}), so that
 * JShell, a debugger or a log line shows what they are:
 *
 * <pre>
 *   Sequential(dense Dense(2 -> 2), activation Activation(sigmoid), dense_1 Dense(2 -> 1),
 *              activation_1 Activation(sigmoid); 9 params; loss mean_squared_error,
 *              optimizer sgd(learningRate=1.0, momentum=0.0, nesterov=false), metrics [accuracy])
 *   Dense(units=1, activation=sigmoid)        a layer not yet added to a model
 * </pre>
 */
final class Descriptions {

    private Descriptions() {
    }

    /**
     * The model on one line: each layer as {@code name Type(inputs -> outputs)} (with its activation
     * when it has one), the parameter count, and what it was compiled with.
     */
    static String model(Sequential model) {
        List<Layer> layers = model.getLayers();
        if (layers.isEmpty()) {
            return "Sequential(no layers)";
        }
        StringJoiner text = new StringJoiner(", ", "Sequential(", "");
        long parameters = 0;
        for (Layer layer : layers) {
            text.add(layer.name() + " " + layer.typeName() + "(" + sizes(layer) + ")");
            parameters += layer.parameterCount();
        }
        StringBuilder line = new StringBuilder(text.toString());
        line.append("; ").append(String.format(java.util.Locale.ROOT, "%,d", parameters))
                .append(parameters == 1 ? " param" : " params");
        if (!model.isCompiled()) {
            line.append("; not compiled");
        } else {
            line.append("; loss ").append(model.loss().name())
                    .append(", optimizer ").append(optimizer(model.optimizer()))
                    .append(", metrics ").append(model.metrics().stream().map(Metric::name).toList());
        }
        return line.append(')').toString();
    }

    /** "2 -> 2", "2 -> 2, relu" for a layer with weights; just "sigmoid" for an activation layer. */
    private static String sizes(Layer layer) {
        ActivationFunction activation = layer.outputActivation();
        if (layer.parameterCount() == 0 && activation != null) {
            return activation.name();
        }
        return layer.inputSize() + " -> " + layer.outputSize() + (activation == null ? "" : ", " + activation.name());
    }

    private static String optimizer(Optimizer optimizer) {
        try {
            return optimizer.name() + SettingsText.settings(optimizer.config());
        } catch (UnsupportedOperationException noConfig) {
            return optimizer.name();
        }
    }
}
