package jaxon.runtime;

import com.oracle.truffle.api.interop.TruffleObject;

/**
 * {@code jnp.float32}, {@code jnp.int32}, ...: usable as a dtype argument and callable to make a
 * 0-d array ({@code jnp.float32(3.5)}).
 */
public final class ScalarType implements PyValue, TruffleObject {
    public final DType dtype;

    public ScalarType(DType dtype) {
        this.dtype = dtype;
    }

    @Override
    public String typeName() {
        return "type";
    }

    @Override
    public String repr() {
        return "<class 'jax.numpy." + dtype.jaxName + "'>";
    }

    @Override
    public String toString() {
        return dtype.jaxName;
    }
}
