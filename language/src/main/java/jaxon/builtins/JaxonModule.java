package jaxon.builtins;

import com.oracle.truffle.api.Truffle;
import jaxon.JaxonContext;
import jaxon.nodes.TimeitNode;
import jaxon.runtime.Builtin;
import jaxon.runtime.Calls;
import jaxon.runtime.PNone;
import jaxon.runtime.PTuple;
import jaxon.runtime.PyObjects;

/** The jaxon module: things only Jaxon has (engine facts; later, the source of transformed functions). */
public final class JaxonModule {
    private JaxonModule() {
    }

    /** "GraalVM CE" when Truffle's optimizing runtime is active, "Interpreted" on the fallback. */
    @Builtin("engine_name()")
    public static Object engineName() {
        return Truffle.getRuntime().getName();
    }

    /** Bytes the JVM's threads have allocated on the heap so far, all threads together (benchmarks: allocation per call). */
    @Builtin("allocated_bytes()")
    public static Object allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
    }

    /** The source of a function as Jaxon code; for grad(f) and other generated functions, the code the transformation wrote. */
    @Builtin("source(f)")
    public static Object source(Object f) {
        if (!(f instanceof jaxon.runtime.PFunction p)) {
            throw jaxon.runtime.Errors.typeError("source() needs a function written in Jaxon, got " + jaxon.runtime.PyObjects.repr(f));
        }
        return jaxon.transform.Transforms.source(p);
    }

    /** Runs a loop that jit fused (see jaxon.transform.Fusion) over its operands. */
    @Builtin("fused(kernel, operands)")
    public static Object fused(Object kernel, Object operands) {
        return ((jaxon.nodes.FusedKernel) kernel).apply(((jaxon.runtime.PTuple) operands).items());
    }

    /** jnp.sum (mean: jnp.mean) of a loop that jit fused, without storing its values. */
    @Builtin("fused_sum(kernel, operands, mean)")
    public static Object fusedSum(Object kernel, Object operands, Object mean) {
        return ((jaxon.nodes.FusedKernel) kernel).sum(((jaxon.runtime.PTuple) operands).items(), (Boolean) mean);
    }

    /**
     * What jit and grad do to their arguments (and jit to its results): Python scalars become
     * arrays (float and int weakly typed, as JAX converts them), leaf by leaf inside lists, tuples
     * and dicts; dicts come back with their keys sorted, as JAX's pytree flattening rebuilds them.
     */
    @Builtin("as_array(x)")
    public static Object asArray(Object x) {
        if (x instanceof Double || x instanceof Long || x instanceof Boolean) {
            return jaxon.ops.Convert.asArray(x);
        } else if (x instanceof jaxon.runtime.PList l) {
            jaxon.runtime.PList out = new jaxon.runtime.PList();
            for (Object v : l.items) {
                out.items.add(asArray(v));
            }
            return out;
        } else if (x instanceof jaxon.runtime.PTuple t) {
            Object[] items = t.items().clone();
            for (int i = 0; i < items.length; i++) {
                items[i] = asArray(items[i]);
            }
            return new jaxon.runtime.PTuple(items);
        } else if (x instanceof jaxon.runtime.PDict d) {
            jaxon.runtime.PDict out = new jaxon.runtime.PDict();
            for (Object[] e : sortedEntries(d)) {
                out.put(e[0], asArray(e[1]));
            }
            return out;
        }
        return x;
    }

    /** A read-only value with a fixed repr and named fields, for library objects such as a PyTreeDef. */
    @Builtin("record(text, **fields)")
    public static Object record(Object text, Object fields) {
        jaxon.runtime.PNamespace r = new jaxon.runtime.PNamespace(PyObjects.str(text));
        ((jaxon.runtime.PDict) fields).entries().forEach(e -> r.with(PyObjects.str(e[0]), e[1]));
        return r;
    }

    /** A dict's entries in sorted key order when the keys are all strings or all ints (else as inserted). */
    private static java.util.List<Object[]> sortedEntries(jaxon.runtime.PDict d) {
        java.util.List<Object[]> entries = new java.util.ArrayList<>();
        d.entries().forEach(entries::add);
        if (entries.stream().allMatch(e -> e[0] instanceof String)) {
            entries.sort((x, y) -> ((String) x[0]).compareTo((String) y[0]));
        } else if (entries.stream().allMatch(e -> e[0] instanceof Long)) {
            entries.sort((x, y) -> Long.compare((Long) x[0], (Long) y[0]));
        }
        return entries;
    }

    /**
     * timeit(fn, *args): %timeit as a function. Calls fn(*args) number times when given, else,
     * after the same warm-up as %timeit, in loops of 1, 10, 100, ... until a loop takes 0.2 s;
     * repeats that and prints IPython's line.
     */
    @Builtin("timeit(fn, *args, number=0, repeat=7)")
    public static Object timeit(Object fn, Object args, Object number, Object repeat) {
        Object[] a = ((PTuple) args).items();
        long loops = PyObjects.toLong(number);
        if (loops <= 0) {
            for (double spent = 0; spent < jaxon.nodes.TimeitNode.WARM_UP_SECONDS; ) {
                spent += time(fn, a, 1);
            }
            for (loops = 1; loops < 10_000_000L && time(fn, a, loops) < 0.2; loops *= 10) {
                // find a loop count that takes long enough to measure
            }
        }
        double[] perLoop = new double[(int) PyObjects.toLong(repeat)];
        for (int r = 0; r < perLoop.length; r++) {
            perLoop[r] = time(fn, a, loops) / loops;
        }
        JaxonContext.get(null).write(TimeitNode.line(perLoop, loops), null);
        return PNone.NONE;
    }

    private static double time(Object fn, Object[] args, long loops) {
        long start = System.nanoTime();
        for (long i = 0; i < loops; i++) {
            Calls.call(fn, args);
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
