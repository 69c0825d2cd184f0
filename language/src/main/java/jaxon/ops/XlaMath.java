package jaxon.ops;

/**
 * float32 math functions computed exactly as JAX's CPU backend (XLA:CPU, jax 0.11.2, x86-64)
 * computes them, bit for bit.
 *
 * <p>A printed float32 shows every last-bit difference, so a script prints what JAX prints only
 * where Jaxon rounds as XLA does. Correct rounding is not enough for that: XLA evaluates its own
 * polynomial approximations (Cephes-style exp and log emitted as LLVM IR, Eigen's rational tanh,
 * JAX's compositions for sigmoid, softplus, erfinv ...), which differ from the correctly rounded
 * result in up to a few percent of all inputs. Each method here repeats XLA's sequence of float
 * operations: the same constants, the same fused multiply-adds where LLVM contracts a multiply
 * into an add ({@link Math#fma(float, float, float)}, one rounding), and the same handling of
 * subnormals, as XLA:CPU runs with denormals-are-zero and flush-to-zero: every arithmetic
 * operation reads a subnormal operand as zero and flushes a subnormal result to zero (of the same
 * sign), while comparisons, selects, min/max and sign operations see the value unchanged.
 * XlaMathTest compares every method with results recorded from real JAX
 * (tests/reference/xla_cpu).
 *
 * <p>Every arithmetic result below is flushed ({@link #ftz}); the argument is flushed once where
 * arithmetic first reads it, so no operand of an operation is ever subnormal. The methods are
 * plain static float code (no allocation, recursion or boxing) for partial evaluation.
 */
public final class XlaMath {
    private XlaMath() {
    }

    private static final float MIN_NORMAL = Float.MIN_NORMAL;

    /** Flush-to-zero: a subnormal becomes zero of the same sign; NaN and others stay. */
    private static float ftz(float a) {
        return Math.abs(a) < MIN_NORMAL ? Math.copySign(0f, a) : a;
    }

    private static float mul(float a, float b) {
        return ftz(a * b);
    }

    private static float add(float a, float b) {
        return ftz(a + b);
    }

    private static float sub(float a, float b) {
        return ftz(a - b);
    }

    private static float div(float a, float b) {
        return ftz(a / b);
    }

    private static float fma(float a, float b, float c) {
        return ftz(Math.fma(a, b, c));
    }

    // ------------------------------------------------------------------ exp
    static final float EXP_LO = (float) -87.8;
    static final float EXP_HI = (float) 88.8;
    static final float LOG2E = (float) 1.44269504088896341;
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = (float) 2.12194440e-4;

    /** XLA's exp (the Cephes expf that XLA:CPU emits as LLVM IR): reduce by n*ln2, degree-5 polynomial, scale by 2^n. */
    public static float exp(float x) {
        if (x != x) {
            return x;
        }
        // Only the result can be subnormal: a subnormal x or reduced argument leaves 1 + z at 1.
        float xc = x < EXP_LO ? EXP_LO : x > EXP_HI ? EXP_HI : x;
        float t = Math.fma(xc, LOG2E, 0.5f);
        int k = (int) t; // t is within (-127, 129): floor by truncation and a correction
        float n = Math.min(127, k - (t < k ? 1 : 0));
        float a = Math.fma(n, -LN2_HI, xc);
        a = Math.fma(n, LN2_LO, a);
        float z = (float) 1.9875691500E-4;
        z = Math.fma(z, a, (float) 1.3981999507E-3);
        z = Math.fma(z, a, (float) 8.3334519073E-3);
        z = Math.fma(z, a, (float) 4.1665795894E-2);
        z = Math.fma(z, a, (float) 1.6666665459E-1);
        z = Math.fma(z, a, (float) 5.0000001201E-1);
        z = Math.fma(z, a * a, a);
        z = 1f + z;
        // 2^n from the exponent bits; n = -127 gives the bit pattern of +0.
        return mul(z, Float.intBitsToFloat(((int) n + 127) << 23));
    }

    // ------------------------------------------------------------------ log
    static final float SQRT_HALF = (float) 0.707106781186547524;

    /** XLA's log (the Cephes logf that XLA:CPU emits as LLVM IR): mantissa in [sqrt(1/2), sqrt(2)), degree-8 polynomial in three Estrin parts. */
    public static float log(float v) {
        if (v != v) {
            return v;
        }
        float fv = ftz(v);
        if (fv == 0f) {
            return Float.NEGATIVE_INFINITY;
        }
        if (fv < 0f) {
            return Float.NaN;
        }
        if (v == Float.POSITIVE_INFINITY) {
            return v;
        }
        // From here on every value is zero or normal (the mantissa's distance from 1 is at least
        // 2^-24), so only the argument needed flushing.
        int i = Float.floatToRawIntBits(fv);
        float e = 1f + (float) ((i >> 23) - 127);
        float x = Float.intBitsToFloat((i & ~0x7f800000) | 0x3f000000); // mantissa in [0.5, 1)
        boolean below = x < SQRT_HALF;
        float tmp = below ? x : 0f;
        x = x - 1f;
        e = e - (below ? 1f : 0f);
        x = x + tmp;
        float x2 = x * x;
        float x3 = x2 * x;
        float y = Math.fma(x, (float) 7.0376836292E-2, (float) -1.1514610310E-1);
        float y1 = Math.fma(x, (float) -1.2420140846E-1, (float) 1.4249322787E-1);
        float y2 = Math.fma(x, (float) 2.0000714765E-1, (float) -2.4999993993E-1);
        y = Math.fma(y, x, (float) 1.1676998740E-1);
        y1 = Math.fma(y1, x, (float) -1.6668057665E-1);
        y2 = Math.fma(y2, x, (float) 3.3333331174E-1);
        y = Math.fma(y, x3, y1);
        y = Math.fma(y, x3, y2);
        y = Math.fma(y, x3, -LN2_LO * e);
        x = Math.fma(-0.5f, x2, x);
        x = x + y;
        return Math.fma(LN2_HI, e, x);
    }

