package jaxon.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import java.util.ArrayList;
import jaxon.ast.Expr.BinaryOp;
import jaxon.ast.Expr.CompareOp;
import jaxon.ast.Expr.UnaryOperator;
import jaxon.runtime.format.PyFormat;

/**
 * Python's operators on every kind of value (the generic, slow path of the operator nodes).
 * Operands that are arrays go to the array primitives in {@link ArrayOperators}.
 */
public final class Arith {
    private Arith() {
    }

    @TruffleBoundary
    public static Object binary(BinaryOp op, Object a, Object b) {
        if ((a instanceof NDArray || b instanceof NDArray) && !(op == BinaryOp.MOD && a instanceof String)) {
            return ArrayOperators.binary(op, a, b);
        }
        if (a instanceof Integer i) {
            a = (long) i;
        }
        if (b instanceof Integer i) {
            b = (long) i;
        }
        if (isInt(a) && isInt(b)) {
            try {
                return intOp(op, PyObjects.toLong(a), PyObjects.toLong(b));
            } catch (ArithmeticException e) {
                throw overflow();
            }
        }
        if (PyObjects.isNumber(a) && PyObjects.isNumber(b)) {
            return floatOp(op, PyObjects.toDouble(a), PyObjects.toDouble(b));
        }
        switch (op) {
            case ADD -> {
                if (a instanceof String s && b instanceof String t) {
                    return s + t;
                } else if (a instanceof PList l && b instanceof PList m) {
                    PList r = new PList(l.items);
                    r.items.addAll(m.items);
                    return r;
                } else if (a instanceof PTuple t && b instanceof PTuple u) {
                    Object[] r = new Object[t.size() + u.size()];
                    System.arraycopy(t.items(), 0, r, 0, t.size());
                    System.arraycopy(u.items(), 0, r, t.size(), u.size());
                    return new PTuple(r);
                }
            }
            case MUL -> {
                if (isInt(b) && (a instanceof String || a instanceof PList || a instanceof PTuple)) {
                    return repeat(a, PyObjects.toLong(b));
                } else if (isInt(a) && (b instanceof String || b instanceof PList || b instanceof PTuple)) {
                    return repeat(b, PyObjects.toLong(a));
                }
            }
            case MOD -> {
                if (a instanceof String s) {
                    return PyFormat.percent(s, b);
                }
            }
            default -> {
            }
        }
        if (op == BinaryOp.ADD && (a instanceof String || a instanceof PList || a instanceof PTuple)) {
            String t = PyObjects.typeName(a);
            throw Errors.typeError("can only concatenate " + t + " (not \"" + PyObjects.typeName(b) + "\") to " + t);
        }
        if (op == BinaryOp.MUL && (a instanceof String || a instanceof PList || a instanceof PTuple)) {
            throw Errors.typeError("can't multiply sequence by non-int of type '" + PyObjects.typeName(b) + "'");
        }
        throw Errors.typeError("unsupported operand type(s) for " + op.symbol + ": '" + PyObjects.typeName(a) + "' and '"
                + PyObjects.typeName(b) + "'");
    }

    private static boolean isInt(Object o) {
        return o instanceof Long || o instanceof Boolean;
    }

    private static Object repeat(Object seq, long n) {
        if (seq instanceof String s) {
            return n <= 0 ? "" : s.repeat((int) n);
        }
        Object[] items = seq instanceof PList l ? l.items.toArray() : ((PTuple) seq).items();
        ArrayList<Object> out = new ArrayList<>();
        for (long k = 0; k < n; k++) {
            java.util.Collections.addAll(out, items);
        }
        return seq instanceof PList ? new PList(out) : new PTuple(out.toArray());
    }

