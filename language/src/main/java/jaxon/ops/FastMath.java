package jaxon.ops;

/**
 * float32 exp, log, sin, cos and tanh in float arithmetic, branch-light, for fused loops: a
 * range reduction followed by a short minimax polynomial (the classic single-precision
 * coefficients of Moshier's Cephes library, as XLA and Eigen use similar ones). Each stays within
 * a few ulp of the correctly rounded result (FastMathTest checks 4 ulp against Math in double);
 * eager operations keep using Math in double.
 */
public final class FastMath {
    private FastMath() {
    }

    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float LOG2E = 1.44269504088896341f;

    public static float exp(float x) {
        if (!(x < 88.72283f)) {
            return x != x ? x : Float.POSITIVE_INFINITY; // NaN stays NaN
        }
        if (x < -103.97208f) {
            return 0f;
        }
        float n = (float) Math.floor(x * LOG2E + 0.5f);
        float r = x - n * LN2_HI - n * LN2_LO;
        float r2 = r * r;
        float p = 1.9875691500e-4f;
        p = p * r + 1.3981999507e-3f;
        p = p * r + 8.3334519073e-3f;
        p = p * r + 4.1665795894e-2f;
        p = p * r + 1.6666665459e-1f;
        p = p * r + 5.0000001201e-1f;
        float y = p * r2 + r + 1f;
        int e = (int) n;
        // 2^e in two factors, so that results near the ends of the float range stay representable.
        int half = e / 2;
        return y * Float.intBitsToFloat((half + 127) << 23) * Float.intBitsToFloat((e - half + 127) << 23);
    }

    public static float log(float x) {
        if (!(x > 0f) || x == Float.POSITIVE_INFINITY) {
            return x == 0f ? Float.NEGATIVE_INFINITY : x == Float.POSITIVE_INFINITY ? x : Float.NaN;
        }
        int bits = Float.floatToRawIntBits(x);
        int e = 0;
        if (bits < 0x00800000) { // subnormal: scale into the normal range first
            bits = Float.floatToRawIntBits(x * 16777216f);
            e = -24;
        }
        e += ((bits >>> 23) & 0xFF) - 126;
        float m = Float.intBitsToFloat((bits & 0x007FFFFF) | 0x3F000000); // in [0.5, 1)
        if (m < 0.707106781186547524f) {
            e -= 1;
            m = m + m - 1f;
        } else {
            m = m - 1f;
        }
        float z = m * m;
        float p = 7.0376836292e-2f;
        p = p * m - 1.1514610310e-1f;
        p = p * m + 1.1676998740e-1f;
        p = p * m - 1.2420140846e-1f;
        p = p * m + 1.4249322787e-1f;
        p = p * m - 1.6668057665e-1f;
        p = p * m + 2.0000714765e-1f;
        p = p * m - 2.4999993993e-1f;
        p = p * m + 3.3333331174e-1f;
        float y = m * z * p;
        float fe = e;
        y += fe * LN2_LO;
        y += -0.5f * z;
        return m + y + fe * LN2_HI;
    }

    private static final float DP1 = 0.78515625f;
    private static final float DP2 = 2.4187564849853515625e-4f;
    private static final float DP3 = 3.77489497744594108e-8f;
    private static final float FOUR_OVER_PI = 1.27323954473516f;
    /** Beyond this the reduction by pi/4 in float loses precision: such arguments use Math in double. */
    private static final float REDUCTION_LIMIT = 64f;

    public static float sin(float x) {
        float ax = Math.abs(x);
        if (!(ax <= REDUCTION_LIMIT)) {
            return (float) Math.sin(x);
        }
        int j = (int) (ax * FOUR_OVER_PI);
        j += j & 1; // to an even multiple of pi/4, so that |r| <= pi/4
        float r = ((ax - j * DP1) - j * DP2) - j * DP3;
        j &= 7;
        boolean negative = x < 0;
        if (j > 3) {
            negative = !negative;
            j -= 4;
        }
        float v = j == 2 ? cosPoly(r) : sinPoly(r);
        return negative ? -v : v;
    }

    public static float cos(float x) {
        float ax = Math.abs(x);
        if (!(ax <= REDUCTION_LIMIT)) {
            return (float) Math.cos(x);
        }
        int j = (int) (ax * FOUR_OVER_PI);
        j += j & 1;
        float r = ((ax - j * DP1) - j * DP2) - j * DP3;
        j &= 7;
        boolean negative = false;
        if (j > 3) {
            negative = true;
            j -= 4;
        }
        if (j > 1) {
            negative = !negative;
        }
        float v = j == 2 ? sinPoly(r) : cosPoly(r);
        return negative ? -v : v;
    }

    private static float sinPoly(float r) {
        float z = r * r;
        float p = -1.9515295891e-4f;
        p = p * z + 8.3321608736e-3f;
        p = p * z - 1.6666654611e-1f;
        return r + r * z * p;
    }

    private static float cosPoly(float r) {
        float z = r * r;
        float p = 2.443315711809948e-5f;
        p = p * z - 1.388731625493765e-3f;
        p = p * z + 4.166664568298827e-2f;
        return 1f - 0.5f * z + z * z * p;
    }

    public static float tanh(float x) {
        float ax = Math.abs(x);
        if (ax < 0.625f) {
            float z = x * x;
            float p = -5.70498872745e-3f;
            p = p * z + 2.06390887954e-2f;
            p = p * z - 5.37397155531e-2f;
            p = p * z + 1.33314422036e-1f;
            p = p * z - 3.33332819422e-1f;
            return x + x * z * p;
        }
        if (!(ax < 9f)) {
            return x != x ? x : Math.copySign(1f, x);
        }
        float t = 1f - 2f / (exp(ax + ax) + 1f);
        return x < 0 ? -t : t;
    }
}