    // ------------------------------------------------------------------ tanh
    static final float TANH_CLAMP = (float) 7.99881172180175781;

    /** XLA's tanh (EmitFastTanh with FMA, Eigen's rational approximation): x itself below 0.0004, +-1 from 20 on. */
    public static float tanh(float x) {
        float ax = Math.abs(x);
        if (ax < 0.0004f) {
            return x;
        }
        if (ax >= 20f) {
            return Math.copySign(1f, x);
        }
        // |x| >= 0.0004 here, so no value below can be subnormal.
        float xc = x < -TANH_CLAMP ? -TANH_CLAMP : x > TANH_CLAMP ? TANH_CLAMP : x; // NaN stays NaN
        float x2 = xc * xc;
        float p = (float) -2.76076847742355e-16;
        p = Math.fma(p, x2, (float) 2.00018790482477e-13);
        p = Math.fma(p, x2, (float) -8.60467152213735e-11);
        p = Math.fma(p, x2, (float) 5.12229709037114e-08);
        p = Math.fma(p, x2, (float) 1.48572235717979e-05);
        p = Math.fma(p, x2, (float) 6.37261928875436e-04);
        p = Math.fma(p, x2, (float) 4.89352455891786e-03);
        float q = (float) 1.19825839466702e-06;
        q = Math.fma(q, x2, (float) 1.18534705686654e-04);
        q = Math.fma(q, x2, (float) 2.26843463243900e-03);
        q = Math.fma(q, x2, (float) 4.89352518554385e-03);
        return xc * p / q;
    }

    // ------------------------------------------------------------------ log1p
    private static final float LOG1P_SMALL = (float) 0.41421356237309504880;

    /** XLA's log1p: log(1 + x) from |x| = sqrt(2) - 1 on, below it the Cephes rational x - x^2/2 + x^3 P(x)/Q(x). */
    public static float log1p(float x) {
        if (!(Math.abs(x) < LOG1P_SMALL)) {
            return log(add(ftz(x), 1f));
        }
        x = ftz(x);
        float x2 = mul(x, x);
        float p = (float) 4.5270000862445199635215E-5;
        p = fma(p, x, (float) 4.9854102823193375972212E-1);
        p = fma(p, x, (float) 6.5787325942061044846969E0);
        p = fma(p, x, (float) 2.9911919328553073277375E1);
        p = fma(p, x, (float) 6.0949667980987787057556E1);
        p = fma(p, x, (float) 5.7112963590585538103336E1);
        p = fma(p, x, (float) 2.0039553499201281259648E1);
        float q = 1f;
        q = fma(q, x, (float) 1.5062909083469192043167E1);
        q = fma(q, x, (float) 8.3047565967967209469434E1);
        q = fma(q, x, (float) 2.2176239823732856465394E2);
        q = fma(q, x, (float) 3.0909872225312059774938E2);
        q = fma(q, x, (float) 2.1642788614495947685003E2);
        q = fma(q, x, (float) 6.0118660497603843919306E1);
        float s = mul(mul(x, x2), div(p, q));
        s = fma(-0.5f, x2, s);
        return add(x, s);
    }

    // ------------------------------------------------------------------ expm1
    /** XLA's expm1 (elemental emitter): exp(x) - 1 for |x| > 0.5, else tanh(x/2) * (exp(x) + 1); x itself where x/2 flushes to zero. */
    public static float expm1(float x) {
        float h = mul(ftz(x), 0.5f);
        if (h == 0f) {
            return x;
        }
        float e = exp(x);
        if (Math.abs(x) > 0.5f) {
            return sub(e, 1f);
        }
        return mul(tanh(h), add(e, 1f));
    }

    // ------------------------------------------------------------------ compositions
    /** jax.nn.sigmoid (lax.logistic, expanded by XLA as 1 / (1 + exp(-x))). */
    public static float sigmoid(float x) {
        return div(1f, add(1f, exp(-x)));
    }

    /** jax.nn.softplus = jnp.logaddexp(x, 0): max(x, 0) + log1p(exp(-|x|)), x + 0 for NaN. */
    public static float softplus(float x) {
        if (x != x) {
            return x;
        }
        return add(Math.max(x, 0f), log1p(exp(-Math.abs(ftz(x)))));
    }

    private static final float INV_LN2 = (float) 1.442695;
    private static final float INV_LN10 = (float) 0.4342944819032518;
    private static final float LN2 = (float) 0.6931471805599453;
    private static final float LN_HALF = (float) -0.6931471805599453;

    /** jnp.log2: log(x) times float32(1/ln 2). */
    public static float log2(float x) {
        return mul(log(x), INV_LN2);
    }

    /** jnp.log10: log(x) times float32(1/ln 10). */
    public static float log10(float x) {
        return mul(log(x), INV_LN10);
    }

    /** jnp.exp2: exp(float32(ln 2) * x). */
    public static float exp2(float x) {
        return exp(mul(LN2, ftz(x)));
    }

    /** jnp.cosh (chlo.cosh): exp(x + ln(1/2)) + exp(ln(1/2) - x). */
    public static float cosh(float x) {
        float xf = ftz(x);
        return add(exp(add(xf, LN_HALF)), exp(sub(LN_HALF, xf)));
    }

    /** jnp.sinh (chlo.sinh): (e + e / (e + 1)) / 2 with e = expm1(x) for |x| < 1, else exp(x + ln(1/2)) - exp(ln(1/2) - x). */
    public static float sinh(float x) {
        if (!(Math.abs(x) < 1f)) {
            float xf = ftz(x);
            return sub(exp(add(xf, LN_HALF)), exp(sub(LN_HALF, xf)));
        }
        float em = expm1(x);
        return mul(0.5f, add(em, div(em, add(em, 1f))));
    }