    public static Object intOp(BinaryOp op, long a, long b) {
        switch (op) {
            case ADD:
                return Math.addExact(a, b);
            case SUB:
                return Math.subtractExact(a, b);
            case MUL:
                return Math.multiplyExact(a, b);
            case DIV:
                if (b == 0) {
                    throw Errors.zeroDivision("division by zero");
                }
                return (double) a / (double) b;
            case FLOORDIV:
                if (b == 0) {
                    throw Errors.zeroDivision("integer division or modulo by zero");
                }
                return Math.floorDiv(a, b);
            case MOD:
                if (b == 0) {
                    throw Errors.zeroDivision("integer modulo by zero");
                }
                return Math.floorMod(a, b);
            case POW:
                if (b < 0) {
                    if (a == 0) {
                        throw Errors.zeroDivision("0.0 cannot be raised to a negative power");
                    }
                    return Math.pow(a, b);
                }
                return intPow(a, b);
            case LSHIFT:
                if (b < 0) {
                    throw Errors.valueError("negative shift count");
                }
                if (b >= 63 || (a != 0 && Long.numberOfLeadingZeros(Math.abs(a)) <= b)) {
                    throw overflow();
                }
                return a << b;
            case RSHIFT:
                if (b < 0) {
                    throw Errors.valueError("negative shift count");
                }
                return a >> Math.min(b, 63);
            case BITAND:
                return a & b;
            case BITOR:
                return a | b;
            case BITXOR:
                return a ^ b;
            case MATMUL:
            default:
                throw Errors.typeError("unsupported operand type(s) for " + op.symbol + ": 'int' and 'int'");
        }
    }

    private static long intPow(long base, long exp) {
        long result = 1;
        while (exp > 0) {
            if ((exp & 1) == 1) {
                result = Math.multiplyExact(result, base);
            }
            exp >>= 1;
            if (exp > 0) {
                base = Math.multiplyExact(base, base);
            }
        }
        return result;
    }

    public static JaxonException overflow() {
        return Errors.raise(PyExceptionType.OVERFLOW_ERROR, "integer overflow: Jaxon's Python ints are 64-bit");
    }

    public static Object floatOp(BinaryOp op, double a, double b) {
        switch (op) {
            case ADD:
                return a + b;
            case SUB:
                return a - b;
            case MUL:
                return a * b;
            case DIV:
                if (b == 0) {
                    throw Errors.zeroDivision("float division by zero");
                }
                return a / b;
            case FLOORDIV:
                if (b == 0) {
                    throw Errors.zeroDivision("float floor division by zero");
                }
                return floorDiv(a, b);
            case MOD:
                if (b == 0) {
                    throw Errors.zeroDivision("float modulo");
                }
                return floatMod(a, b);
            case POW:
                if (a == 0 && b < 0) {
                    throw Errors.zeroDivision("0.0 cannot be raised to a negative power");
                }
                if (a < 0 && b != Math.rint(b)) {
                    throw Errors.valueError("complex results are not supported (negative number raised to a fractional power)");
                }
                return Math.pow(a, b);
            default:
                throw Errors.typeError("unsupported operand type(s) for " + op.symbol + ": 'float' and 'float'");
        }
    }

    /** Python's float //: floor of the exact quotient, computed like CPython's divmod. */
    static double floorDiv(double a, double b) {
        double mod = a % b;
        double div = (a - mod) / b;
        if (mod != 0 && (b < 0) != (mod < 0)) {
            div -= 1.0;
        }
        if (div != 0) {
            double floor = Math.floor(div);
            if (div - floor > 0.5) {
                floor += 1.0;
            }
            return floor;
        }
        return Math.copySign(0.0, a / b);
    }

    static double floatMod(double a, double b) {
        double mod = a % b;
        if (mod != 0) {
            if ((b < 0) != (mod < 0)) {
                mod += b;
            }
        } else {
            mod = Math.copySign(0.0, b);
        }
        return mod;
    }

    @TruffleBoundary
    public static Object unary(UnaryOperator op, Object v) {
        if (v instanceof NDArray) {
            return ArrayOperators.unary(op, v);
        }
        switch (op) {
            case NOT:
                return !PyObjects.isTrue(v);
            case NEG:
                if (v instanceof Long l) {
                    return -l;
                } else if (v instanceof Boolean b) {
                    return b ? -1L : 0L;
                } else if (v instanceof Double d) {
                    return -d;
                }
                break;
            case POS:
                if (v instanceof Boolean b) {
                    return b ? 1L : 0L;
                } else if (v instanceof Long || v instanceof Double) {
                    return v;
                }
                break;
            case INVERT:
                if (v instanceof Long l) {
                    return ~l;
                } else if (v instanceof Boolean b) {
                    return b ? -2L : -1L;
                }
                break;
            default:
                break;
        }
        throw Errors.typeError("bad operand type for unary " + op.symbol + ": '" + PyObjects.typeName(v) + "'");
    }

