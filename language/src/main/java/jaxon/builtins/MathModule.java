package jaxon.builtins;

import jaxon.runtime.Builtin;
import jaxon.runtime.Errors;
import jaxon.runtime.Iteration;
import jaxon.runtime.PModule;
import jaxon.runtime.PyObjects;

/** The math module (float64, like CPython's). */
public final class MathModule {
    private MathModule() {
    }

    public static void init(PModule m) {
        m.put("pi", Math.PI);
        m.put("e", Math.E);
        m.put("tau", 2 * Math.PI);
        m.put("inf", Double.POSITIVE_INFINITY);
        m.put("nan", Double.NaN);
    }

    private static double d(Object x) {
        return PyObjects.toDouble(x instanceof jaxon.runtime.NDArray a ? PythonBuiltins.scalarOf(a, "float") : x);
    }

    private static double domain(double r) {
        if (Double.isNaN(r)) {
            throw Errors.valueError("math domain error");
        }
        return r;
    }

    @Builtin("sqrt(x)")
    public static Object sqrt(Object x) {
        return d(x) < 0 ? domain(Double.NaN) : Math.sqrt(d(x));
    }

    @Builtin("exp(x)")
    public static Object exp(Object x) {
        double r = Math.exp(d(x));
        if (Double.isInfinite(r) && !Double.isInfinite(d(x))) {
            throw Errors.raise(jaxon.runtime.PyExceptionType.OVERFLOW_ERROR, "math range error");
        }
        return r;
    }

    @Builtin("log(x, base=None)")
    public static Object log(Object x, Object base) {
        double v = d(x);
        if (v <= 0) {
            throw Errors.valueError("math domain error");
        }
        return base == jaxon.runtime.PNone.NONE ? Math.log(v) : Math.log(v) / Math.log(d(base));
    }

    @Builtin("log2(x)")
    public static Object log2(Object x) {
        if (d(x) <= 0) {
            throw Errors.valueError("math domain error");
        }
        return Math.log(d(x)) / Math.log(2);
    }

    @Builtin("log10(x)")
    public static Object log10(Object x) {
        if (d(x) <= 0) {
            throw Errors.valueError("math domain error");
        }
        return Math.log10(d(x));
    }

    @Builtin("log1p(x)")
    public static Object log1p(Object x) {
        return domain(Math.log1p(d(x)));
    }

    @Builtin("expm1(x)")
    public static Object expm1(Object x) {
        return Math.expm1(d(x));
    }

    @Builtin("sin(x)")
    public static Object sin(Object x) {
        return domain(Math.sin(d(x)));
    }

    @Builtin("cos(x)")
    public static Object cos(Object x) {
        return domain(Math.cos(d(x)));
    }

    @Builtin("tan(x)")
    public static Object tan(Object x) {
        return domain(Math.tan(d(x)));
    }

    @Builtin("asin(x)")
    public static Object asin(Object x) {
        return domain(Math.asin(d(x)));
    }

    @Builtin("acos(x)")
    public static Object acos(Object x) {
        return domain(Math.acos(d(x)));
    }

    @Builtin("atan(x)")
    public static Object atan(Object x) {
        return Math.atan(d(x));
    }

    @Builtin("atan2(y, x)")
    public static Object atan2(Object y, Object x) {
        return Math.atan2(d(y), d(x));
    }

    @Builtin("sinh(x)")
    public static Object sinh(Object x) {
        return Math.sinh(d(x));
    }

    @Builtin("cosh(x)")
    public static Object cosh(Object x) {
        return Math.cosh(d(x));
    }

    @Builtin("tanh(x)")
    public static Object tanh(Object x) {
        return Math.tanh(d(x));
    }

    @Builtin("pow(x, y)")
    public static Object pow(Object x, Object y) {
        return Math.pow(d(x), d(y));
    }

    @Builtin("hypot(*coordinates)")
    public static Object hypot(Object coords) {
        double s = 0;
        for (Object c : Iteration.toArray(coords)) {
            s = Math.hypot(s, d(c));
        }
        return s;
    }

    @Builtin("floor(x)")
    public static Object floor(Object x) {
        return x instanceof Long ? x : (long) Math.floor(d(x));
    }