    // ------------------------------------------------------------------ erf, erfinv
    private static final float ERF_ONE = (float) 3.832506856900711;

    /** jax.scipy.special.erf (XLA's float32 erf): x P(x^2) / Q(x^2), +-1 from |x| = 3.8325 on. */
    public static float erf(float x) {
        if (Math.abs(x) >= ERF_ONE) {
            return Math.copySign(1f, x);
        }
        float xf = ftz(x);
        float x2 = mul(xf, xf);
        float p = (float) 0.00022905065861350646;
        p = fma(p, x2, (float) 0.0034082910107109506);
        p = fma(p, x2, (float) 0.050955695062380861);
        p = fma(p, x2, (float) 0.18520832239976145);
        p = fma(p, x2, (float) 1.128379143519084);
        float q = (float) -1.1791602954361697e-7;
        q = fma(q, x2, (float) 0.000023547966471313185);
        q = fma(q, x2, (float) 0.0010179625278914885);
        q = fma(q, x2, (float) 0.014070470171167667);
        q = fma(q, x2, (float) 0.11098505178285362);
        q = fma(q, x2, (float) 0.49746925110067538);
        q = fma(q, x2, 1f);
        return div(mul(xf, p), q);
    }

    /** jax.scipy.special.erfinv (XLA's float32 ErfInv, Giles' approximation): w = -log1p(-x^2), one of two degree-8 polynomials times x. */
    public static float erfinv(float x) {
        if (Math.abs(x) == 1f) {
            return Math.copySign(Float.POSITIVE_INFINITY, x);
        }
        float xf = ftz(x);
        float w = -log1p(-mul(xf, xf));
        float p;
        if (w < 5f) {
            float ww = sub(w, 2.5f);
            p = (float) 2.81022636e-08;
            p = fma(p, ww, (float) 3.43273939e-07);
            p = fma(p, ww, (float) -3.5233877e-06);
            p = fma(p, ww, (float) -4.39150654e-06);
            p = fma(p, ww, (float) 0.00021858087);
            p = fma(p, ww, (float) -0.00125372503);
            p = fma(p, ww, (float) -0.00417768164);
            p = fma(p, ww, (float) 0.246640727);
            p = fma(p, ww, (float) 1.50140941);
        } else {
            float ww = sub(ftz((float) Math.sqrt(w)), 3f);
            p = (float) -0.000200214257;
            p = fma(p, ww, (float) 0.000100950558);
            p = fma(p, ww, (float) 0.00134934322);
            p = fma(p, ww, (float) -0.00367342844);
            p = fma(p, ww, (float) 0.00573950773);
            p = fma(p, ww, (float) -0.0076224613);
            p = fma(p, ww, (float) 0.00943887047);
            p = fma(p, ww, (float) 1.00167406);
            p = fma(p, ww, (float) 2.83297682);
        }
        return mul(p, xf);
    }

    // ================================================================== glibc float functions
    // XLA:CPU emits calls to the C library's sinf, cosf, tanf, atanf, atan2f, cbrtf and powf, so
    // JAX on Linux x86-64 prints whatever glibc (2.39; these routines are unchanged since 2.28)
    // returns. The methods below repeat those routines operation by operation. Two details of the
    // caller matter: glibc picks, at load time, variants of sinf, cosf and powf compiled for FMA
    // (the compiler fuses each product that feeds only an addition into one fused multiply-add,
    // Math.fma here), while tanf, atanf, atan2f and cbrtf are plain SSE2 code without fusion; and
    // the calls run under XLA's denormals-are-zero / flush-to-zero mode, which glibc's own
    // arithmetic also obeys (a subnormal argument reads as zero wherever glibc computes with it,
    // but passes through untouched where glibc only inspects or returns its bits).

    /** Top 12 bits of |y|'s representation: exponent and first mantissa bits, for range tests. */
    private static int abstop12(float y) {
        return (Float.floatToRawIntBits(y) >>> 20) & 0x7ff;
    }

    // ------------------------------------------------------------------ atanf, atan2f
    private static final float ATAN_HI0 = 4.6364760399e-01f;
    private static final float ATAN_HI1 = 7.8539812565e-01f;
    private static final float ATAN_HI2 = 9.8279368877e-01f;
    private static final float ATAN_HI3 = 1.5707962513e+00f;
    private static final float ATAN_LO0 = 5.0121582440e-09f;
    private static final float ATAN_LO1 = 3.7748947079e-08f;
    private static final float ATAN_LO2 = 3.4473217170e-08f;
    private static final float ATAN_LO3 = 7.5497894159e-08f;