    /** A comparison; == and != on arrays and the ordering ones give arrays, the rest Python bools. */
    @TruffleBoundary
    public static Object compare(CompareOp op, Object a, Object b) {
        switch (op) {
            case IS:
                return identical(a, b);
            case IS_NOT:
                return !identical(a, b);
            case IN:
                return contains(b, a);
            case NOT_IN:
                return !contains(b, a);
            default:
                break;
        }
        if (a instanceof NDArray || b instanceof NDArray) {
            return ArrayOperators.compare(op, a, b);
        }
        if (op == CompareOp.EQ) {
            return PyObjects.equals(a, b);
        } else if (op == CompareOp.NE) {
            return !PyObjects.equals(a, b);
        }
        int c = order(op, a, b);
        return switch (op) {
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            case GE -> c >= 0;
            default -> throw new IllegalStateException();
        };
    }

    private static boolean identical(Object a, Object b) {
        if (a == b) {
            return true;
        }
        // Small values are interned in CPython; Jaxon treats equal bools and None as identical.
        return a instanceof Boolean && a.equals(b);
    }

    /** Python's ordering of two values (numbers, strings, lists, tuples); TypeError otherwise. */
    @TruffleBoundary
    public static int order(CompareOp op, Object a, Object b) {
        if (PyObjects.isNumber(a) && PyObjects.isNumber(b)) {
            if (a instanceof Double || b instanceof Double) {
                double x = PyObjects.toDouble(a);
                double y = PyObjects.toDouble(b);
                if (Double.isNaN(x) || Double.isNaN(y)) {
                    return op == CompareOp.LT || op == CompareOp.LE ? 1 : -1; // every ordering with NaN is False
                }
                return Double.compare(x == 0 ? 0.0 : x, y == 0 ? 0.0 : y);
            }
            return Long.compare(PyObjects.toLong(a), PyObjects.toLong(b));
        }
        if (a instanceof String s && b instanceof String t) {
            return s.compareTo(t);
        }
        if ((a instanceof PTuple && b instanceof PTuple) || (a instanceof PList && b instanceof PList)) {
            Object[] x = a instanceof PTuple t ? t.items() : ((PList) a).items.toArray();
            Object[] y = b instanceof PTuple t ? t.items() : ((PList) b).items.toArray();
            for (int i = 0; i < Math.min(x.length, y.length); i++) {
                if (!PyObjects.equals(x[i], y[i])) {
                    return order(op, x[i], y[i]);
                }
            }
            return Integer.compare(x.length, y.length);
        }
        throw Errors.typeError("'" + op.symbol + "' not supported between instances of '" + PyObjects.typeName(a) + "' and '"
                + PyObjects.typeName(b) + "'");
    }

    @TruffleBoundary
    public static boolean contains(Object container, Object item) {
        if (container instanceof PList l) {
            for (Object o : l.items) {
                if (PyObjects.equals(o, item)) {
                    return true;
                }
            }
            return false;
        } else if (container instanceof PTuple t) {
            for (Object o : t.items()) {
                if (PyObjects.equals(o, item)) {
                    return true;
                }
            }
            return false;
        } else if (container instanceof PDict d) {
            return d.containsKey(item);
        } else if (container instanceof String s) {
            if (!(item instanceof String sub)) {
                throw Errors.typeError("'in <string>' requires string as left operand, not " + PyObjects.typeName(item));
            }
            return s.contains(sub);
        } else if (container instanceof PRange r) {
            if (!(item instanceof Long || item instanceof Boolean)) {
                return false;
            }
            long v = PyObjects.toLong(item);
            long len = r.length();
            long off = v - r.start;
            return off % r.step == 0 && off / r.step >= 0 && off / r.step < len;
        } else if (container instanceof NDArray) {
            return ArrayOperators.contains(container, item);
        }
        throw Errors.typeError("argument of type '" + PyObjects.typeName(container) + "' is not iterable");
    }
}
