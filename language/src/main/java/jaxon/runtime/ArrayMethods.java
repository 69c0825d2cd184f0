package jaxon.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;

/** Attributes and methods of arrays (x.shape, x.T, x.sum(...), x.at[...]). */
public final class ArrayMethods {
    private ArrayMethods() {
    }

    /** The attribute's value, or null if arrays have no such attribute. */
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
            default:
                return null;
        }
    }

    @TruffleBoundary
    public static Object getItem(NDArray a, Object index) {
        throw Errors.notImplemented("array indexing");
    }
}
