package jaxon.builtins;

import jaxon.runtime.DType;
import jaxon.runtime.PModule;
import jaxon.runtime.ScalarType;

/** jax.numpy: its functions come from the classes below; constants and dtypes are added here. */
public final class NumpyModule {
    private NumpyModule() {
    }

    public static PModule create() {
        PModule m = new PModule("jax.numpy");
        m.put("pi", Math.PI);
        m.put("e", Math.E);
        m.put("inf", Double.POSITIVE_INFINITY);
        m.put("nan", Double.NaN);
        m.put("newaxis", jaxon.runtime.PNone.NONE);
        for (DType d : DType.values()) {
            m.put(d.jaxName, new ScalarType(d));
        }
        m.put("bool_", m.get("bool"));
        m.put("ndarray", new PythonBuiltins.ArrayType());
        return m;
    }
}