    /**
     * glibc's atanf (sysdeps/ieee754/flt-32/s_atanf.c, the fdlibm float code): reduce |x| against
     * atan(0.5), atan(1), atan(1.5) or atan(inf), then an odd polynomial of degree 23 split into
     * even and odd halves in x^4. x itself below 2^-29. No intermediate can be subnormal for a
     * normal argument, so no flushing is needed; a subnormal argument is returned unchanged.
     */
    public static float atanf(float x) {
        int hx = Float.floatToRawIntBits(x);
        int ix = hx & 0x7fffffff;
        if (ix >= 0x4c000000) { // |x| >= 2^25, inf or NaN
            if (ix > 0x7f800000) {
                return x + x;
            }
            return hx > 0 ? ATAN_HI3 + ATAN_LO3 : -ATAN_HI3 - ATAN_LO3;
        }
        int id;
        if (ix < 0x3ee00000) { // |x| < 0.4375
            if (ix < 0x31000000) { // |x| < 2^-29
                return x;
            }
            id = -1;
        } else {
            x = Math.abs(x);
            if (ix < 0x3f980000) { // |x| < 1.1875
                if (ix < 0x3f300000) { // 7/16 <= |x| < 11/16
                    id = 0;
                    x = (2f * x - 1f) / (2f + x);
                } else { // 11/16 <= |x| < 19/16
                    id = 1;
                    x = (x - 1f) / (x + 1f);
                }
            } else if (ix < 0x401c0000) { // |x| < 2.4375
                id = 2;
                x = (x - 1.5f) / (1f + 1.5f * x);
            } else { // 2.4375 <= |x| < 2^25
                id = 3;
                x = -1f / x;
            }
        }
        float z = x * x;
        float w = z * z;
        float s1 = z * (3.3333334327e-01f + w * (1.4285714924e-01f + w * (9.0908870101e-02f
                + w * (6.6610731184e-02f + w * (4.9768779427e-02f + w * 1.6285819933e-02f)))));
        float s2 = w * (-2.0000000298e-01f + w * (-1.1111110449e-01f + w * (-7.6918758452e-02f
                + w * (-5.8335702866e-02f + w * -3.6531571299e-02f))));
        if (id < 0) {
            return x - x * (s1 + s2);
        }
        float hi;
        float lo;
        switch (id) {
            case 0:
                hi = ATAN_HI0;
                lo = ATAN_LO0;
                break;
            case 1:
                hi = ATAN_HI1;
                lo = ATAN_LO1;
                break;
            case 2:
                hi = ATAN_HI2;
                lo = ATAN_LO2;
                break;
            default:
                hi = ATAN_HI3;
                lo = ATAN_LO3;
                break;
        }
        z = hi - ((x * (s1 + s2) - lo) - x);
        return hx < 0 ? -z : z;
    }

    private static final float PI_O_4 = 7.8539818525e-01f;
    private static final float PI_O_2 = 1.5707963705e+00f;
    private static final float PI_F = 3.1415927410e+00f;
    private static final float PI_LO = -8.7422776573e-08f;
    private static final float TINY = 1.0e-30f;

    /**
     * atan2f on the x axis, by quadrant code m (bit 0: y negative, bit 1: x negative): +-0 to the
     * right (y's own zero when y is zero), +-pi to the left.
     */
    private static float onXAxis(int m) {
        return switch (m) {
            case 0 -> 0f;
            case 1 -> -0f;
            case 2 -> PI_F + TINY;
            default -> -PI_F - TINY;
        };
    }

    /**
     * glibc's atan2f (sysdeps/ieee754/flt-32/e_atan2f.c): special cases from the bits of y and x,
     * otherwise atanf(|y / x|) moved into the quadrant of (x, y) with a two-part pi. The quotient
     * reads subnormal operands as zero and flushes a subnormal result, as under XLA.
     */
    public static float atan2f(float y, float x) {
        int hx = Float.floatToRawIntBits(x);
        int ix = hx & 0x7fffffff;
        int hy = Float.floatToRawIntBits(y);
        int iy = hy & 0x7fffffff;
        if (ix > 0x7f800000 || iy > 0x7f800000) {
            return x + y;
        }
        if (hx == 0x3f800000) {
            return atanf(y);
        }
        int m = ((hy >>> 31) & 1) | ((hx >> 30) & 2);
        if (iy == 0) {
            return onXAxis(m);
        }
        if (ix == 0) {
            return hy < 0 ? -PI_O_2 - TINY : PI_O_2 + TINY;
        }
        if (ix == 0x7f800000) {
            if (iy == 0x7f800000) {
                switch (m) {
                    case 0:
                        return PI_O_4 + TINY;
                    case 1:
                        return -PI_O_4 - TINY;
                    case 2:
                        return 3f * PI_O_4 + TINY;
                    default:
                        return -3f * PI_O_4 - TINY;
                }
            }
            return onXAxis(m); // a finite y against an infinite x: the angle of the x axis
        }
        if (iy == 0x7f800000) {
            return hy < 0 ? -PI_O_2 - TINY : PI_O_2 + TINY;
        }
        int k = (iy - ix) >> 23;
        float z;
        if (k > 60) {
            z = PI_O_2 + 0.5f * PI_LO;
        } else if (hx < 0 && k < -60) {
            z = 0f;
        } else {
            z = atanf(Math.abs(div(ftz(y), ftz(x))));
        }
        switch (m) {
            case 0:
                return z;
            case 1:
                return -z;
            case 2:
                return PI_F - (z - PI_LO);
            default:
                return (z - PI_LO) - PI_F;
        }
    }

    /** jnp.arcsin (chlo.asin): 2 * atan2f(x, 1 + sqrt((1 - x) * (1 + x))). */
    public static float arcsin(float x) {
        float xf = ftz(x);
        float s = ftz((float) Math.sqrt(mul(sub(1f, xf), add(1f, xf))));
        return mul(2f, atan2f(x, add(1f, s)));
    }

    /** jnp.arccos (chlo.acos): atan2f(sqrt((1 - x) * (1 + x)), x). */
    public static float arccos(float x) {
        float xf = ftz(x);
        return atan2f(ftz((float) Math.sqrt(mul(sub(1f, xf), add(1f, xf)))), x);
    }

