package jaxon.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import jaxon.ops.LinAlg;
import jaxon.ops.Reductions;
import jaxon.ops.Reductions.Kind;
import jaxon.runtime.NDArray;
import jaxon.runtime.PNone;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * float32 reductions against real JAX (XLA CPU), bit for bit: the sums, means, variances, dot
 * products, norms, cumsums and products that tests/tools/dump_xla_math.py recorded for prefixes
 * of reduce_data.npy (tests/reference/xla_cpu/reduce_*.npy, mean_axis1.npy), and matrix products of
 * its pieces (matmul_*.npy).
 */
class XlaSumTest {
    private static final Path DIR = XlaMathTest.DIR;
    /** The columns of reduce_results.npy, in order. */
    private static final String[] COLUMNS = {"sum", "mean", "var", "std", "dot(v,v)", "norm", "sum(dtype=float32)", "cumsum[-1]", "prod(v[:30]/8)"};

    private static float[] data;
    private static long[] lengths;
    private static float[] results;

    private static synchronized void load() throws IOException {
        if (data == null) {
            data = Npy.floats(DIR.resolve("reduce_data.npy"));
            lengths = Npy.longs(DIR.resolve("reduce_lengths.npy"));
            results = Npy.floats(DIR.resolve("reduce_results.npy"));
            assertEquals(lengths.length * COLUMNS.length, results.length, "reduce_results shape");
        }
    }

    private static NDArray vector(int n) {
        return NDArray.ofFloats(new int[]{n}, Arrays.copyOf(data, n));
    }

    /** Column c of reduce_results computed by Jaxon's Java ops for data[:n]. */
    private static float column(int c, int n) {
        NDArray v = vector(n);
        NDArray r = switch (c) {
            case 0, 6 -> Reductions.reduce(Kind.SUM, v, PNone.NONE, false, 0, null);
            case 1 -> Reductions.reduce(Kind.MEAN, v, PNone.NONE, false, 0, null);
            case 2 -> Reductions.reduce(Kind.VAR, v, PNone.NONE, false, 0, null);
            case 3 -> Reductions.reduce(Kind.STD, v, PNone.NONE, false, 0, null);
            case 4 -> LinAlg.dot(v, v);
            case 5 -> LinAlg.norm(v, PNone.NONE, PNone.NONE, false);
            case 7 -> {
                float[] cs = Reductions.cumulative(v, PNone.NONE, false, null).floats();
                yield NDArray.ofFloats(new int[0], new float[]{cs[n - 1]});
            }
            case 8 -> {
                float[] p = Arrays.copyOf(data, Math.min(n, 30));
                for (int i = 0; i < p.length; i++) {
                    p[i] /= 8f;
                }
                yield Reductions.reduce(Kind.PROD, NDArray.ofFloats(new int[]{p.length}, p), PNone.NONE, false, 0, null);
            }
            default -> throw new IllegalArgumentException("column " + c);
        };
        assertEquals(1, r.size());
        return r.floats()[0];
    }

    @TestFactory
    Stream<DynamicTest> wholeVectorReductions() throws IOException {
        load();
        return IntStream.range(0, COLUMNS.length).mapToObj(c -> DynamicTest.dynamicTest(COLUMNS[c], () -> {
            float[] got = new float[lengths.length];
            float[] want = new float[lengths.length];
            for (int i = 0; i < lengths.length; i++) {
                got[i] = column(c, (int) lengths[i]);
                want[i] = results[i * COLUMNS.length + c];
            }
            assertBitEqual(COLUMNS[c], got, want, i -> "n=" + lengths[i]);
        }));
    }

