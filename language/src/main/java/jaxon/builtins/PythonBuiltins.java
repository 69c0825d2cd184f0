package jaxon.builtins;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import jaxon.JaxonContext;
import jaxon.ast.Expr.BinaryOp;
import jaxon.ast.Expr.CompareOp;
import jaxon.runtime.Arith;
import jaxon.runtime.ArrayOperators;
import jaxon.runtime.Attributes;
import jaxon.runtime.Builtin;
import jaxon.runtime.BuiltinFunction;
import jaxon.runtime.Calls;
import jaxon.runtime.Errors;
import jaxon.runtime.Iteration;
import jaxon.runtime.JaxonException;
import jaxon.runtime.NDArray;
import jaxon.runtime.PDict;
import jaxon.runtime.PList;
import jaxon.runtime.PModule;
import jaxon.runtime.PNone;
import jaxon.runtime.PRange;
import jaxon.runtime.PSlice;
import jaxon.runtime.PTuple;
import jaxon.runtime.PyExceptionType;
import jaxon.runtime.PyObjects;
import jaxon.runtime.PyType;
import jaxon.runtime.format.PyFormat;

/** Python's built-in functions and types (the module behind every global name lookup). */
public final class PythonBuiltins {
    private PythonBuiltins() {
    }

    private static final String[] TYPES = {"int", "float", "str", "bool", "list", "tuple", "dict", "range", "slice", "type"};

    public static PModule create() {
        PModule m = new PModule("builtins").addBuiltins(PythonBuiltins.class);
        for (String t : TYPES) {
            m.put(t, new PyType(t, t, (BuiltinFunction) m.get(t)));
        }
        m.put("object", new PyType("object", "object", null));
        PyExceptionType.builtins().forEach(m::put);
        m.put("None", PNone.NONE);
        m.put("True", true);
        m.put("False", false);
        m.put("Ellipsis", jaxon.runtime.PEllipsis.INSTANCE);
        m.put("__name__", "builtins");
        return m;
    }

    @Builtin("print(*args, sep=' ', end='\\n', file=None, flush=False)")
    public static Object print(Object args, Object sep, Object end, Object file, Object flush) {
        StringBuilder sb = new StringBuilder();
        Object[] items = ((PTuple) args).items();
        String separator = sep == PNone.NONE ? " " : (String) sep;
        for (int i = 0; i < items.length; i++) {
            sb.append(i > 0 ? separator : "").append(PyObjects.str(items[i]));
        }
        sb.append(end == PNone.NONE ? "\n" : (String) end);
        JaxonContext.get(null).write(sb.toString(), file);
        return PNone.NONE;
    }

    @Builtin("len(obj)")
    public static Object len(Object obj) {
        if (obj instanceof PList l) {
            return (long) l.size();
        } else if (obj instanceof PTuple t) {
            return (long) t.size();
        } else if (obj instanceof String s) {
            return (long) s.codePointCount(0, s.length());
        } else if (obj instanceof PDict d) {
            return (long) d.size();
        } else if (obj instanceof PRange r) {
            return r.length();
        } else if (obj instanceof NDArray a) {
            if (a.ndim() == 0) {
                throw Errors.typeError("len() of unsized object");
            }
            return (long) a.shape[0];
        } else if (obj instanceof jaxon.runtime.PRNGKeyArray k) {
            if (k.ndim() == 0) {
                throw Errors.typeError("len() of unsized object");
            }
            return (long) k.data.shape[0];
        }
        throw Errors.typeError("object of type '" + PyObjects.typeName(obj) + "' has no len()");
    }

    @Builtin("range(*args)")
    public static Object range(Object args) {
        Object[] a = ((PTuple) args).items();
        for (Object o : a) {
            if (!(o instanceof Long || o instanceof Boolean || o instanceof NDArray)) {
                throw Errors.typeError("'" + PyObjects.typeName(o) + "' object cannot be interpreted as an integer");
            }
        }
        return switch (a.length) {
            case 1 -> new PRange(0, index(a[0]), 1);
            case 2 -> new PRange(index(a[0]), index(a[1]), 1);
            case 3 -> new PRange(index(a[0]), index(a[1]), index(a[2]));
            default -> throw Errors.typeError("range expected at most 3 arguments, got " + a.length);
        };
    }