    // ------------------------------------------------------------------ sinf, cosf
    private static final int TOP12_PIO4 = 0x3f4; // abstop12(0x1.921FB6p-1f)
    static final int TOP12_TINY = 0x398; // abstop12(0x1p-12f)
    static final int TOP12_120 = 0x42f; // abstop12(120f)
    private static final int TOP12_INF = 0x7f8;
    static final double HPI_INV_2P24 = 0x1.45F306DC9C883p+23; // 2/pi scaled by 2^24
    static final double HPI = 0x1.921FB54442D18p0;
    private static final double PI63 = 0x1.921FB54442D18p-62; // 2 pi / 2^64
    // cosine polynomial c0..c4 (the second table of glibc negates it) and sine polynomial s1..s3
    static final double SC_C1 = -0x1.ffffffd0c621cp-2;
    static final double SC_C2 = 0x1.55553e1068f19p-5;
    static final double SC_C3 = -0x1.6c087e89a359dp-10;
    static final double SC_C4 = 0x1.99343027bf8c3p-16;
    static final double SC_S1 = -0x1.555545995a603p-3;
    static final double SC_S2 = 0x1.1107605230bc4p-7;
    static final double SC_S3 = -0x1.994eb3774cf24p-13;
    /** 4/pi to 192 bits, each entry adding 8 new bits (glibc's __inv_pio4). */
    private static final int[] INV_PIO4 = {
        0xa2, 0xa2f9, 0xa2f983, 0xa2f9836e,
        0xf9836e4e, 0x836e4e44, 0x6e4e4415, 0x4e441529,
        0x441529fc, 0x1529fc27, 0x29fc2757, 0xfc2757d1,
        0x2757d1f5, 0x57d1f534, 0xd1f534dd, 0xf534ddc0,
        0x34ddc0db, 0xddc0db62, 0xc0db6295, 0xdb629599,
        0x6295993c, 0x95993c43, 0x993c4390, 0x3c439041,
    };

    /** glibc sinf_poly (FMA build): the sine polynomial for even n, else the (possibly negated) cosine polynomial. */
    private static float sincosfPoly(double x, double x2, boolean negCos, int n) {
        if ((n & 1) == 0) {
            double x3 = x * x2;
            double s1 = Math.fma(x2, SC_S3, SC_S2);
            double x7 = x3 * x2;
            double s = Math.fma(x3, SC_S1, x);
            return (float) Math.fma(x7, s1, s);
        }
        double sg = negCos ? -1.0 : 1.0; // exact: the negated table has every coefficient negated
        double x4 = x2 * x2;
        double c2 = Math.fma(x2, sg * SC_C4, sg * SC_C3);
        double c1 = Math.fma(x2, sg * SC_C1, sg);
        double x6 = x4 * x2;
        double c = Math.fma(x4, sg * SC_C2, c1);
        return (float) Math.fma(x6, c2, c);
    }

    /** glibc reduce_fast: the nearest multiple n of pi/2, via a 2^24-scaled product (callers subtract n * pi/2: fused in sinf/cosf, not in tanf). */
    private static int reduceFastN(double x) {
        double r = x * HPI_INV_2P24;
        return ((int) r + 0x800000) >> 24;
    }

    /** glibc reduce_large: the quadrant of a float >= 2 by a 32x96-bit product with 4/pi; returns the fixed-point remainder, n in the top bits. */
    private static long reduceLargeBits(int xi) {
        int base = (xi >>> 26) & 15;
        int shift = (xi >>> 23) & 7;
        int m = ((xi & 0xffffff) | 0x800000) << shift;
        long mu = m & 0xffffffffL;
        long res0 = (m * INV_PIO4[base]) & 0xffffffffL;
        long res1 = mu * (INV_PIO4[base + 4] & 0xffffffffL);
        long res2 = mu * (INV_PIO4[base + 8] & 0xffffffffL);
        res0 = (res2 >>> 32) | (res0 << 32);
        return res0 + res1;
    }

    private static int reduceLargeN(long res) {
        return (int) ((res + (1L << 61)) >>> 62);
    }

    private static double reduceLargeX(long res, int n) {
        return (double) (res - ((long) n << 62)) * PI63;
    }

    /** glibc's sinf (flt-32 s_sinf.c, FMA variant): double-precision polynomials after a one-step or a 4/pi-table range reduction. */
    public static float sinf(float y) {
        double x = y;
        int top = abstop12(y);
        if (top < TOP12_PIO4) {
            if (top < TOP12_TINY) {
                return y;
            }
            return sincosfPoly(x, x * x, false, 0);
        } else if (top < TOP12_120) {
            int n = reduceFastN(x);
            x = Math.fma(-(double) n, HPI, x);
            double s = ((n + 1) & 2) == 0 ? 1.0 : -1.0;
            return sincosfPoly(x * s, x * x, (n & 2) != 0, n);
        } else if (top < TOP12_INF) {
            int xi = Float.floatToRawIntBits(y);
            int sign = xi >>> 31;
            long res = reduceLargeBits(xi);
            int n = reduceLargeN(res);
            x = reduceLargeX(res, n);
            double s = ((n + sign + 1) & 2) == 0 ? 1.0 : -1.0;
            return sincosfPoly(x * s, x * x, ((n + sign) & 2) != 0, n);
        }
        return Float.NaN;
    }

    /** glibc's cosf (flt-32 s_cosf.c, FMA variant): as sinf with the quadrant moved by one. */
    public static float cosf(float y) {
        double x = y;
        int top = abstop12(y);
        if (top < TOP12_PIO4) {
            if (top < TOP12_TINY) {
                return 1f;
            }
            return sincosfPoly(x, x * x, false, 1);
        } else if (top < TOP12_120) {
            int n = reduceFastN(x);
            x = Math.fma(-(double) n, HPI, x);
            double s = ((n + 1) & 2) == 0 ? 1.0 : -1.0;
            return sincosfPoly(x * s, x * x, (n & 2) != 0, n ^ 1);
        } else if (top < TOP12_INF) {
            int xi = Float.floatToRawIntBits(y);
            int sign = xi >>> 31;
            long res = reduceLargeBits(xi);
            int n = reduceLargeN(res);
            x = reduceLargeX(res, n);
            double s = ((n + sign + 1) & 2) == 0 ? 1.0 : -1.0;
            return sincosfPoly(x * s, x * x, ((n + sign) & 2) != 0, n ^ 1);
        }
        return Float.NaN;
    }

