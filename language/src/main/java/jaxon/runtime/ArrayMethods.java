package jaxon.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import jaxon.builtins.ArrayMethodTable;

/**
 * Attributes and methods of arrays (x.shape, x.T, x.sum(...), x.at[...]). Methods are the
 * jax.numpy functions of the same name with the array as first argument, except for the few
 * whose method form differs (reshape(2, 3), astype, tolist, ...), which live in ArrayMethodTable.
 */
public final class ArrayMethods {
    private ArrayMethods() {
    }

    /** The attribute's value (a bound method for methods), or null if arrays have no such attribute. */
    @TruffleBoundary
    public static Object attribute(NDArray a, String name) {
        switch (name) {
            case "shape":
                return Shapes.toTuple(a.shape);
            case "dtype":
                return a.dtype;
            case "ndim":
                return (long) a.ndim();
            case "size":
                return (long) a.size();
            case "weak_type":
                return a.weakType;
            case "T":
            case "mT":
                return ArrayMethodTable.transpose(a, PTuple.EMPTY);
            case "at":
                return new AtIndexer(a, null);
            case "real":
                return a;
            case "nbytes":
                return (long) a.size() * (a.dtype == DType.BOOL ? 1 : 4);
            case "itemsize":
                return a.dtype == DType.BOOL ? 1L : 4L;
            default:
                Object method = ArrayMethodTable.lookup(name);
                return method == null ? null : new BoundMethod(a, method);
        }
    }

    @TruffleBoundary
    public static Object getItem(NDArray a, Object index) {
        return jaxon.ops.Indexing.getItem(a, index);
    }

    /** x.at and x.at[index]: functional updates (set, add, multiply, divide, min, max, power, get). */
    public static final class AtIndexer implements PyValue, com.oracle.truffle.api.interop.TruffleObject {
        public final NDArray array;
        /** The index, or null before subscripting (x.at). */
        public final Object index;

        public AtIndexer(NDArray array, Object index) {
            this.array = array;
            this.index = index;
        }

        @Override
        public String typeName() {
            return index == null ? "_IndexUpdateHelper" : "_IndexUpdateRef";
        }

        @Override
        public String repr() {
            return "_IndexUpdateHelper(" + PyObjects.repr(array) + ")";
        }
    }
}