    @Test
    void matrixAxisReductions() throws IOException {
        load();
        NDArray m = NDArray.ofFloats(new int[]{200, 300}, Arrays.copyOf(data, 60000));
        assertBitEqual("sum(axis=0)", Reductions.reduce(Kind.SUM, m, 0L, false, 0, null).floats(),
                Npy.floats(DIR.resolve("reduce_axis0.npy")), i -> "column " + i);
        assertBitEqual("sum(axis=1)", Reductions.reduce(Kind.SUM, m, 1L, false, 0, null).floats(),
                Npy.floats(DIR.resolve("reduce_axis1.npy")), i -> "row " + i);
        assertBitEqual("mean(axis=1)", Reductions.reduce(Kind.MEAN, m, 1L, false, 0, null).floats(),
                Npy.floats(DIR.resolve("mean_axis1.npy")), i -> "row " + i);
    }

    /** The matmul_AxBxC.npy shapes: data[:A*B].reshape(A, B) @ data[-B*C:].reshape(B, C). */
    private static final int[][] MATMULS = {{3, 4, 5}, {10, 100, 10}, {64, 64, 64}, {100, 300, 50}, {1, 1000, 1}, {7, 513, 3}};

    private static NDArray lhs(int a, int b) {
        return NDArray.ofFloats(new int[]{a, b}, Arrays.copyOf(data, a * b));
    }

    private static NDArray rhs(int b, int c) {
        return NDArray.ofFloats(new int[]{b, c}, Arrays.copyOfRange(data, data.length - b * c, data.length));
    }

    private static String name(int[] s) {
        return "matmul_" + s[0] + "x" + s[1] + "x" + s[2];
    }

    private static float[] matmulReference(int[] s) throws IOException {
        return Npy.floats(DIR.resolve(name(s) + ".npy"));
    }

    /**
     * Matrix products as XLA sums them: XLA's own FMA loop (3x4x5), YNNPACK kernels with 1 and 4
     * lanes, k blocks and a zero-padded k tail (the others), and 1x1000x1, a vector dot product.
     */
    @TestFactory
    Stream<DynamicTest> matmuls() throws IOException {
        load();
        return Stream.of(MATMULS).map(s -> DynamicTest.dynamicTest(name(s), () -> {
            float[] got = LinAlg.matmul(lhs(s[0], s[1]), rhs(s[1], s[2])).floats();
            assertBitEqual(name(s), got, matmulReference(s), i -> "[" + i / s[2] + ", " + i % s[2] + "]");
        }));
    }

    /** A stack of two copies on both sides is a batched dot_general: each element follows its matrix's rule. */
    @TestFactory
    Stream<DynamicTest> batchedMatmuls() throws IOException {
        load();
        return Stream.of(MATMULS).map(s -> DynamicTest.dynamicTest(name(s) + " batched", () -> {
            float[] x = lhs(s[0], s[1]).floats();
            float[] y = rhs(s[1], s[2]).floats();
            float[] xx = Arrays.copyOf(x, 2 * x.length);
            System.arraycopy(x, 0, xx, x.length, x.length);
            float[] yy = Arrays.copyOf(y, 2 * y.length);
            System.arraycopy(y, 0, yy, y.length, y.length);
            float[] got = LinAlg.matmul(NDArray.ofFloats(new int[]{2, s[0], s[1]}, xx), NDArray.ofFloats(new int[]{2, s[1], s[2]}, yy)).floats();
            float[] want = matmulReference(s);
            float[] both = Arrays.copyOf(want, 2 * want.length);
            System.arraycopy(want, 0, both, want.length, want.length);
            assertBitEqual(name(s) + " batched", got, both, i -> "[" + i / want.length + ", " + i % want.length / s[2] + ", " + i % s[2] + "]");
        }));
    }