    // ------------------------------------------------------------------ tanf
    private static final float TAN_PIO4 = 7.8539812565e-01f;
    private static final float TAN_PIO4LO = 3.7748947079e-08f;

    /**
     * glibc's tanf (flt-32 s_tanf.c, no FMA variant): |x| up to pi/4 straight to the kernel, else
     * the sinf/cosf range reduction (unfused here) split into a float head and tail.
     */
    public static float tanf(float x) {
        int ix = Float.floatToRawIntBits(x) & 0x7fffffff;
        if (ix <= 0x3f490fda) {
            return kernelTanf(x, 0f, 1);
        }
        if (ix >= 0x7f800000) {
            return x - x;
        }
        double dx;
        int n;
        if (abstop12(x) < TOP12_120) {
            dx = x;
            n = reduceFastN(dx);
            dx = dx - n * HPI;
        } else {
            int xi = Float.floatToRawIntBits(x);
            long res = reduceLargeBits(xi);
            n = reduceLargeN(res);
            dx = reduceLargeX(res, n);
            if (xi < 0) {
                dx = -dx;
            }
        }
        float y0 = (float) dx;
        float y1 = (float) (dx - y0);
        return kernelTanf(y0, y1, 1 - ((n & 1) << 1));
    }

    /** glibc __kernel_tanf (flt-32 k_tanf.c, fdlibm): tan(x + y) for |x + y| <= pi/4, or -1/tan for iy = -1. */
    private static float kernelTanf(float x, float y, int iy) {
        int hx = Float.floatToRawIntBits(x);
        int ix = hx & 0x7fffffff;
        if (ix < 0x39000000) { // |x| < 2^-13
            if (ix == 0 && iy == -1) {
                return 1f / Math.abs(x);
            } else if (iy == 1) {
                return x;
            } else {
                return -1f / x;
            }
        }
        boolean big = ix >= 0x3f2ca140; // |x| >= 0.6744
        if (big) {
            if (hx < 0) {
                x = -x;
                y = -y;
            }
            float z = TAN_PIO4 - x;
            float w = TAN_PIO4LO - y;
            x = z + w;
            y = 0f;
            if (Math.abs(x) < 0x1p-13f) {
                return (1 - ((hx >> 30) & 2)) * iy * (1f - 2 * iy * x);
            }
        }
        float z = x * x;
        float w = z * z;
        float r = 1.3333334029e-01f + w * (2.1869488060e-02f + w * (3.5920790397e-03f
                + w * (5.8804126456e-04f + w * (7.8179444245e-05f + w * -1.8558637748e-05f))));
        float v = z * (5.3968254477e-02f + w * (8.8632395491e-03f + w * (1.4562094584e-03f
                + w * (2.4646313977e-04f + w * (7.1407252108e-05f + w * 2.5907305826e-05f)))));
        float s = z * x;
        r = y + z * (s * (r + v) + y);
        r += 3.3333334327e-01f * s;
        w = x + r;
        if (big) {
            v = iy;
            return (float) (1 - ((hx >> 30) & 2)) * (v - 2f * (x - (w * w / (w + v) - r)));
        }
        if (iy == 1) {
            return w;
        }
        // -1/(x + r) computed accurately from w's leading bits
        z = Float.intBitsToFloat(Float.floatToRawIntBits(w) & 0xfffff000);
        v = r - (z - x);
        float a = -1f / w;
        float t = Float.intBitsToFloat(Float.floatToRawIntBits(a) & 0xfffff000);
        s = 1f + t * z;
        return t + a * (s + t * v);
    }

    // ------------------------------------------------------------------ cbrtf
    private static final double CBRT2 = 1.2599210498948731648;
    private static final double SQR_CBRT2 = 1.5874010519681994748;
    private static final double[] CBRT_FACTOR = {1.0 / SQR_CBRT2, 1.0 / CBRT2, 1.0, CBRT2, SQR_CBRT2};

    /**
     * glibc's cbrtf (flt-32 s_cbrtf.c): frexp, a quadratic first guess in double, one
     * Halley step in double, the exponent's remainder mod 3 as a factor, ldexp. Under
     * denormals-are-zero, frexpf of a subnormal scales it by 2^25 to zero and so yields mantissa
     * 0.5 with exponent -151, and the sign test x > 0 fails: JAX's garbage -0.63 * 2^-50 for every
     * subnormal argument is reproduced.
     */
    public static float cbrtf(float x) {
        int hx = Float.floatToRawIntBits(x);
        int ix = hx & 0x7fffffff;
        if (ix >= 0x7f800000 || ix == 0) {
            return x + x;
        }
        float xm;
        int xe;
        boolean positive;
        if (ix < 0x00800000) {
            xm = 0.5f;
            xe = -151;
            positive = false;
        } else {
            xe = (ix >> 23) - 126;
            xm = Float.intBitsToFloat((ix & 0x007fffff) | 0x3f000000);
            positive = hx > 0;
        }
        float u = (float) (0.492659620528969547 + (0.697570460207922770 - 0.191502161678719066 * xm) * xm);
        float t2 = u * u * u;
        float ym = (float) ((u * (t2 + 2.0 * xm)) / (2.0 * t2 + xm) * CBRT_FACTOR[2 + xe % 3]);
        return Math.scalb(positive ? ym : -ym, xe / 3);
    }

