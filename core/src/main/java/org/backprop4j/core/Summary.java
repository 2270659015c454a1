package org.backprop4j.core;

import java.util.List;
import java.util.Locale;

/**
 * Keras 2's {@code model.summary()} table: one row per layer with its name, type, output shape and
 * parameter count, then the totals. Columns start at 1, 29 and 55, as Keras prints them.
 */
final class Summary {

    private static final int[] STOPS = {29, 55, 65};

    private Summary() {
    }

    static String of(List<Layer> layers) {
        StringBuilder text = new StringBuilder("Model: \"sequential\"\n");
        String rule = "_".repeat(65) + "\n";
        text.append(rule);
        row(text, "Layer (type)", "Output Shape", "Param #");
        text.append("=".repeat(65)).append('\n');
        long total = 0;
        long trainable = 0;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            total += layer.parameterCount();
            trainable += layer.trainableParameterCount();
            row(text, layer.name() + " (" + layer.typeName() + ")", Layer.shapeText(layer.outputShape()),
                    String.valueOf(layer.parameterCount()));
            text.append(i < layers.size() - 1 ? "\n" : "");
        }
        text.append("=".repeat(65)).append('\n');
        text.append("Total params: ").append(String.format(Locale.ROOT, "%,d", total)).append('\n');
        text.append("Trainable params: ").append(String.format(Locale.ROOT, "%,d", trainable)).append('\n');
        text.append("Non-trainable params: ").append(String.format(Locale.ROOT, "%,d", total - trainable)).append('\n');
        text.append(rule);
        return text.toString();
    }

    private static void row(StringBuilder text, String... fields) {
        int lineStart = text.length();
        for (int i = 0; i < fields.length; i++) {
            text.append(i == 0 ? " " : "").append(fields[i]); // Keras: one leading space, columns at 29 and 55
            int width = STOPS[i] - (text.length() - lineStart);
            text.append(" ".repeat(Math.max(1, width)));
        }
        int end = text.length();
        while (end > lineStart && text.charAt(end - 1) == ' ') {
            end--;
        }
        text.setLength(end);
        text.append('\n');
    }
}
