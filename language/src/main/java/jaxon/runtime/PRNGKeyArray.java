package jaxon.runtime;

import com.oracle.truffle.api.interop.TruffleObject;

/**
 * A typed key array (jax.random.key): an array whose elements are threefry keys, backed by a
 * uint32 array of shape (*shape, 2). Raw keys (jax.random.PRNGKey) are plain uint32 arrays.
 */
public final class PRNGKeyArray implements PyValue, TruffleObject {
    /** The dtype of typed threefry keys, printed as JAX prints it. */
    public static final PyValue KEY_DTYPE = new PyValue() {
        @Override
        public String typeName() {
            return "KeyTy";
        }

        @Override
        public String repr() {
            return "key<fry>";
        }
    };

    /** uint32, shape (*shape, 2). */
    public final NDArray data;

    public PRNGKeyArray(NDArray data) {
        this.data = data;
    }

    public int[] shape() {
        return java.util.Arrays.copyOf(data.shape, data.ndim() - 1);
    }

    public int ndim() {
        return data.ndim() - 1;
    }

    public Object attribute(String name) {
        return switch (name) {
            case "shape" -> Shapes.toTuple(shape());
            case "dtype" -> KEY_DTYPE;
            case "ndim" -> (long) ndim();
            case "size" -> (long) Shapes.size(shape());
            default -> null;
        };
    }

    /** keys[index]: indexes the key dimensions only. */
    public PRNGKeyArray getItem(Object index) {
        if (ndim() == 0) {
            throw Errors.indexError("Too many indices: 0-dimensional array indexed with " + (index instanceof PTuple t ? t.size() : 1) + ".");
        }
        NDArray picked = (NDArray) ArrayMethods.getItem(data, index);
        if (picked.ndim() == 0 || picked.shape[picked.ndim() - 1] != 2 || picked.ndim() > data.ndim()) {
            throw Errors.indexError("Too many indices for a key array of shape " + Shapes.str(shape()) + ".");
        }
        return new PRNGKeyArray(picked);
    }

    @Override
    public String typeName() {
        return "PRNGKeyArray";
    }

    @Override
    public String repr() {
        return "Array(" + Shapes.str(shape()) + ", dtype=key<fry>) overlaying:\n" + PyObjects.str(data);
    }
}
