package jaxon.runtime.format;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import java.util.function.IntFunction;
import jaxon.runtime.NDArray;
import jaxon.runtime.Shapes;

/**
 * The text of arrays: NumPy's str() (array2string with its default options: line width 75,
 * precision 8, 'maxprec' float mode, summarised above 1000 elements with 3 edge items) and JAX's
 * repr() ("Array([0., 1.], dtype=float32)"). Written from NumPy's documented behaviour; the tests
 * compare it with NumPy's own output.
 */
public final class ArrayPrinter {
    private static final int LINE_WIDTH = 75;
    private static final int THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;
    private static final int PRECISION = 8;

    private ArrayPrinter() {
    }

    /** print(x) / str(x). A 0-d array prints as its scalar. */
    @TruffleBoundary
    public static String str(NDArray a) {
        if (a.ndim() == 0) {
            return scalarStr(a);
        }
        if (a.size() == 0) {
            return "[]";
        }
        return array2string(a, " ", "", LINE_WIDTH);
    }

    /** repr(x) as JAX writes it. */
    @TruffleBoundary
    public static String repr(NDArray a) {
        String prefix = "Array(";
        String dtype = "dtype=" + a.dtype.jaxName + (a.weakType ? ", weak_type=True)" : ")");
        String s = a.size() == 0 ? "[], shape=" + Shapes.str(a.shape) : array2string(a, ", ", prefix, LINE_WIDTH - 1);
        int lastLine = s.length() - s.lastIndexOf('\n') + 1;
        // JAX pads with the prefix's width but stays on the line when the dtype does not fit.
        String sep = lastLine + dtype.length() + 1 > LINE_WIDTH ? " ".repeat(prefix.length()) : " ";
        return prefix + s + "," + sep + dtype;
    }

    /** NumPy's str of a 0-d array: the Python-style text of its scalar. */
    static String scalarStr(NDArray a) {
        return switch (a.dtype) {
            case FLOAT32 -> PyFormat.reprFloat32(a.floats()[0]);
            case BOOL -> a.bools()[0] ? "True" : "False";
            default -> String.valueOf(a.getLong(0));
        };
    }

    private static String array2string(NDArray a, String separator, String prefix, int lineWidth) {
        boolean summarise = a.size() > THRESHOLD;
        IntFunction<String> format = formatter(a, summarise);
        String nextLinePrefix = " " + " ".repeat(prefix.length());
        StringBuilder out = new StringBuilder();
        recurse(out, a, format, new int[0], 0, nextLinePrefix, lineWidth, separator, summarise);
        return out.toString();
    }