    @Builtin("ceil(x)")
    public static Object ceil(Object x) {
        return x instanceof Long ? x : (long) Math.ceil(d(x));
    }

    @Builtin("trunc(x)")
    public static Object trunc(Object x) {
        return x instanceof Long ? x : (long) d(x);
    }

    @Builtin("fabs(x)")
    public static Object fabs(Object x) {
        return Math.abs(d(x));
    }

    @Builtin("isnan(x)")
    public static Object isnan(Object x) {
        return Double.isNaN(d(x));
    }

    @Builtin("isinf(x)")
    public static Object isinf(Object x) {
        return Double.isInfinite(d(x));
    }

    @Builtin("isfinite(x)")
    public static Object isfinite(Object x) {
        return Double.isFinite(d(x));
    }

    @Builtin("isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)")
    public static Object isclose(Object a, Object b, Object relTol, Object absTol) {
        double x = d(a);
        double y = d(b);
        if (x == y) {
            return true;
        }
        double diff = Math.abs(x - y);
        return diff <= Math.abs(d(relTol) * y) || diff <= Math.abs(d(relTol) * x) || diff <= d(absTol);
    }

    @Builtin("copysign(x, y)")
    public static Object copysign(Object x, Object y) {
        return Math.copySign(d(x), d(y));
    }

    @Builtin("fsum(iterable)")
    public static Object fsum(Object iterable) {
        java.math.BigDecimal s = java.math.BigDecimal.ZERO;
        for (Object o : Iteration.toArray(iterable)) {
            s = s.add(new java.math.BigDecimal(d(o)));
        }
        return s.doubleValue();
    }

    @Builtin("fmod(x, y)")
    public static Object fmod(Object x, Object y) {
        if (d(y) == 0 && !Double.isNaN(d(x))) {
            throw Errors.valueError("math domain error");
        }
        return d(x) % d(y);
    }

    @Builtin("comb(n, k)")
    public static Object comb(Object n, Object k) {
        long nn = PyObjects.toLong(n);
        long kk = PyObjects.toLong(k);
        if (nn < 0 || kk < 0) {
            throw Errors.valueError((nn < 0 ? "n" : "k") + " must be a non-negative integer");
        }
        if (kk > nn) {
            return 0L;
        }
        java.math.BigInteger r = java.math.BigInteger.ONE;
        for (long i = 0; i < Math.min(kk, nn - kk); i++) {
            r = r.multiply(java.math.BigInteger.valueOf(nn - i)).divide(java.math.BigInteger.valueOf(i + 1));
        }
        return r.longValueExact();
    }

    @Builtin("perm(n, k)")
    public static Object perm(Object n, Object k) {
        long r = 1;
        for (long i = 0; i < PyObjects.toLong(k); i++) {
            r = Math.multiplyExact(r, PyObjects.toLong(n) - i);
        }
        return r;
    }

    @Builtin("factorial(n)")
    public static Object factorial(Object n) {
        long v = PyObjects.toLong(n);
        if (v < 0) {
            throw Errors.valueError("factorial() not defined for negative values");
        }
        long r = 1;
        for (long i = 2; i <= v; i++) {
            r = Math.multiplyExact(r, i);
        }
        return r;
    }

    @Builtin("gcd(a, b)")
    public static Object gcd(Object a, Object b) {
        return java.math.BigInteger.valueOf(PyObjects.toLong(a)).gcd(java.math.BigInteger.valueOf(PyObjects.toLong(b))).longValue();
    }

    @Builtin("prod(iterable, *, start=1)")
    public static Object prod(Object iterable, Object start) {
        Object acc = start;
        for (Object o : Iteration.toArray(iterable)) {
            acc = jaxon.runtime.Arith.binary(jaxon.ast.Expr.BinaryOp.MUL, acc, o);
        }
        return acc;
    }

    @Builtin("degrees(x)")
    public static Object degrees(Object x) {
        return Math.toDegrees(d(x));
    }

    @Builtin("radians(x)")
    public static Object radians(Object x) {
        return Math.toRadians(d(x));
    }
}