    /** The same numbers through the language: jnp calls in a Jaxon function, for a few lengths of each path. */
    @Test
    void throughTheLanguage() throws IOException {
        load();
        String program = """
                import jax.numpy as jnp

                def reductions(xs):
                    v = jnp.asarray(xs, dtype=jnp.float32)
                    return jnp.stack([jnp.sum(v), jnp.mean(v), jnp.var(v), jnp.std(v), jnp.dot(v, v),
                                      jnp.linalg.norm(v), jnp.sum(v, dtype=jnp.float32), jnp.cumsum(v)[-1],
                                      jnp.prod(v[:30] / 8)])

                def matmul(xs, a, b, c):
                    v = jnp.asarray(xs, dtype=jnp.float32)
                    return (v[:a * b].reshape(a, b) @ v[-b * c:].reshape(b, c)).reshape(-1)

                def axis_sums(xs):
                    m = jnp.asarray(xs, dtype=jnp.float32).reshape(200, 300)
                    return jnp.concatenate([jnp.sum(m, axis=0), jnp.sum(m, axis=1), jnp.mean(m, axis=1)])
                """;
        try (Context ctx = Context.newBuilder("jaxon").allowAllAccess(true).option("engine.WarnInterpreterOnly", "false").build()) {
            ctx.eval("jaxon", program);
            Value reductions = ctx.getBindings("jaxon").getMember("reductions");
            for (int i = 0; i < lengths.length; i++) {
                int n = (int) lengths[i];
                if (!(n == 1 || n == 9 || n == 32 || n == 33 || n == 100 || n == 1025 || n == 4096 || n == 100000)) {
                    continue;
                }
                float[] got = floats(reductions.execute((Object) toDoubles(data, n)), COLUMNS.length);
                float[] want = Arrays.copyOfRange(results, i * COLUMNS.length, (i + 1) * COLUMNS.length);
                assertBitEqual("jnp reductions at n=" + n, got, want, c -> COLUMNS[c]);
            }
            float[] got = floats(ctx.getBindings("jaxon").getMember("axis_sums").execute((Object) toDoubles(data, 60000)), 700);
            float[] want = new float[700];
            System.arraycopy(Npy.floats(DIR.resolve("reduce_axis0.npy")), 0, want, 0, 300);
            System.arraycopy(Npy.floats(DIR.resolve("reduce_axis1.npy")), 0, want, 300, 200);
            System.arraycopy(Npy.floats(DIR.resolve("mean_axis1.npy")), 0, want, 500, 200);
            assertBitEqual("jnp axis sums", got, want, k -> k < 300 ? "sum axis 0 [" + k + "]" : k < 500 ? "sum axis 1 [" + (k - 300) + "]" : "mean axis 1 [" + (k - 500) + "]");
            Value matmul = ctx.getBindings("jaxon").getMember("matmul");
            Object all = toDoubles(data, data.length);
            for (int[] s : MATMULS) {
                assertBitEqual("jnp " + name(s), floats(matmul.execute(all, s[0], s[1], s[2]), s[0] * s[2]), matmulReference(s), k -> "[" + k / s[2] + ", " + k % s[2] + "]");
            }
        }
    }

    private static double[] toDoubles(float[] f, int n) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static float[] floats(Value array, int n) {
        assertTrue(array.hasBufferElements(), "a float32 array");
        assertEquals(4L * n, array.getBufferSize());
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = array.readBufferFloat(ByteOrder.LITTLE_ENDIAN, 4L * i);
        }
        return out;
    }

    private static void assertBitEqual(String what, float[] got, float[] want, Function<Integer, String> where) {
        assertEquals(want.length, got.length, what + ": lengths");
        StringBuilder report = new StringBuilder();
        int bad = 0;
        for (int i = 0; i < got.length; i++) {
            if (Float.floatToIntBits(got[i]) != Float.floatToIntBits(want[i])) {
                if (bad < 10) {
                    report.append(String.format("%n  %s: XLA %s (0x%08x), Jaxon %s (0x%08x)", where.apply(i), want[i],
                            Float.floatToRawIntBits(want[i]), got[i], Float.floatToRawIntBits(got[i])));
                }
                bad++;
            }
        }
        assertTrue(bad == 0, what + ": " + bad + " of " + got.length + " differ" + report);
    }

}