    // ------------------------------------------------------------------ powf
    /** 1/c and log2(c) for the 16 subintervals of glibc's powf log2 (e_powf_log2_data.c). */
    private static final double[] POWF_INVC = {
        0x1.661ec79f8f3bep+0, 0x1.571ed4aaf883dp+0, 0x1.49539f0f010bp+0, 0x1.3c995b0b80385p+0,
        0x1.30d190c8864a5p+0, 0x1.25e227b0b8eap+0, 0x1.1bb4a4a1a343fp+0, 0x1.12358f08ae5bap+0,
        0x1.0953f419900a7p+0, 0x1p+0, 0x1.e608cfd9a47acp-1, 0x1.ca4b31f026aap-1,
        0x1.b2036576afce6p-1, 0x1.9c2d163a1aa2dp-1, 0x1.886e6037841edp-1, 0x1.767dcf5534862p-1,
    };
    private static final double[] POWF_LOGC = {
        -0x1.efec65b963019p-2, -0x1.b0b6832d4fca4p-2, -0x1.7418b0a1fb77bp-2, -0x1.39de91a6dcf7bp-2,
        -0x1.01d9bf3f2b631p-2, -0x1.97c1d1b3b7afp-3, -0x1.2f9e393af3c9fp-3, -0x1.960cbbf788d5cp-4,
        -0x1.a6f9db6475fcep-5, 0x0p+0, 0x1.338ca9f24f53dp-4, 0x1.476a9543891bap-3,
        0x1.e840b4ac4e4d2p-3, 0x1.40645f0c6651cp-2, 0x1.88e9c2c1b9ff8p-2, 0x1.ce0a44eb17bccp-2,
    };
    private static final double POWF_A0 = 0x1.27616c9496e0bp-2;
    private static final double POWF_A1 = -0x1.71969a075c67ap-2;
    private static final double POWF_A2 = 0x1.ec70a6ca7baddp-2;
    private static final double POWF_A3 = -0x1.7154748bef6c8p-1;
    private static final double POWF_A4 = 0x1.71547652ab82bp0;
    /** Bits of 2^(i/32) less i << 47, for glibc's exp2f table (e_exp2f_data.c). */
    private static final long[] EXP2F_TAB = {
        0x3ff0000000000000L, 0x3fefd9b0d3158574L, 0x3fefb5586cf9890fL, 0x3fef9301d0125b51L,
        0x3fef72b83c7d517bL, 0x3fef54873168b9aaL, 0x3fef387a6e756238L, 0x3fef1e9df51fdee1L,
        0x3fef06fe0a31b715L, 0x3feef1a7373aa9cbL, 0x3feedea64c123422L, 0x3feece086061892dL,
        0x3feebfdad5362a27L, 0x3feeb42b569d4f82L, 0x3feeab07dd485429L, 0x3feea47eb03a5585L,
        0x3feea09e667f3bcdL, 0x3fee9f75e8ec5f74L, 0x3feea11473eb0187L, 0x3feea589994cce13L,
        0x3feeace5422aa0dbL, 0x3feeb737b0cdc5e5L, 0x3feec49182a3f090L, 0x3feed503b23e255dL,
        0x3feee89f995ad3adL, 0x3feeff76f2fb5e47L, 0x3fef199bdd85529cL, 0x3fef3720dcef9069L,
        0x3fef5818dcfba487L, 0x3fef7c97337b9b5fL, 0x3fefa4afa2a490daL, 0x3fefd0765b6e4540L,
    };
    private static final double EXP2F_SHIFT = 0x1.8p+52 / 32;
    private static final double EXP2F_C0 = 0x1.c6af84b912394p-5;
    private static final double EXP2F_C1 = 0x1.ebfce50fac4f3p-3;
    private static final double EXP2F_C2 = 0x1.62e42ff0c52d6p-1;
    private static final int POWF_SIGN_BIAS = 1 << 16;

    /** glibc powf's checkint: 0 if iy is not an integer, 1 if odd, 2 if even. */
    private static int powfCheckint(int iy) {
        int e = (iy >>> 23) & 0xff;
        if (e < 0x7f) {
            return 0;
        }
        if (e > 0x7f + 23) {
            return 2;
        }
        if ((iy & ((1 << (0x7f + 23 - e)) - 1)) != 0) {
            return 0;
        }
        if ((iy & (1 << (0x7f + 23 - e))) != 0) {
            return 1;
        }
        return 2;
    }

    /** True for +-0, +-inf and NaN bit patterns. */
    private static boolean zeroInfNan(int i) {
        return Integer.compareUnsigned(2 * i - 1, 2 * 0x7f800000 - 1) >= 0;
    }

