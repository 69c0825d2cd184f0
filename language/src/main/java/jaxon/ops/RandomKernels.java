package jaxon.ops;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import jaxon.runtime.Shapes;

/**
 * The numeric kernels behind jax.random, on whole arrays of unboxed values. Each follows the
 * float32 operation order of JAX's sampler so that results agree bit for bit.
 */
public final class RandomKernels {
    private RandomKernels() {
    }

    /** float32 just above -1: the lower bound of the uniform draw behind normal(). */
    public static final float NEXT_ABOVE_MINUS_ONE = Math.nextUp(-1f);
    private static final float SQRT2 = (float) Math.sqrt(2);

    /** 23 random mantissa bits under the exponent of 1.0 give a float in [1, 2); minus 1 gives [0, 1). */
    static float unitFloat(int bits) {
        return Float.intBitsToFloat((bits >>> 9) | 0x3F800000) - 1f;
    }

    /**
     * uniform(minval, maxval) with scalar bounds: max(lo, u * (hi - lo) + lo) in float32, the
     * multiply-add fused into one rounding as XLA compiles JAX's jitted sampler.
     */
    @TruffleBoundary
    public static float[] uniform(int[] bits, float lo, float hi) {
        float[] out = new float[bits.length];
        float span = hi - lo;
        Parallel.forChunks(bits.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = Math.max(lo, Math.fma(unitFloat(bits[i]), span, lo));
            }
        });
        return out;
    }

    /** uniform's values before scaling, for bounds that are arrays. */
    @TruffleBoundary
    public static float[] unitFloats(int[] bits) {
        float[] out = new float[bits.length];
        for (int i = 0; i < bits.length; i++) {
            out[i] = unitFloat(bits[i]);
        }
        return out;
    }

    /** normal(): sqrt(2) * erfinv(u) for u uniform in (-1, 1). */
    @TruffleBoundary
    public static float[] normal(int[] bits) {
        float lo = NEXT_ABOVE_MINUS_ONE;
        float span = 1f - lo;
        float[] out = new float[bits.length];
        Parallel.forChunks(bits.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                float u = Math.max(lo, Math.fma(unitFloat(bits[i]), span, lo));
                out[i] = SQRT2 * XlaMath.erfinv(u);
            }
        });
        return out;
    }

    /** sqrt(2) * erfinv(u), elementwise (truncated_normal's last step). */
    public static float scaledErfInv(float u) {
        return SQRT2 * XlaMath.erfinv(u);
    }

    /**
     * randint's mixing of two words of bits into [minval, maxval): the span is taken as uint32,
     * and (hi % span) * (2^32 % span) + lo % span reduced again, all in wrapping uint32 arithmetic.
     */
    @TruffleBoundary
    public static int[] randint(int[] higher, int[] lower, int[] minval, int[] maxval) {
        int n = higher.length;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int lo = minval[i];
            int hi = maxval[i];
            int span = hi <= lo ? 1 : hi - lo;
            int multiplier = Integer.remainderUnsigned(65536, span);
            multiplier = Integer.remainderUnsigned(multiplier * multiplier, span);
            int offset = Integer.remainderUnsigned(higher[i], span) * multiplier + Integer.remainderUnsigned(lower[i], span);
            out[i] = lo + Integer.remainderUnsigned(offset, span);
        }
        return out;
    }

    /**
     * One round of JAX's shuffle: a stable sort of every lane along the axis by its uint32 sort
     * keys. Returns, for each output position, the flat index of the element that lands there.
     */
    @TruffleBoundary
    public static int[] sortByKeys(int[] shape, int axis, int[] sortKeys, int[] source) {
        int n = Shapes.size(shape);
        int len = shape[axis];
        int stride = Shapes.strides(shape)[axis];
        int[] out = new int[n];
        Integer[] order = new Integer[len];
        for (int start = 0; start < n; start++) {
            if ((start / stride) % len != 0) {
                continue; // not the first element of a lane
            }
            for (int j = 0; j < len; j++) {
                order[j] = j;
            }
            final int base = start;
            java.util.Arrays.sort(order, (a, b) -> Integer.compareUnsigned(sortKeys[base + a * stride], sortKeys[base + b * stride]));
            for (int j = 0; j < len; j++) {
                out[base + j * stride] = source[base + order[j] * stride];
            }
        }
        return out;
    }
}
