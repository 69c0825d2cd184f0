package jaxon.builtins;

import java.util.LinkedHashMap;
import java.util.Map;
import jaxon.runtime.Builtin;
import jaxon.runtime.Errors;
import jaxon.runtime.PModule;
import jaxon.runtime.PNone;

/** The jax module: configuration and the functions that live at its top level. */
public final class JaxModule {
    private JaxModule() {
    }

    /** jax.config flags, with JAX 0.11's defaults. */
    private static final Map<String, Object> DEFAULTS = new LinkedHashMap<>(Map.of(
            "jax_threefry_partitionable", true,
            "jax_enable_x64", false,
            "jax_platform_name", "cpu",
            "jax_default_matmul_precision", PNone.NONE));

    public static PModule create() {
        PModule jax = new PModule("jax").addBuiltins(JaxModule.class).addBuiltins(Autodiff.class);
        PModule config = new PModule("jax.config").addBuiltins(Config.class);
        DEFAULTS.forEach(config::put);
        jax.put("config", config);
        jax.put("Array", new PythonBuiltins.ArrayType());
        return jax;
    }

    /**
     * jax.jit: the function with its chains of elementwise operations fused into single loops
     * (jaxon.transform.Fusion); the rest runs as ordinary Jaxon code, which Truffle compiles.
     * grad and vmap of a jitted function transform the original.
     */
    @Builtin("jit(fun=None, *, static_argnums=None, static_argnames=None, donate_argnums=None, inline=False)")
    public static Object jit(Object fun, Object staticArgnums, Object staticArgnames, Object donateArgnums, Object inline) {
        if (fun == PNone.NONE) {
            throw Errors.typeError("jit() missing 1 required positional argument: 'fun'");
        }
        java.util.Set<String> statics = new java.util.HashSet<>();
        if (fun instanceof jaxon.runtime.PFunction p && p.definition != null) {
            java.util.List<jaxon.ast.Parameters.Param> params = p.definition.params().positional();
            if (staticArgnums != PNone.NONE) {
                Object[] nums = staticArgnums instanceof Long ? new Object[]{staticArgnums} : jaxon.runtime.Iteration.toArray(staticArgnums);
                for (Object k : nums) {
                    int i = (int) jaxon.runtime.PyObjects.toLong(k);
                    if (i < 0) {
                        i += params.size();
                    }
                    if (i >= 0 && i < params.size()) {
                        statics.add(params.get(i).name());
                    }
                }
            }
            if (staticArgnames != PNone.NONE) {
                for (Object name : staticArgnames instanceof String ? new Object[]{staticArgnames} : jaxon.runtime.Iteration.toArray(staticArgnames)) {
                    statics.add(jaxon.runtime.PyObjects.str(name));
                }
            }
        }
        return jaxon.transform.Transforms.jitFunction(fun, statics);
    }

    /**
     * jax.checkpoint (jax.remat): JAX recomputes f's intermediate values in the backward pass
     * instead of storing them, a memory trade that leaves every value the same; Jaxon's grad
     * stores them, so f itself is the result.
     */
    @Builtin("checkpoint(fun, *, prevent_cse=True, policy=None, static_argnums=())")
    public static Object checkpoint(Object fun, Object preventCse, Object policy, Object staticArgnums) {
        return fun;
    }

    @Builtin("remat(fun, *, prevent_cse=True, policy=None, static_argnums=())")
    public static Object remat(Object fun, Object preventCse, Object policy, Object staticArgnums) {
        return fun;
    }

    @Builtin("block_until_ready(x)")
    public static Object blockUntilReady(Object x) {
        return x;
    }

    @Builtin("device_put(x, device=None)")
    public static Object devicePut(Object x, Object device) {
        return x;
    }

    @Builtin("device_get(x)")
    public static Object deviceGet(Object x) {
        return x;
    }

    /** The one device, the same object at every call, as JAX's. */
    private static final jaxon.runtime.PNamespace CPU = new jaxon.runtime.PNamespace("CpuDevice(id=0)", "cpu:0").with("id", 0L)
            .with("platform", "cpu").with("device_kind", "cpu").with("process_index", 0L);

    @Builtin("devices(backend=None)")
    public static Object devices(Object backend) {
        return jaxon.runtime.PList.of(CPU);
    }

    @Builtin("device_count(backend=None)")
    public static Object deviceCount(Object backend) {
        return 1L;
    }

    @Builtin("local_device_count(backend=None)")
    public static Object localDeviceCount(Object backend) {
        return 1L;
    }

    @Builtin("default_backend()")
    public static Object defaultBackend() {
        return "cpu";
    }

    /** This context's jax.config. */
    public static PModule config() {
        return (PModule) jaxon.JaxonContext.get(null).importModule("jax").get("config");
    }

    /** A flag's current value in this context. */
    public static Object flag(String name) {
        return config().get(name);
    }

    /** jax.config.update(name, value). */
    public static final class Config {
        private Config() {
        }

        @Builtin("update(name, value)")
        public static Object update(Object name, Object value) {
            PModule config = config();
            if (!(name instanceof String key) || config.get(key) == null) {
                throw Errors.raise(jaxon.runtime.PyExceptionType.ATTRIBUTE_ERROR, "Unrecognized config option: " + name);
            }
            if (key.equals("jax_enable_x64") && jaxon.runtime.PyObjects.isTrue(value)) {
                throw Errors.notImplemented("jax_enable_x64: Jaxon computes in 32 bits only");
            }
            config.put(key, value);
            return PNone.NONE;
        }
    }
}
