package jaxon.ops;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import java.util.ArrayList;
import java.util.List;
import jaxon.runtime.DType;
import jaxon.runtime.Errors;
import jaxon.runtime.NDArray;
import jaxon.runtime.PList;
import jaxon.runtime.PNone;
import jaxon.runtime.PTuple;
import jaxon.runtime.PyObjects;
import jaxon.runtime.ScalarType;
import jaxon.runtime.Shapes;

/** Conversions between Python values and arrays, and parsing of dtype arguments. */
public final class Convert {
    private Convert() {
    }

    /** A Python scalar as JAX sees it: a weakly typed 0-d array (int32, float32 or bool). */
    public static NDArray scalar(Object v) {
        if (v instanceof Double d) {
            return new NDArray(DType.FLOAT32, new int[0], new float[]{(float) (double) d}, true);
        } else if (v instanceof Long l) {
            return new NDArray(DType.INT32, new int[0], new int[]{checkInt32(l)}, true);
        } else if (v instanceof Boolean b) {
            return new NDArray(DType.BOOL, new int[0], new boolean[]{b}, false); // JAX: Python bools are not weak
        }
        throw Errors.typeError("Value " + PyObjects.repr(v) + " with type " + PyObjects.typeName(v) + " is not a valid JAX type");
    }