    /**
     * glibc's powf (flt-32 e_powf.c, FMA variant): log2(x) in double from a 16-entry table and a
     * degree-5 polynomial, times y, then 2^t from a 32-entry table and a cubic. Special operands as
     * glibc; a subnormal x reads as zero where glibc normalises it (so as 2^-150), and a subnormal
     * result flushes to zero, as under XLA.
     */
    public static float powf(float x, float y) {
        int ix = Float.floatToRawIntBits(x);
        int iy = Float.floatToRawIntBits(y);
        int signBias = 0;
        if (Integer.compareUnsigned(ix - 0x00800000, 0x7f800000 - 0x00800000) >= 0 || zeroInfNan(iy)) {
            if (zeroInfNan(iy)) {
                if (2 * iy == 0) {
                    return 1f;
                }
                if (ix == 0x3f800000) {
                    return 1f;
                }
                if (Integer.compareUnsigned(2 * ix, 2 * 0x7f800000) > 0
                        || Integer.compareUnsigned(2 * iy, 2 * 0x7f800000) > 0) {
                    return x + y;
                }
                if (2 * ix == 2 * 0x3f800000) {
                    return 1f;
                }
                if ((Integer.compareUnsigned(2 * ix, 2 * 0x3f800000) < 0) == (iy >= 0)) {
                    return 0f;
                }
                return y * y;
            }
            if (zeroInfNan(ix)) {
                float x2 = x * x;
                if (ix < 0 && powfCheckint(iy) == 1) {
                    x2 = -x2;
                }
                return iy < 0 ? 1f / x2 : x2;
            }
            if (ix < 0) { // finite x < 0
                int yint = powfCheckint(iy);
                if (yint == 0) {
                    return Float.NaN;
                }
                if (yint == 1) {
                    signBias = POWF_SIGN_BIAS;
                }
                ix &= 0x7fffffff;
            }
            if (ix < 0x00800000) {
                // glibc normalises a subnormal by x * 2^23; under denormals-are-zero that is 0
                ix = -(23 << 23);
            }
        }
        // log2(x) = log1p(z/c - 1)/ln2 + log2(c) + k, with x = 2^k z, z near the table's c
        int tmp = ix - 0x3f330000;
        int i = (tmp >>> 19) & 15;
        int top = tmp & 0xff800000;
        int iz = ix - top;
        int k = top >> 23;
        double z = Float.intBitsToFloat(iz);
        double r = Math.fma(z, POWF_INVC[i], -1.0);
        double y0 = POWF_LOGC[i] + (double) k;
        double r2 = r * r;
        double p1 = Math.fma(POWF_A0, r, POWF_A1);
        double p2 = Math.fma(POWF_A2, r, POWF_A3);
        double r4 = r2 * r2;
        double q = Math.fma(POWF_A4, r, y0);
        q = Math.fma(p2, r2, q);
        double logx = Math.fma(p1, r4, q);
        double ylogx = ftz(y) * logx;
        if (((Double.doubleToRawLongBits(ylogx) >>> 47) & 0xffff) >= (Double.doubleToRawLongBits(126.0) >>> 47)) {
            if (ylogx > 0x1.fffffffd1d571p+6) {
                return signBias != 0 ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
            }
            if (ylogx < -149.0) { // glibc's underflow paths, flushed to zero
                return signBias != 0 ? -0f : 0f;
            }
        }
        // 2^ylogx = 2^(k/32) * 2^r, |r| <= 1/64
        double kd = ylogx + EXP2F_SHIFT;
        long ki = Double.doubleToRawLongBits(kd);
        kd -= EXP2F_SHIFT;
        double rr = ylogx - kd;
        long t = EXP2F_TAB[(int) (ki & 31)];
        t += (ki + signBias) << 47;
        double sc = Double.longBitsToDouble(t);
        double zz = Math.fma(EXP2F_C0, rr, EXP2F_C1);
        double rr2 = rr * rr;
        double yy = Math.fma(EXP2F_C2, rr, 1.0);
        yy = Math.fma(zz, rr2, yy);
        return ftz((float) (yy * sc));
    }

    // ------------------------------------------------------------------ erfc
    private static final float ERFC_MAXLOG = (float) 88.72283905206835;

    /**
     * jax.scipy.special.erfc (chlo.erfc's float32 decomposition, Cephes-based): 1 - x T(x^2) for
     * |x| < 1 (the product fused into the subtraction); otherwise exp(-x^2) / |x| times a polynomial
     * in 1/x^2 (one coefficient set below |x| = 2, another from 2 on), zero once -x^2 < -88.72,
     * and 2 minus that for negative x. Both polynomials are Horner chains of fused multiply-adds.
     */
    public static float erfc(float x) {
        float xf = ftz(x);
        float ax = Math.abs(xf);
        if (Math.abs(x) < 1f) {
            float t = (float) 7.853861353153693E-5;
            float x2 = mul(xf, xf);
            t = fma(t, x2, (float) -8.010193625184903E-4);
            t = fma(t, x2, (float) 5.188327685732524E-3);
            t = fma(t, x2, (float) -2.685381193529856E-2);
            t = fma(t, x2, (float) 1.128358514861418E-1);
            t = fma(t, x2, (float) -3.761262582423300E-1);
            t = fma(t, x2, (float) 1.128379165726710E+0);
            return fma(-xf, t, 1f);
        }
        if (x != x) {
            return x;
        }
        float xsq = mul(xf, xf);
        float z = -xsq;
        float r = div(1f, xsq);
        float p;
        if (ax < 2f) {
            p = (float) 2.326819970068386E-2;
            p = fma(p, r, (float) -1.387039388740657E-1);
            p = fma(p, r, (float) 3.687424674597105E-1);
            p = fma(p, r, (float) -5.824733027278666E-1);
            p = fma(p, r, (float) 6.210004621745983E-1);
            p = fma(p, r, (float) -4.944515323274145E-1);
            p = fma(p, r, (float) 3.404879937665872E-1);
            p = fma(p, r, (float) -2.741127028184656E-1);
            p = fma(p, r, (float) 5.638259427386472E-1);
        } else {
            p = (float) -1.047766399936249E+1;
            p = fma(p, r, (float) 1.297719955372516E+1);
            p = fma(p, r, (float) -7.495518717768503E+0);
            p = fma(p, r, (float) 2.921019019210786E+0);
            p = fma(p, r, (float) -1.015265279202700E+0);
            p = fma(p, r, (float) 4.218463358204948E-1);
            p = fma(p, r, (float) -2.820767439740514E-1);
            p = fma(p, r, (float) 5.641895067754075E-1);
        }
        float y = mul(mul(exp(z), div(1f, ax)), p);
        if (z < -ERFC_MAXLOG) {
            y = 0f;
        }
        return x < 0f ? sub(2f, y) : y;
    }

    private static final float SQRT_HALF_F = (float) 0.7071067811865476;

    /** jax.nn.gelu(x, approximate=False) = 0.5 * x * erfc(-x * float32(sqrt(1/2))). */
    public static float geluExact(float x) {
        float xf = ftz(x);
        return mul(mul(0.5f, xf), erfc(mul(-xf, SQRT_HALF_F)));
    }
}