    private static long index(Object o) {
        if (o instanceof NDArray arr && arr.dtype.isInteger() && arr.size() == 1) {
            return arr.getLong(0);
        }
        return PyObjects.toLong(o);
    }

    @Builtin("enumerate(iterable, start=0)")
    public static Object enumerate(Object iterable, Object start) {
        long i = PyObjects.toLong(start);
        PList out = new PList();
        for (Object item : Iteration.toArray(iterable)) {
            out.items.add(PTuple.of(i++, item));
        }
        return out;
    }

    @Builtin("zip(*iterables, strict=False)")
    public static Object zip(Object iterables, Object strict) {
        Object[][] columns = Arrays.stream(((PTuple) iterables).items()).map(Iteration::toArray).toArray(Object[][]::new);
        int n = columns.length == 0 ? 0 : Arrays.stream(columns).mapToInt(c -> c.length).min().getAsInt();
        if (PyObjects.isTrue(strict) && Arrays.stream(columns).anyMatch(c -> c.length != n)) {
            throw Errors.valueError("zip() arguments have different lengths");
        }
        PList out = new PList();
        for (int i = 0; i < n; i++) {
            Object[] row = new Object[columns.length];
            for (int k = 0; k < columns.length; k++) {
                row[k] = columns[k][i];
            }
            out.items.add(new PTuple(row));
        }
        return out;
    }

    @Builtin("map(function, *iterables)")
    public static Object map(Object function, Object iterables) {
        PList zipped = (PList) zip(iterables, false);
        PList out = new PList();
        for (Object row : zipped.items) {
            out.items.add(Calls.call(function, ((PTuple) row).items()));
        }
        return out;
    }

    @Builtin("filter(function, iterable)")
    public static Object filter(Object function, Object iterable) {
        PList out = new PList();
        for (Object item : Iteration.toArray(iterable)) {
            Object keep = function == PNone.NONE ? item : Calls.call(function, item);
            if (PyObjects.isTrue(keep)) {
                out.items.add(item);
            }
        }
        return out;
    }

    @Builtin("reversed(seq)")
    public static Object reversed(Object seq) {
        List<Object> items = new ArrayList<>(Arrays.asList(Iteration.toArray(seq)));
        java.util.Collections.reverse(items);
        return new PList(items);
    }

    @Builtin("sum(iterable, start=0)")
    public static Object sum(Object iterable, Object start) {
        if (iterable instanceof NDArray a && a.ndim() == 0) {
            throw Errors.typeError("iteration over a 0-d array");
        }
        Object acc = start;
        for (Object item : Iteration.toArray(iterable)) {
            acc = Arith.binary(BinaryOp.ADD, acc, item);
        }
        return acc;
    }

    @Builtin("min(*args, key=None, default=None)")
    public static Object min(Object args, Object key, Object dflt) {
        return extreme("min", (PTuple) args, key, dflt, CompareOp.LT);
    }

    @Builtin("max(*args, key=None, default=None)")
    public static Object max(Object args, Object key, Object dflt) {
        return extreme("max", (PTuple) args, key, dflt, CompareOp.GT);
    }

    private static Object extreme(String name, PTuple args, Object key, Object dflt, CompareOp better) {
        Object[] items = args.size() == 1 ? Iteration.toArray(args.get(0)) : args.items();
        if (items.length == 0) {
            if (args.size() == 0) {
                throw Errors.typeError(name + " expected at least 1 argument, got 0");
            }
            if (dflt != PNone.NONE) {
                return dflt;
            }
            throw Errors.valueError(name + "() arg is an empty sequence");
        }
        Object best = items[0];
        Object bestKey = key == PNone.NONE ? best : Calls.call(key, best);
        for (int i = 1; i < items.length; i++) {
            Object k = key == PNone.NONE ? items[i] : Calls.call(key, items[i]);
            if (PyObjects.isTrue(Arith.compare(better, k, bestKey))) {
                best = items[i];
                bestKey = k;
            }
        }
        return best;
    }