    private static int checkInt32(long l) {
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw Errors.raise(jaxon.runtime.PyExceptionType.OVERFLOW_ERROR, "Python int " + l + " too large to convert to int32");
        }
        return (int) l;
    }

    private static int checkUint32(long l) {
        if (l < 0 || l > 0xFFFFFFFFL) {
            throw Errors.raise(jaxon.runtime.PyExceptionType.OVERFLOW_ERROR, "Python int " + l + " too large to convert to uint32");
        }
        return (int) l;
    }

    /** jnp.asarray(v): arrays pass through; scalars become weak 0-d arrays; nested lists/tuples become arrays. */
    @TruffleBoundary
    public static NDArray asArray(Object v) {
        if (v instanceof NDArray a) {
            return a;
        }
        if (PyObjects.isNumber(v)) {
            return scalar(v);
        }
        if (v instanceof PList || v instanceof PTuple) {
            return fromNested(v, null);
        }
        throw Errors.typeError("Value " + PyObjects.repr(v) + " with type " + PyObjects.typeName(v) + " is not a valid JAX type");
    }

    /** jnp.asarray(v, dtype): converts to the dtype (null keeps the inferred one). */
    @TruffleBoundary
    public static NDArray asArray(Object v, DType dtype) {
        NDArray a = v instanceof PList || v instanceof PTuple ? fromNested(v, dtype) : asArray(v);
        return dtype == null ? a : cast(a, dtype);
    }

    /** A copy (or the same array) with another dtype; the result is strongly typed. */
    @TruffleBoundary
    public static NDArray cast(NDArray a, DType to) {
        if (a.dtype == to) {
            return a.strong();
        }
        int n = a.size();
        Object out = to.allocate(n);
        switch (to) {
            case FLOAT32 -> {
                float[] o = (float[]) out;
                for (int i = 0; i < n; i++) {
                    o[i] = (float) a.getDouble(i);
                }
            }
            case INT32, UINT32 -> {
                int[] o = (int[]) out;
                for (int i = 0; i < n; i++) {
                    o[i] = a.dtype == DType.FLOAT32 ? floatToInt(a.getFloat(i), to) : (int) a.getLong(i);
                }
            }
            case BOOL -> {
                boolean[] o = (boolean[]) out;
                for (int i = 0; i < n; i++) {
                    o[i] = a.getBoolean(i);
                }
            }
        }
        return new NDArray(to, a.shape, out);
    }

    /** float32 to int32/uint32 as XLA converts on CPU: truncation, NaN to 0, saturating at the range. */
    static int floatToInt(float f, DType to) {
        if (to == DType.UINT32) {
            if (!(f > 0)) {
                return 0;
            }
            return f >= 4294967296f ? -1 : (int) (long) f;
        }
        return (int) f; // Java's cast already saturates and maps NaN to 0
    }

    /** Parses a dtype argument: None, a ScalarType (jnp.float32), a DType, a name ('float32'), or float/int/bool. */
    @TruffleBoundary
    public static DType dtypeArg(Object d) {
        if (d == PNone.NONE || d == null) {
            return null;
        } else if (d instanceof ScalarType s) {
            return s.dtype;
        } else if (d instanceof DType t) {
            return t;
        } else if (d instanceof jaxon.runtime.PyType t && (t.name.equals("float") || t.name.equals("int") || t.name.equals("bool"))) {
            return t.name.equals("float") ? DType.FLOAT32 : t.name.equals("int") ? DType.INT32 : DType.BOOL; // JAX's defaults without x64
        } else if (d instanceof String s) {
            DType t = DType.fromName(s.equals("float64") ? "float32" : s.equals("int64") ? "int32" : s.equals("uint64") ? "uint32" : s);
            if (t == null) {
                throw Errors.typeError("data type '" + s + "' not understood");
            }
            return t;
        }
        throw Errors.typeError("Cannot interpret '" + PyObjects.repr(d) + "' as a data type");
    }

    /** Arrays inside lists count as nested lists of their rows (jnp.array([a, a * 2])). */
    private static Object expandArrays(Object v) {
        if (v instanceof NDArray a && a.ndim() > 0) {
            PList rows = new PList();
            for (int i = 0; i < a.shape[0]; i++) {
                rows.items.add(expandArrays(jaxon.runtime.Iteration.row(a, i)));
            }
            return rows;
        } else if (v instanceof PList || v instanceof PTuple) {
            PList out = new PList();
            for (Object item : items(v)) {
                out.items.add(expandArrays(item));
            }
            return out;
        }
        return v;
    }

    @TruffleBoundary
    private static NDArray fromNested(Object nested, DType requested) {
        Object v = expandArrays(nested);
        List<Integer> shape = new ArrayList<>();
        Object probe = v;
        while (probe instanceof PList || probe instanceof PTuple) {
            Object[] items = items(probe);
            shape.add(items.length);
            if (items.length == 0) {
                break;
            }
            probe = items[0];
        }
        int[] dims = shape.stream().mapToInt(Integer::intValue).toArray();
        List<Object> leaves = new ArrayList<>(Shapes.size(dims));
        collect(v, 0, dims, leaves);
        DType inferred = DType.BOOL;
        boolean allWeak = true;
        for (Object leaf : leaves) {
            NDArray s = leaf instanceof NDArray a ? a : requested != null && leaf instanceof Long ? null : scalar(leaf);
            if (s != null) {
                allWeak &= s.weakType;
                inferred = widen(inferred, s.dtype);
            }
        }
        if (leaves.isEmpty()) {
            inferred = DType.FLOAT32;
        }
        DType dtype = requested != null ? requested : inferred;
        Object out = dtype.allocate(leaves.size());
        for (int i = 0; i < leaves.size(); i++) {
            Object leaf = leaves.get(i);
            if (requested != null && leaf instanceof Long l) { // a Python int goes straight to the requested dtype
                switch (dtype) {
                    case FLOAT32 -> ((float[]) out)[i] = (float) (long) l;
                    case INT32 -> ((int[]) out)[i] = checkInt32(l);
                    case UINT32 -> ((int[]) out)[i] = checkUint32(l);
                    case BOOL -> ((boolean[]) out)[i] = l != 0;
                }
                continue;
            }
            NDArray s = leaf instanceof NDArray a ? a : scalar(leaf);
            switch (dtype) {
                case FLOAT32 -> ((float[]) out)[i] = (float) s.getDouble(0);
                case INT32, UINT32 -> ((int[]) out)[i] = s.dtype == DType.FLOAT32 ? floatToInt(s.getFloat(0), dtype) : (int) s.getLong(0);
                case BOOL -> ((boolean[]) out)[i] = s.getBoolean(0);
            }
        }
        // Python lists of Python scalars give strongly typed arrays in JAX (jnp.array([1., 2.]) is float32, not weak).
        return new NDArray(dtype, dims, out, false);
    }

    private static DType widen(DType a, DType b) {
        if (a == DType.FLOAT32 || b == DType.FLOAT32) {
            return DType.FLOAT32;
        }
        if (a == DType.INT32 || b == DType.INT32) {
            return DType.INT32;
        }
        if (a == DType.UINT32 || b == DType.UINT32) {
            return DType.UINT32;
        }
        return DType.BOOL;
    }

    private static void collect(Object v, int depth, int[] dims, List<Object> out) {
        if (depth == dims.length) {
            if (v instanceof NDArray a) {
                if (a.ndim() != 0) {
                    throw Errors.valueError("setting an array element with a sequence.");
                }
            } else if (!PyObjects.isNumber(v)) {
                throw Errors.typeError("Value " + PyObjects.repr(v) + " with type " + PyObjects.typeName(v) + " is not a valid JAX type");
            }
            out.add(v);
            return;
        }
        if (!(v instanceof PList || v instanceof PTuple)) {
            throw Errors.valueError("setting an array element with a sequence. The requested array has an inhomogeneous shape after "
                    + depth + " dimensions.");
        }
        Object[] items = items(v);
        if (items.length != dims[depth]) {
            throw Errors.valueError("setting an array element with a sequence. The requested array has an inhomogeneous shape after "
                    + depth + " dimensions.");
        }
        for (Object item : items) {
            collect(item, depth + 1, dims, out);
        }
    }

    private static Object[] items(Object seq) {
        return seq instanceof PList l ? l.items.toArray() : ((PTuple) seq).items();
    }
}
