package org.backprop4j.core;

/**
 * Measures of a JSON text taken without parsing it, so that a hostile {@code model.json} is refused
 * before the parser spends time or stack on it: how deeply it nests, and its longest number.
 * (Moved out of {@link ModelArchive}, which applies the limits.)
 */
final class JsonText {

    private JsonText() {
    }

    /** How deeply objects and arrays nest in a JSON text, counted without parsing it. */
    static int nestingDepth(byte[] json) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                deepest = Math.max(deepest, ++depth);
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
        return deepest;
    }

    /**
     * The length of the longest number in a JSON text (outside strings), counted without parsing:
     * the longest run of digits, signs, points and exponent letters.
     */
    static int longestNumber(byte[] json) {
        int longest = 0;
        int run = 0;
        boolean inString = false;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
                continue;
            }
            if ((b >= '0' && b <= '9') || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E') {
                longest = Math.max(longest, ++run);
            } else {
                run = 0;
                inString = b == '"';
            }
        }
        return longest;
    }
}