    @Builtin("abs(x)")
    public static Object abs(Object x) {
        if (x instanceof Long l) {
            return Math.abs(l);
        } else if (x instanceof Double d) {
            return Math.abs(d);
        } else if (x instanceof Boolean b) {
            return b ? 1L : 0L;
        } else if (x instanceof NDArray) {
            return ArrayOperators.abs(x);
        }
        throw Errors.typeError("bad operand type for abs(): '" + PyObjects.typeName(x) + "'");
    }

    @Builtin("round(number, ndigits=None)")
    public static Object round(Object number, Object ndigits) {
        if (number instanceof NDArray) {
            return ArrayOperators.round(number, ndigits == PNone.NONE ? 0 : PyObjects.toLong(ndigits));
        }
        if (number instanceof Long || number instanceof Boolean) {
            long v = PyObjects.toLong(number);
            if (ndigits == PNone.NONE || PyObjects.toLong(ndigits) >= 0) {
                return v;
            }
            return new BigDecimal(v).setScale((int) PyObjects.toLong(ndigits), RoundingMode.HALF_EVEN).longValue();
        }
        double d = PyObjects.toDouble(number);
        if (ndigits == PNone.NONE) {
            if (Double.isNaN(d)) {
                throw Errors.valueError("cannot convert float NaN to integer");
            } else if (Double.isInfinite(d)) {
                throw Errors.raise(PyExceptionType.OVERFLOW_ERROR, "cannot convert float infinity to integer");
            }
            return (long) Math.rint(d);
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return d;
        }
        // CPython rounds the exact binary value half-to-even at the decimal digit.
        return new BigDecimal(d).setScale((int) PyObjects.toLong(ndigits), RoundingMode.HALF_EVEN).doubleValue();
    }

    @Builtin("divmod(a, b)")
    public static Object divmod(Object a, Object b) {
        return PTuple.of(Arith.binary(BinaryOp.FLOORDIV, a, b), Arith.binary(BinaryOp.MOD, a, b));
    }

    @Builtin("pow(base, exp)")
    public static Object pow(Object base, Object exp) {
        return Arith.binary(BinaryOp.POW, base, exp);
    }

    @Builtin("int(x=0, base=None)")
    public static Object int_(Object x, Object base) {
        if (x instanceof String s) {
            int radix = base == PNone.NONE ? 10 : (int) PyObjects.toLong(base);
            String t = s.strip().replace("_", "");
            try {
                if (radix == 16 && t.toLowerCase().startsWith("0x") || radix == 2 && t.toLowerCase().startsWith("0b")
                        || radix == 8 && t.toLowerCase().startsWith("0o")) {
                    t = t.substring(2);
                }
                return Long.parseLong(t, radix);
            } catch (NumberFormatException e) {
                throw Errors.valueError("invalid literal for int() with base " + radix + ": " + PyObjects.repr(s));
            }
        } else if (x instanceof Long l) {
            return l;
        } else if (x instanceof Boolean b) {
            return b ? 1L : 0L;
        } else if (x instanceof Double d) {
            if (Double.isNaN(d)) {
                throw Errors.valueError("cannot convert float NaN to integer");
            } else if (Double.isInfinite(d)) {
                throw Errors.raise(PyExceptionType.OVERFLOW_ERROR, "cannot convert float infinity to integer");
            }
            return (long) (double) d;
        } else if (x instanceof NDArray a) {
            return int_(scalarOf(a, "int"), PNone.NONE);
        }
        throw Errors.typeError("int() argument must be a string, a bytes-like object or a real number, not '" + PyObjects.typeName(x) + "'");
    }

    /** The Python scalar of a one-element array, for int(x), float(x), bool(x). */
    static Object scalarOf(NDArray a, String what) {
        if (a.ndim() != 0) {
            throw Errors.typeError("Only scalar arrays can be converted to Python scalars; got arr.ndim=" + a.ndim());
        }
        return a.getPython(0);
    }

