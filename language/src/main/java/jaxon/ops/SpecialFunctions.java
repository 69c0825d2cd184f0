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
}
