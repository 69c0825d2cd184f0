package jaxon.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import jaxon.ops.BinaryPrim;
import jaxon.ops.Elementwise;
import jaxon.ops.LinAlg;
import jaxon.ops.Simd;
import jaxon.ops.Threefry;
import jaxon.ops.UnaryPrim;
import jaxon.runtime.NDArray;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SIMD kernels against the scalar primitives they stand in for, bit for bit, over a sweep of
 * float32 bit patterns (every sign, exponent and a spread of mantissas, subnormals, infinities and
 * NaNs included), once they are warm. The kernels run only when the Vector API module is present,
 * so its absence fails here rather than making every elementwise loop silently slower.
 */
class SimdTest {
    /** Every 65,521st bit pattern (a prime stride, so mantissas vary too) and the special values. */
    private static float[] sweep() {
        int count = (int) ((1L << 32) / 65521) + 64;
        count -= count % 64; // a multiple of every vector length: the scalar tail would hide the vector code
        float[] x = new float[count];
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL,
            Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
            1f, -1f, 0.5f, 88.72f, 88.8f, 89f, -87.3f, -87.8f, -104f, 20f, -20f, 0.0004f, 7.9988117f, 1e-40f};
        System.arraycopy(special, 0, x, 0, special.length);
        for (int i = special.length; i < count; i++) {
            x[i] = Float.intBitsToFloat((int) ((long) i * 65521));
        }
        return x;
    }

    private static void assertSameBits(float[] want, float[] got, String what, float[]... inputs) {
        for (int i = 0; i < want.length; i++) {
            if (Float.floatToIntBits(want[i]) != Float.floatToIntBits(got[i])) {
                StringBuilder args = new StringBuilder();
                for (float[] in : inputs) {
                    args.append(in[i]).append(' ');
                }
                assertEquals(want[i], got[i], what + " at " + args.toString().trim());
            }
        }
    }

    /** Waits until the kernels are warm: before that Simd runs the scalar code, which would test nothing. */
    static void awaitVectorKernels() throws InterruptedException {
        assertTrue(Simd.AVAILABLE, "run the JVM with --add-modules jdk.incubator.vector");
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (!Simd.ready()) {
            if (Simd.warmUpFailure != null) {
                throw new AssertionError("the SIMD warm-up failed", Simd.warmUpFailure);
            }
            assertTrue(System.nanoTime() < deadline, "the SIMD kernels did not warm up");
            Thread.sleep(20);
        }
    }

    @BeforeAll
    static void setUp() throws InterruptedException {
        awaitVectorKernels();
    }

    /**
     * A JVM without the Vector API module (an embedder that does not add it) runs the scalar code
     * and prints exactly what this JVM prints with the SIMD kernels warm: large products, random
     * bits, fused chains, eager functions.
     */
    @Test
    void withoutTheVectorApiTheSameProgramPrintsTheSame() throws Exception {
        String program = """
                import jax
                import jax.numpy as jnp
                from jax import random
                x = jnp.linspace(-20.0, 20.0, 20011)
                m = jnp.reshape(jnp.sin(jnp.arange(515.0 * 66)), (66, 515))
                w = jnp.reshape(jnp.cos(jnp.arange(515.0 * 130)), (515, 130))
                f = jax.jit(lambda v: 1.05 * jnp.where(v > 0, v, 1.67 * jnp.exp(v) - 1.67) + jnp.tanh(v) * v ** 3)
                for value in [f(x), jnp.sin(x), jnp.log(jnp.abs(x) + 1e-3), m @ w, jax.vmap(lambda v: w.T @ v)(m[:, :130] @ w.T),
                              random.uniform(random.PRNGKey(3), (9999,)), random.bits(random.PRNGKey(4), (5001,))]:
                    print([v.item() for v in jnp.ravel(value)[::97]])
                """;
        ByteArrayOutputStream here = new ByteArrayOutputStream();
        try (org.graalvm.polyglot.Context ctx = org.graalvm.polyglot.Context.newBuilder("jaxon").out(here)
                .option("engine.WarnInterpreterOnly", "false").build()) {
            ctx.eval("jaxon", program);
        }
        // The launcher's module path as bin/jaxon builds it: launcher/target/modules beside the launcher.
        java.nio.file.Path launcher = java.nio.file.Path.of(jaxon.launcher.JaxonMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String modulePath = launcher.getParent().resolve("modules") + java.io.File.pathSeparator + launcher;
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process scalar = new ProcessBuilder(java, "-Dpolyglot.engine.WarnInterpreterOnly=false", "-Xss16m",
                "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=org.graalvm.truffle",
                "--module-path", modulePath, "-m", "jaxon.launcher/jaxon.launcher.JaxonMain", "-c", program)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String there = new String(scalar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, scalar.waitFor(), there);
        assertEquals(here.toString(StandardCharsets.UTF_8), there);
    }

    @Test
    void unaryKernelsMatchScalarCode() {
        float[] x = sweep();
        for (UnaryPrim op : EnumSet.of(UnaryPrim.NEG, UnaryPrim.POSITIVE, UnaryPrim.ABS, UnaryPrim.SQUARE, UnaryPrim.SQRT,
                UnaryPrim.RECIPROCAL, UnaryPrim.EXP, UnaryPrim.LOG, UnaryPrim.TANH, UnaryPrim.LOGISTIC, UnaryPrim.SIN, UnaryPrim.COS)) {
            float[] want = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                want[i] = op.apply(x[i]);
            }
            float[] got = new float[x.length];
            Simd.unary(op, x, 0, got, 0, x.length);
            assertSameBits(want, got, op.jnpName, x);
        }
    }

    @Test
    void binaryKernelsMatchScalarCode() {
        float[] a = sweep();
        float[] b = new float[a.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = a[(int) ((i * 7919L) % a.length)];
        }
        for (BinaryPrim op : EnumSet.of(BinaryPrim.ADD, BinaryPrim.SUB, BinaryPrim.MUL, BinaryPrim.DIV, BinaryPrim.MAX, BinaryPrim.MIN)) {
            float[] want = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                want[i] = op.apply(a[i], b[i]);
            }
            float[] got = new float[a.length];
            Simd.binary(op, a, 0, b, 0, got, 0, a.length);
            assertSameBits(want, got, op.jnpName, a, b);
        }
        for (boolean subtract : new boolean[] {false, true}) {
            float[] want = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                want[i] = Math.fma(a[i], b[i], subtract ? -a[a.length - 1 - i] : a[a.length - 1 - i]);
            }
            float[] c = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                c[i] = a[a.length - 1 - i];
            }
            float[] got = new float[a.length];
            Simd.fma(a, 0, b, 0, c, 0, subtract, got, 0, a.length);
            assertSameBits(want, got, subtract ? "a * b - c" : "a * b + c", a, b, c);
        }
        for (BinaryPrim comparison : EnumSet.of(BinaryPrim.EQ, BinaryPrim.NE, BinaryPrim.LT, BinaryPrim.LE, BinaryPrim.GT, BinaryPrim.GE)) {
            float[] want = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                want[i] = comparison.compare(a[i], b[i]) ? a[i] * 2 : b[i];
            }
            float[] doubled = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                doubled[i] = a[i] * 2;
            }
            float[] got = new float[a.length];
            Simd.select(comparison, a, 0, b, 0, doubled, 0, b, 0, got, 0, a.length);
            assertSameBits(want, got, "where " + comparison.jnpName, a, b);
            boolean[] compared = new boolean[a.length];
            Simd.compare(comparison, a, 0, b, 0, compared, 0, a.length);
            // and through jnp's comparison with a scalar on either side (spread over runs, mirrored on the left)
            NDArray x = NDArray.ofFloats(new int[] {a.length}, a);
            boolean[] right = Elementwise.binary(comparison, x, 0.5).bools();
            boolean[] left = Elementwise.binary(comparison, -0.0, x).bools();
            for (int i = 0; i < a.length; i++) {
                if (compared[i] != comparison.compare(a[i], b[i]) || right[i] != comparison.compare(a[i], 0.5f)
                        || left[i] != comparison.compare(-0.0f, a[i])) {
                    fail(comparison.jnpName + " at " + a[i] + " (with " + b[i] + ", 0.5, -0.0): " + compared[i] + " " + right[i] + " " + left[i]);
                }
            }
        }
    }

    @Test
    void matrixProductRowsMatchScalarCode() {
        float[] b = sweep();
        float[] start = new float[b.length / 4];
        for (int i = 0; i < start.length; i++) {
            start[i] = b[b.length - 1 - i];
        }
        float[] a = {1.5f, -0.75f, 3e-20f, Float.NaN, 0f, 7f};
        for (int s = 0; s + 4 <= a.length; s++) {
            int n = start.length;
            float[] want = start.clone();
            for (int j = 0; j < n; j++) {
                for (int t = 0; t < 4; t++) {
                    want[j] = Math.fma(a[s + t], b[t * n + j], want[j]);
                }
            }
            float[] got = start.clone();
            Simd.fourProducts(a[s], a[s + 1], a[s + 2], a[s + 3], b, 0, n, got, 0, n);
            assertSameBits(want, got, "four products", start);
            float[] one = start.clone();
            Simd.multiplyAdd(a[s], b, 0, one, 0, n);
            float[] oneWant = start.clone();
            for (int j = 0; j < n; j++) {
                oneWant[j] = Math.fma(a[s], b[j], oneWant[j]);
            }
            assertSameBits(oneWant, one, "one product", start);
        }
    }

    @Test
    void fourDotProductsMatchScalarCode() {
        float[] y = sweep();
        int k = 37;
        float[] x = new float[k];
        for (int q = 0; q < k; q++) {
            x[q] = y[y.length - 1 - 3 * q];
        }
        float[] got = new float[4];
        for (int s0 : new int[] {0, 5}) {
            for (int s1 : new int[] {s0 + 1, s0 + 3, s0 + 4, 30, k}) {
                for (int yo = 0; yo + 4 * k <= y.length; yo += 997) {
                    Simd.segment4x4(x, 0, y, yo, k, s0, s1, got);
                    for (int r = 0; r < 4; r++) {
                        float[] lane = new float[4];
                        for (int q = s0; q < s1; q++) {
                            lane[(q - s0) % 4] = Math.fma(x[q], y[yo + r * k + q], lane[(q - s0) % 4]);
                        }
                        float want = (lane[0] + lane[1]) + (lane[2] + lane[3]);
                        assertSameBits(new float[] {want}, new float[] {got[r]}, "dot over [" + s0 + ", " + s1 + ")", new float[] {yo});
                    }
                }
            }
        }
    }

    /**
     * A product that takes the SIMD panels (four-lane kernel, enough work): m x 515 @ 515x130 has
     * YNNPACK's plan tile_k 4, k cut into calls [0, 512) and [512, 515) (XlaMatmul.plan; the same
     * model XlaSumTest checks against real JAX), a last tile of one, two or three rows (tiles are
     * four rows of blocks of 32) and two columns past the last panel. Each element is summed here
     * in that order, one product at a time.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {33, 34, 35})
    void matrixProductPanelsMatchTheKernelOrder(int m) {
        int k = 515;
        int n = 130;
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) random.nextGaussian();
        }
        float[] got = LinAlg.matmul(NDArray.ofFloats(new int[] {m, k}, a), NDArray.ofFloats(new int[] {k, n}, b)).floats();
        int[][] calls = {{0, 512}, {512, 515}};
        float[] want = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0;
                for (int[] call : calls) {
                    float[] lane = new float[4];
                    for (int q = call[0]; q < call[1]; q++) {
                        lane[(q - call[0]) % 4] = Math.fma(a[i * k + q], b[q * n + j], lane[(q - call[0]) % 4]);
                    }
                    float part = (lane[0] + lane[1]) + (lane[2] + lane[3]);
                    sum = call[0] == 0 ? part : part + sum;
                }
                want[i * n + j] = sum;
            }
        }
        float[] element = new float[m * n];
        for (int e = 0; e < element.length; e++) {
            element[e] = e;
        }
        assertSameBits(want, got, m + "x515 @ 515x130, element (row * 130 + column)", element);
    }

    @Test
    void threefryLanesMatchTheScalarCipher() {
        int k0 = 0x12345678;
        int k1 = -7;
        for (int n : new int[] {1, 17, 1000, 70001}) {
            int[] partitionable = Threefry.bits(k0, k1, n, true);
            int[] halves = Threefry.bits(k0, k1, n, false);
            int half = (n + 1) / 2;
            for (int i = 0; i < n; i++) {
                long y = Threefry.block(k0, k1, 0, i);
                assertEquals((int) (y >>> 32) ^ (int) y, partitionable[i], "partitionable bits " + i + " of " + n);
                long z = i < half ? Threefry.block(k0, k1, i, half + i < n ? half + i : 0) : Threefry.block(k0, k1, i - half, i);
                assertEquals(i < half ? (int) (z >>> 32) : (int) z, halves[i], "bits " + i + " of " + n);
            }
        }
    }

    @Test
    void integerPowerMatchesScalarCode() {
        float[] x = sweep();
        for (long power = -3; power <= 6; power++) {
            float[] want = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                want[i] = BinaryPrim.integerPow(x[i], power);
            }
            float[] got = new float[x.length];
            Simd.integerPow(x, 0, power, got, 0, x.length);
            assertSameBits(want, got, "x ** " + power, x);
        }
    }
}