    @Builtin("float(x=0.0)")
    public static Object float_(Object x) {
        if (x instanceof Double d) {
            return d;
        } else if (x instanceof Long || x instanceof Boolean) {
            return PyObjects.toDouble(x);
        } else if (x instanceof String s) {
            String t = s.strip().toLowerCase().replace("_", "");
            switch (t) {
                case "nan", "+nan", "-nan":
                    return Double.NaN;
                case "inf", "+inf", "infinity", "+infinity":
                    return Double.POSITIVE_INFINITY;
                case "-inf", "-infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
            try {
                if (t.isEmpty() || t.endsWith("d") || t.endsWith("f") || t.startsWith("0x")) {
                    throw new NumberFormatException();
                }
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw Errors.valueError("could not convert string to float: " + PyObjects.repr(s));
            }
        } else if (x instanceof NDArray a) {
            return PyObjects.toDouble(scalarOf(a, "float"));
        }
        throw Errors.typeError("float() argument must be a string or a real number, not '" + PyObjects.typeName(x) + "'");
    }

    @Builtin("str(object='')")
    public static Object str(Object o) {
        return PyObjects.str(o);
    }

    @Builtin("repr(obj)")
    public static Object repr(Object o) {
        return PyObjects.repr(o);
    }

    @Builtin("bool(x=False)")
    public static Object bool(Object x) {
        return PyObjects.isTrue(x);
    }

    @Builtin("list(iterable=())")
    public static Object list(Object iterable) {
        return new PList(Arrays.asList(Iteration.toArray(iterable)));
    }

    @Builtin("tuple(iterable=())")
    public static Object tuple(Object iterable) {
        return iterable instanceof PTuple ? iterable : new PTuple(Iteration.toArray(iterable).clone());
    }

    @Builtin("dict(*args, **kwargs)")
    public static Object dict(Object args, Object kwargs) {
        PDict d = new PDict();
        DictMethods.update(d, args, kwargs);
        return d;
    }

    @Builtin("slice(*args)")
    public static Object slice(Object args) {
        Object[] a = ((PTuple) args).items();
        return switch (a.length) {
            case 1 -> new PSlice(PNone.NONE, a[0], PNone.NONE);
            case 2 -> new PSlice(a[0], a[1], PNone.NONE);
            case 3 -> new PSlice(a[0], a[1], a[2]);
            default -> throw Errors.typeError("slice expected at most 3 arguments, got " + a.length);
        };
    }

    @Builtin("type(obj)")
    public static Object type(Object obj) {
        if (obj instanceof jaxon.runtime.PyBaseException e) {
            return e.type;
        }
        JaxonContext ctx = JaxonContext.get(null);
        Object t = ctx.builtins.get(PyObjects.typeName(obj));
        if (t instanceof PyType) {
            return t;
        }
        String name = PyObjects.typeName(obj);
        String qualified = obj instanceof NDArray ? "jaxlib._jax.ArrayImpl" : name;
        return new PyType(name, qualified, null);
    }

    @Builtin("isinstance(obj, classinfo)")
    public static Object isinstance(Object obj, Object classinfo) {
        if (classinfo instanceof PTuple t) {
            for (Object c : t.items()) {
                if ((Boolean) isinstance(obj, c)) {
                    return true;
                }
            }
            return false;
        } else if (classinfo instanceof PyType t) {
            return t.isInstance(obj);
        } else if (classinfo instanceof PyExceptionType t) {
            return obj instanceof jaxon.runtime.PyBaseException e && e.type.isSubclassOf(t);
        } else if (classinfo instanceof jaxon.runtime.ScalarType) {
            return false;
        } else if (classinfo instanceof ArrayType) {
            return obj instanceof NDArray;
        }
        throw Errors.typeError("isinstance() arg 2 must be a type, a tuple of types, or a union");
    }

    /** jax.Array (and jnp.ndarray): the type of Jaxon arrays, for isinstance. */
    public static final class ArrayType implements jaxon.runtime.PyValue, com.oracle.truffle.api.interop.TruffleObject {
        @Override
        public String typeName() {
            return "type";
        }

        @Override
        public String repr() {
            return "<class 'jax.Array'>";
        }
    }

    @Builtin("sorted(iterable, *, key=None, reverse=False)")
    public static Object sorted(Object iterable, Object key, Object reverse) {
        return PList.of(sortedArray(Iteration.toArray(iterable), key, PyObjects.isTrue(reverse)));
    }

    @TruffleBoundary
    static Object[] sortedArray(Object[] items, Object key, boolean reverse) {
        Object[] keys = new Object[items.length];
        Integer[] order = new Integer[items.length];
        for (int i = 0; i < items.length; i++) {
            keys[i] = key == PNone.NONE ? items[i] : Calls.call(key, items[i]);
            order[i] = i;
        }
        // Python's sort is stable also when reversed: reverse, sort stably, reverse again.
        if (reverse) {
            java.util.Collections.reverse(Arrays.asList(order));
        }
        Arrays.sort(order, (x, y) -> PyObjects.isTrue(Arith.compare(CompareOp.LT, keys[y], keys[x])) ? 1
                : PyObjects.isTrue(Arith.compare(CompareOp.LT, keys[x], keys[y])) ? -1 : 0);
        if (reverse) {
            java.util.Collections.reverse(Arrays.asList(order));
        }
        Object[] out = new Object[items.length];
        for (int i = 0; i < items.length; i++) {
            out[i] = items[order[i]];
        }
        return out;
    }

    @Builtin("any(iterable)")
    public static Object any(Object iterable) {
        for (Object o : Iteration.toArray(iterable)) {
            if (PyObjects.isTrue(o)) {
                return true;
            }
        }
        return false;
    }

    @Builtin("all(iterable)")
    public static Object all(Object iterable) {
        for (Object o : Iteration.toArray(iterable)) {
            if (!PyObjects.isTrue(o)) {
                return false;
            }
        }
        return true;
    }

    @Builtin("callable(obj)")
    public static Object callable(Object obj) {
        return obj instanceof jaxon.runtime.PFunction || obj instanceof BuiltinFunction || obj instanceof PyType
                || obj instanceof PyExceptionType || obj instanceof jaxon.runtime.BoundMethod || obj instanceof jaxon.runtime.PPartial
                || obj instanceof Calls.Callable;
    }

    @Builtin("hasattr(obj, name)")
    public static Object hasattr(Object obj, Object name) {
        try {
            Attributes.get(obj, (String) name);
            return true;
        } catch (JaxonException e) {
            return false;
        }
    }

    @Builtin("getattr(obj, name, *default)")
    public static Object getattr(Object obj, Object name, Object dflt) {
        try {
            return Attributes.get(obj, (String) name);
        } catch (JaxonException e) {
            if (((PTuple) dflt).size() > 0 && e.value.type.isSubclassOf(PyExceptionType.ATTRIBUTE_ERROR)) {
                return ((PTuple) dflt).get(0);
            }
            throw e;
        }
    }

    @Builtin("hash(obj)")
    public static Object hash(Object obj) {
        return (long) PyObjects.hash(PyObjects.checkHashable(obj));
    }

    @Builtin("chr(i)")
    public static Object chr(Object i) {
        return new String(Character.toChars((int) PyObjects.toLong(i)));
    }

    @Builtin("ord(c)")
    public static Object ord(Object c) {
        String s = (String) c;
        if (s.codePointCount(0, s.length()) != 1) {
            throw Errors.typeError("ord() expected a character, but string of length " + s.length() + " found");
        }
        return (long) s.codePointAt(0);
    }

    @Builtin("format(value, format_spec='')")
    public static Object format(Object value, Object spec) {
        return PyFormat.format(value, (String) spec);
    }

    @Builtin("iter(obj)")
    public static Object iter(Object obj) {
        return new PList(Arrays.asList(Iteration.toArray(obj)));
    }

    @Builtin("exit(code=None)")
    public static Object exit(Object code) {
        throw new JaxonException(new jaxon.runtime.PyBaseException(PyExceptionType.SYSTEM_EXIT,
                code == PNone.NONE ? PTuple.EMPTY : PTuple.of(code)), null);
    }

    static Iterator<Object> iterate(Object o) {
        return Iteration.iterator(o);
    }
}
