package jaxon.runtime.format;

import jaxon.runtime.NDArray;

/** NumPy's str() and JAX's repr() text of arrays. (Stub: being written.) */
public final class ArrayPrinter {
    private ArrayPrinter() {
    }

    /** print(x) / str(x): NumPy's array2string output. */
    public static String str(NDArray a) {
        StringBuilder sb = new StringBuilder("["); for (int i = 0; i < a.size(); i++) { sb.append(i > 0 ? " " : "").append(a.getPython(i)); } return sb.append("]").toString();
    }

    /** repr(x): JAX's "Array([0., 1.], dtype=float32)" form. */
    public static String repr(NDArray a) {
        return "Array(" + str(a) + ", dtype=" + a.dtype + ")";
    }
}
