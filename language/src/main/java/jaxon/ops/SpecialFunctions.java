package jaxon.ops;

/** Special functions in double precision, accurate far beyond float32's needs. */
final class SpecialFunctions {
    private SpecialFunctions() {
    }

    /** The error function: Taylor series near 0, the asymptotic series of erfc in the tails. */
    static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double ax = Math.abs(x);
        if (ax < 3) {
            double term = x;
            double sum = x;
            double x2 = x * x;
            for (int n = 1; n < 100; n++) {
                term *= -x2 / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            return 2 / Math.sqrt(Math.PI) * sum;
        }
        if (ax > 6) {
            return Math.copySign(1.0, x);
        }
        // erfc(x) ~ exp(-x^2) / (x sqrt(pi)) * (1 - 1/(2x^2) + 3/(2x^2)^2 - 15/(2x^2)^3 + ...)
        double t = 1 / (2 * ax * ax);
        double series = 1;
        double term = 1;
        for (int n = 1; n < 12; n++) {
            term *= -(2 * n - 1) * t;
            series += term;
        }
        double erfc = Math.exp(-ax * ax) / (ax * Math.sqrt(Math.PI)) * series;
        return Math.copySign(1 - erfc, x);
    }

    private static final float[] ERF_INV_CENTRAL = {
        2.81022636e-08f, 3.43273939e-07f, -3.5233877e-06f, -4.39150654e-06f, 0.00021858087f,
        -0.00125372503f, -0.00417768164f, 0.246640727f, 1.50140941f};
    private static final float[] ERF_INV_TAIL = {
        -0.000200214257f, 0.000100950558f, 0.00134934322f, -0.00367342844f, 0.00573950773f,
        -0.0076224613f, 0.00943887047f, 1.00167406f, 2.83297682f};

    /**
     * The inverse error function in float32 as XLA computes it (Giles' single-precision
     * approximation, each step rounded to float32), so that jax.random.normal's values follow
     * JAX's. log1p is correctly rounded here; XLA's own log1p may differ in the last bit.
     */
    static float erfInv(float x) {
        float w = -(float) Math.log1p(x * -x);
        boolean central = w < 5f;
        float[] c = central ? ERF_INV_CENTRAL : ERF_INV_TAIL;
        w = central ? w - 2.5f : (float) Math.sqrt(w) - 3f;
        float p = c[0];
        for (int i = 1; i < c.length; i++) {
            p = c[i] + p * w;
        }
        return Math.abs(x) == 1f ? x * Float.POSITIVE_INFINITY : p * x;
    }
}