    /** Flat indices of the elements that are printed (all, or the edges when summarising). */
    private static int[] shownIndices(NDArray a, boolean summarise) {
        if (!summarise) {
            int[] all = new int[a.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        java.util.List<Integer> out = new java.util.ArrayList<>();
        collectShown(a, 0, 0, out);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void collectShown(NDArray a, int axis, int offset, java.util.List<Integer> out) {
        if (axis == a.ndim()) {
            out.add(offset);
            return;
        }
        int len = a.shape[axis];
        int stride = 1;
        for (int d = axis + 1; d < a.ndim(); d++) {
            stride *= a.shape[d];
        }
        for (int i = 0; i < len; i++) {
            if (len > 2 * EDGE_ITEMS && i >= EDGE_ITEMS && i < len - EDGE_ITEMS) {
                continue;
            }
            collectShown(a, axis + 1, offset + i * stride, out);
        }
    }

    private static IntFunction<String> formatter(NDArray a, boolean summarise) {
        int[] shown = shownIndices(a, summarise);
        switch (a.dtype) {
            case BOOL:
                return a.ndim() == 0 ? i -> a.bools()[i] ? "True" : "False" : i -> a.bools()[i] ? " True" : "False";
            case INT32:
            case UINT32: {
                int width = 0;
                for (int i : shown) {
                    width = Math.max(width, String.valueOf(a.getLong(i)).length());
                }
                int w = width;
                return i -> pad(String.valueOf(a.getLong(i)), w);
            }
            default:
                return new FloatFormat(a.floats(), shown)::format;
        }
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** NumPy's FloatingFormat for float32 in 'maxprec' mode. */
    static final class FloatFormat {
        private final boolean exponential;
        private int padLeft;
        private int padRight;
        private int precision = PRECISION;
        private int expSize;

        FloatFormat(float[] data, int[] shown) {
            float maxAbs = 0;
            float minAbs = Float.POSITIVE_INFINITY;
            boolean anyFinite = false;
            boolean anyNonFinite = false;
            boolean negativeInf = false;
            for (int i : shown) {
                float v = data[i];
                if (!Float.isFinite(v)) {
                    anyNonFinite = true;
                    negativeInf |= v == Float.NEGATIVE_INFINITY;
                    continue;
                }
                anyFinite = true;
                float abs = Math.abs(v);
                if (abs != 0) {
                    maxAbs = Math.max(maxAbs, abs);
                    minAbs = Math.min(minAbs, abs);
                }
            }
            // NumPy 2 switches to scientific from 10**min(8, decimal precision of the dtype): 1e6 for float32.
            exponential = maxAbs != 0 && (maxAbs >= 1e6f || minAbs < 0.0001f || maxAbs / minAbs > 1000f);
            if (!anyFinite) {
                padLeft = 0;
                padRight = 0;
                expSize = -1;
            } else if (exponential) {
                int maxFrac = 0;
                int maxExp = 0;
                for (int i : shown) {
                    if (Float.isFinite(data[i])) {
                        Digits d = Digits.float32Significant(data[i], PRECISION + 1);
                        maxFrac = Math.max(maxFrac, Math.max(0, d.digits().length() - 1));
                        maxExp = Math.max(maxExp, String.valueOf(Math.abs(d.scientificExponent())).length());
                        padLeft = Math.max(padLeft, d.negative() ? 2 : 1);
                    }
                }
                precision = maxFrac;
                expSize = Math.max(maxExp, 2);
                padRight = expSize + 2 + precision;
            } else {
                for (int i : shown) {
                    if (Float.isFinite(data[i])) {
                        Digits d = Digits.float32Fraction(data[i], PRECISION);
                        String s = d.positional(0, true);
                        int point = s.indexOf('.');
                        padLeft = Math.max(padLeft, point);
                        padRight = Math.max(padRight, s.length() - point - 1);
                    }
                }
                expSize = -1;
            }
            if (anyNonFinite) {
                int offset = padRight + 1;
                padLeft = Math.max(padLeft, Math.max(3 - offset, 3 + (negativeInf ? 1 : 0) - offset));
            }
            this.data = data;
        }

        private final float[] data;

        String format(int index) {
            float v = data[index];
            if (!Float.isFinite(v)) {
                String s = Float.isNaN(v) ? "nan" : v < 0 ? "-inf" : "inf";
                return pad(s, padLeft + padRight + 1);
            }
            if (exponential) {
                Digits d = Digits.float32Significant(v, PRECISION + 1);
                if (d.digits().length() - 1 < precision) {
                    // NumPy fills the shared precision with the value's own further digits, not zeros:
                    // float32(9e-4) next to 9.9909997e-01 prints as 8.9999998e-04.
                    d = Digits.exact(v).roundSignificant(precision + 1);
                }
                String mant = d.mantissa(precision, true);
                String exp = Digits.exponentText(d.scientificExponent(), expSize);
                String s = mant + exp;
                int point = mant.indexOf('.');
                return " ".repeat(Math.max(0, padLeft - point)) + s;
            }
            Digits d = Digits.float32Fraction(v, PRECISION);
            String s = d.positional(0, true);
            int point = s.indexOf('.');
            int frac = s.length() - point - 1;
            return " ".repeat(Math.max(0, padLeft - point)) + s + " ".repeat(Math.max(0, padRight - frac));
        }
    }

    // ---- NumPy's _formatArray: nested brackets, wrapping, summarisation

    private static void recurse(StringBuilder out, NDArray a, IntFunction<String> format, int[] index, int offset,
                    String hangingIndent, int width, String separator, boolean summarise) {
        out.append(formatArray(a, format, index.length, offset, hangingIndent, width, separator, summarise));
    }

    private static String formatArray(NDArray a, IntFunction<String> format, int axis, int offset, String hangingIndent,
                    int currWidth, String separator, boolean summarise) {
        int axesLeft = a.ndim() - axis;
        if (axesLeft == 0) {
            return format.apply(offset);
        }
        String nextHanging = hangingIndent + " ";
        int nextWidth = currWidth - 1;
        int len = a.shape[axis];
        int stride = 1;
        for (int d = axis + 1; d < a.ndim(); d++) {
            stride *= a.shape[d];
        }
        boolean showSummary = summarise && 2 * EDGE_ITEMS < len;
        int leading = showSummary ? EDGE_ITEMS : 0;
        int trailing = showSummary ? EDGE_ITEMS : len;
        StringBuilder s = new StringBuilder();
        if (axesLeft == 1) {
            int elemWidth = currWidth - Math.max(separator.stripTrailing().length(), 1);
            StringBuilder line = new StringBuilder(hangingIndent);
            for (int i = 0; i < leading; i++) {
                String word = formatArray(a, format, axis + 1, offset + i * stride, nextHanging, nextWidth, separator, summarise);
                line = extendLine(s, line, word, elemWidth, hangingIndent);
                line.append(separator);
            }
            if (showSummary) {
                line = extendLine(s, line, "...", elemWidth, hangingIndent);
                line.append(separator);
            }
            for (int i = trailing; i > 1; i--) {
                String word = formatArray(a, format, axis + 1, offset + (len - i) * stride, nextHanging, nextWidth, separator, summarise);
                line = extendLine(s, line, word, elemWidth, hangingIndent);
                line.append(separator);
            }
            String word = formatArray(a, format, axis + 1, offset + (len - 1) * stride, nextHanging, nextWidth, separator, summarise);
            line = extendLine(s, line, word, elemWidth, hangingIndent);
            s.append(line);
        } else {
            String lineSep = separator.stripTrailing() + "\n".repeat(axesLeft - 1);
            for (int i = 0; i < leading; i++) {
                s.append(hangingIndent)
                        .append(formatArray(a, format, axis + 1, offset + i * stride, nextHanging, nextWidth, separator, summarise))
                        .append(lineSep);
            }
            if (showSummary) {
                s.append(hangingIndent).append("...").append(lineSep);
            }
            for (int i = trailing; i > 1; i--) {
                s.append(hangingIndent)
                        .append(formatArray(a, format, axis + 1, offset + (len - i) * stride, nextHanging, nextWidth, separator, summarise))
                        .append(lineSep);
            }
            s.append(hangingIndent)
                    .append(formatArray(a, format, axis + 1, offset + (len - 1) * stride, nextHanging, nextWidth, separator, summarise));
        }
        return "[" + s.substring(hangingIndent.length()) + "]";
    }

    /** Appends word to line, first moving line into s (wrapped) if it would pass the width. */
    private static StringBuilder extendLine(StringBuilder s, StringBuilder line, String word, int width, String nextLinePrefix) {
        boolean wrap = line.length() + word.length() > width && line.length() > nextLinePrefix.length();
        if (wrap) {
            s.append(line.toString().stripTrailing()).append('\n');
            line = new StringBuilder(nextLinePrefix);
        }
        return line.append(word);
    }
}
