package jaxon.runtime.format;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Decimal digits of a binary float: the shortest digits that read back as the same float32 or
 * float64 (Java's Float/Double.toString compute them since JDK 19), optionally cut to a number of
 * fraction digits with correct rounding of the exact binary value, as Dragon4 does.
 */
record Digits(boolean negative, String digits, int exponent) {
    // value = 0.d1d2d3... * 10^exponent, digits without leading or trailing zeros ("" for zero)

    static Digits shortestFloat(float f) {
        return of(f < 0 || (f == 0 && 1 / f < 0), new BigDecimal(Float.toString(Math.abs(f))));
    }

    /** float32's shortest digits cut to at most n fraction digits; a cut rounds the exact binary value, as Dragon4 does. */
    static Digits float32Fraction(float f, int n) {
        Digits d = shortestFloat(f);
        return d.fractionDigits() <= n ? d : exact(f).roundFraction(n);
    }

    /** float32's shortest digits cut to at most n significant digits, rounding the exact value. */
    static Digits float32Significant(float f, int n) {
        Digits d = shortestFloat(f);
        return d.digits().length() <= n ? d : exact(f).roundSignificant(n);
    }

    static Digits shortestDouble(double d) {
        return of(d < 0 || (d == 0 && 1 / d < 0), new BigDecimal(Double.toString(Math.abs(d))));
    }

    static Digits exact(double d) {
        return of(d < 0 || (d == 0 && 1 / d < 0), new BigDecimal(Math.abs(d)));
    }

    static Digits of(boolean negative, BigDecimal v) {
        if (v.signum() == 0) {
            return new Digits(negative, "", 0);
        }
        BigDecimal s = v.stripTrailingZeros();
        String u = s.unscaledValue().toString();
        return new Digits(negative, u, u.length() - s.scale());
    }

    boolean isZero() {
        return digits.isEmpty();
    }

    /** Number of digits after the decimal point in positional notation. */
    int fractionDigits() {
        return Math.max(0, digits.length() - exponent);
    }

    BigDecimal value() {
        return isZero() ? BigDecimal.ZERO : new BigDecimal(new java.math.BigInteger(digits), digits.length() - exponent);
    }

    /** Rounded (half-even) to at most n fraction digits. */
    Digits roundFraction(int n) {
        if (fractionDigits() <= n) {
            return this;
        }
        return of(negative, value().setScale(n, RoundingMode.HALF_EVEN));
    }

    /** Rounded to at most n significant digits. */
    Digits roundSignificant(int n) {
        if (digits.length() <= n) {
            return this;
        }
        return of(negative, value().round(new java.math.MathContext(n, RoundingMode.HALF_EVEN)));
    }

    /** Positional text: integer part, '.', fraction padded with zeros to minFraction digits. */
    String positional(int minFraction, boolean keepPoint) {
        StringBuilder sb = new StringBuilder();
        if (negative) {
            sb.append('-');
        }
        if (exponent <= 0) {
            sb.append('0');
        } else {
            sb.append(digits, 0, Math.min(exponent, digits.length()));
            for (int i = digits.length(); i < exponent; i++) {
                sb.append('0');
            }
        }
        StringBuilder frac = new StringBuilder();
        for (int i = exponent; i < 0; i++) {
            frac.append('0');
        }
        if (exponent < digits.length()) {
            frac.append(digits.substring(Math.max(exponent, 0)));
        }
        if (isZero()) {
            frac.setLength(0);
        }
        while (frac.length() < minFraction) {
            frac.append('0');
        }
        if (frac.length() > 0 || keepPoint) {
            sb.append('.').append(frac);
        }
        return sb.toString();
    }

    /** Scientific mantissa "d.ddd" (fraction padded to minFraction) and the decimal exponent. */
    String mantissa(int minFraction, boolean keepPoint) {
        StringBuilder sb = new StringBuilder();
        if (negative) {
            sb.append('-');
        }
        String d = isZero() ? "0" : digits;
        sb.append(d.charAt(0));
        StringBuilder frac = new StringBuilder(d.substring(1));
        while (frac.length() < minFraction) {
            frac.append('0');
        }
        if (frac.length() > 0 || keepPoint) {
            sb.append('.').append(frac);
        }
        return sb.toString();
    }

    int scientificExponent() {
        return isZero() ? 0 : exponent - 1;
    }

    static String exponentText(int e, int minDigits) {
        String digits = String.valueOf(Math.abs(e));
        while (digits.length() < minDigits) {
            digits = "0" + digits;
        }
        return (e < 0 ? "e-" : "e+") + digits;
    }
}
