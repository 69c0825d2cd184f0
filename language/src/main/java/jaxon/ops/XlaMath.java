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
    private static final float EXP_LO = (float) -87.8;
    private static final float EXP_HI = (float) 88.8;
    private static final float LOG2E = (float) 1.44269504088896341;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = (float) 2.12194440e-4;

    /** XLA's exp (the Cephes expf that XLA:CPU emits as LLVM IR): reduce by n*ln2, degree-5 polynomial, scale by 2^n. */
    public static float exp(float x) {
        if (x != x) {
            return x;
        }
        float xc = ftz(Math.min(Math.max(x, EXP_LO), EXP_HI));
        float n = (float) Math.floor(fma(xc, LOG2E, 0.5f));
        n = Math.min(Math.max(n, -127f), 127f);
        float a = fma(n, -LN2_HI, xc);
        a = fma(n, LN2_LO, a);
        float z = (float) 1.9875691500E-4;
        z = fma(z, a, (float) 1.3981999507E-3);
        z = fma(z, a, (float) 8.3334519073E-3);
        z = fma(z, a, (float) 4.1665795894E-2);
        z = fma(z, a, (float) 1.6666665459E-1);
        z = fma(z, a, (float) 5.0000001201E-1);
        z = fma(z, mul(a, a), a);
        z = add(1f, z);
        // 2^n from the exponent bits; n = -127 gives the bit pattern of +0.
        return mul(z, Float.intBitsToFloat(((int) n + 127) << 23));
    }

    // ------------------------------------------------------------------ log
    private static final float SQRT_HALF = (float) 0.707106781186547524;

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
        int i = Float.floatToRawIntBits(fv);
        float e = add(1f, (float) ((i >> 23) - 127));
        float x = Float.intBitsToFloat((i & ~0x7f800000) | 0x3f000000); // mantissa in [0.5, 1)
        boolean below = x < SQRT_HALF;
        float tmp = below ? x : 0f;
        x = sub(x, 1f);
        e = sub(e, below ? 1f : 0f);
        x = add(x, tmp);
        float x2 = mul(x, x);
        float x3 = mul(x2, x);
        float y = fma(x, (float) 7.0376836292E-2, (float) -1.1514610310E-1);
        float y1 = fma(x, (float) -1.2420140846E-1, (float) 1.4249322787E-1);
        float y2 = fma(x, (float) 2.0000714765E-1, (float) -2.4999993993E-1);
        y = fma(y, x, (float) 1.1676998740E-1);
        y1 = fma(y1, x, (float) -1.6668057665E-1);
        y2 = fma(y2, x, (float) 3.3333331174E-1);
        y = fma(y, x3, y1);
        y = fma(y, x3, y2);
        y = fma(y, x3, mul(-LN2_LO, e));
        x = fma(-0.5f, x2, x);
        x = add(x, y);
        return fma(LN2_HI, e, x);
    }

    // ------------------------------------------------------------------ tanh
    private static final float TANH_CLAMP = (float) 7.99881172180175781;

    /** XLA's tanh (EmitFastTanh with FMA, Eigen's rational approximation): x itself below 0.0004, +-1 from 20 on. */
    public static float tanh(float x) {
        float ax = Math.abs(x);
        if (ax < 0.0004f) {
            return x;
        }
        if (ax >= 20f) {
            return Math.copySign(1f, x);
        }
        float xc = Math.min(Math.max(x, -TANH_CLAMP), TANH_CLAMP); // NaN stays NaN
        float x2 = mul(xc, xc);
        float p = (float) -2.76076847742355e-16;
        p = fma(p, x2, (float) 2.00018790482477e-13);
        p = fma(p, x2, (float) -8.60467152213735e-11);
        p = fma(p, x2, (float) 5.12229709037114e-08);
        p = fma(p, x2, (float) 1.48572235717979e-05);
        p = fma(p, x2, (float) 6.37261928875436e-04);
        p = fma(p, x2, (float) 4.89352455891786e-03);
        float q = (float) 1.19825839466702e-06;
        q = fma(q, x2, (float) 1.18534705686654e-04);
        q = fma(q, x2, (float) 2.26843463243900e-03);
        q = fma(q, x2, (float) 4.89352518554385e-03);
        return div(mul(xc, p), q);
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
}
