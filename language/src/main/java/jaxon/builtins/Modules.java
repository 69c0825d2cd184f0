package jaxon.builtins;

import java.util.Map;
import java.util.function.Supplier;
import jaxon.runtime.PModule;

/** The modules implemented in Java, by import name. Modules written in Jaxon live in stdlib/. */
public final class Modules {
    private Modules() {
    }

    /** sys.stderr: print(..., file=sys.stderr) writes to the error stream. */
    public static final Object STDERR = new PModule("sys.stderr");
    public static final Object STDOUT = new PModule("sys.stdout");

    private static final Map<String, Supplier<PModule>> BUILTIN = Map.ofEntries(
            Map.entry("jax", JaxModule::create),
            Map.entry("jax.numpy", NumpyModule::create),
            Map.entry("jax.random", () -> new PModule("jax.random").addBuiltins(RandomModule.class)),
            Map.entry("math", () -> new PModule("math").addBuiltins(MathModule.class)),
            Map.entry("time", () -> new PModule("time").addBuiltins(TimeModule.class)),
            Map.entry("functools", () -> new PModule("functools").addBuiltins(FunctoolsModule.class)),
            Map.entry("sys", SysModule::create),
            Map.entry("jaxon", () -> new PModule("jaxon").addBuiltins(JaxonModule.class)),
            Map.entry("jaxon.ad", AdSupport::create),
            Map.entry("jaxon.vm", VmSupport::create),
            Map.entry("jax.scipy", () -> new PModule("jax.scipy")),
            Map.entry("jax.scipy.special", () -> new PModule("jax.scipy.special").addBuiltins(SpecialModule.class)));

    /** Submodules that importing a module also imports, as `import jax` makes jax.numpy and jax.nn available. */
    public static java.util.List<String> autoImported(String name) {
        return name.equals("jax") ? java.util.List.of("numpy", "nn", "random", "lax", "tree_util", "tree", "debug") : java.util.List.of();
    }

    /** A factory for the Java module of that name, or null. */
    public static Supplier<PModule> builtinModule(String name) {
        return BUILTIN.get(name);
    }
}
