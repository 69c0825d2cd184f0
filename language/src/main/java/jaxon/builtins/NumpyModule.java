package jaxon.builtins;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import jaxon.ops.BinaryPrim;
import jaxon.ops.Elementwise;
import jaxon.ops.UnaryPrim;
import jaxon.runtime.BuiltinFunction;
import jaxon.runtime.DType;
import jaxon.runtime.NDArray;
import jaxon.runtime.PModule;
import jaxon.runtime.ScalarType;
import jaxon.runtime.Signature;

/**
 * jax.numpy: every elementwise primitive under its jnp name (straight from the primitive tables),
 * the functions of {@link NumpyFunctions}, dtypes and constants, and the linalg submodule.
 */
public final class NumpyModule {
    private NumpyModule() {
    }

    /** Second jnp names of primitives. */
    private static final Map<String, String> ALIASES = Map.of(
            "absolute", "abs", "bitwise_not", "invert", "bitwise_invert", "invert",
            "true_divide", "divide", "mod", "remainder", "pow", "power", "acos", "arccos", "asin", "arcsin", "atan", "arctan");

    /** The jax.numpy names of the elementwise primitives (and their aliases). */
    public static java.util.List<String> elementwiseNames() {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (UnaryPrim p : UnaryPrim.values()) {
            names.add(p.jnpName);
        }
        for (BinaryPrim p : BinaryPrim.values()) {
            names.add(p.jnpName);
        }
        return names;
    }

    public static PModule create() {
        PModule m = new PModule("jax.numpy");
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodHandle unary = lookup.findStatic(Elementwise.class, "unary", MethodType.methodType(NDArray.class, UnaryPrim.class, Object.class));
            MethodHandle binary = lookup.findStatic(Elementwise.class, "binary",
                    MethodType.methodType(NDArray.class, BinaryPrim.class, Object.class, Object.class));
            for (UnaryPrim p : UnaryPrim.values()) {
                MethodHandle h = MethodHandles.insertArguments(unary, 0, p).asType(MethodType.genericMethodType(1)).asSpreader(Object[].class, 1);
                m.put(p.jnpName, new BuiltinFunction(Signature.parse(p.jnpName + "(x)"), h, "jax.numpy." + p.jnpName));
            }
            for (BinaryPrim p : BinaryPrim.values()) {
                MethodHandle h = MethodHandles.insertArguments(binary, 0, p).asType(MethodType.genericMethodType(2)).asSpreader(Object[].class, 2);
                m.put(p.jnpName, new BuiltinFunction(Signature.parse(p.jnpName + "(x1, x2)"), h, "jax.numpy." + p.jnpName));
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        m.remove("round"); // jnp.round(a, decimals=0) is in NumpyFunctions
        m.remove("erf"); // jax.scipy.special.erf and erfinv, not jax.numpy
        m.remove("erfinv");
        m.addBuiltins(NumpyFunctions.class);
        ALIASES.forEach((alias, name) -> m.put(alias, m.get(name)));
        m.put("pi", Math.PI);
        m.put("e", Math.E);
        m.put("inf", Double.POSITIVE_INFINITY);
        m.put("nan", Double.NaN);
        m.put("euler_gamma", 0.5772156649015329);
        m.put("newaxis", jaxon.runtime.PNone.NONE);
        for (DType d : DType.values()) {
            m.put(d.jaxName, new ScalarType(d));
        }
        m.put("bool_", m.get("bool"));
        // Without jax_enable_x64 (Jaxon has no 64-bit arrays) JAX truncates the 64-bit dtypes to 32 bits.
        m.put("float64", m.get("float32"));
        m.put("int64", m.get("int32"));
        m.put("uint64", m.get("uint32"));
        NumpyFunctions.CATEGORIES.keySet().forEach(c -> m.put(c, new NumpyFunctions.Category(c)));
        m.put("ndarray", new PythonBuiltins.ArrayType());
        m.put("linalg", new PModule("jax.numpy.linalg").addBuiltins(LinalgModule.class));
        return m;
    }
}
