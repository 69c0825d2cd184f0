package jaxon.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.stream.Stream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * jit against eager evaluation: for every expression of the grad table, jax.jit(f)(x) equals f(x)
 * within float32 rounding (fused loops compute in float32 like op-by-op evaluation, but exp, log,
 * sin, cos and tanh there are float32 polynomials within 4 ulp), with the same dtype and weak
 * type; elementwise chains are really fused.
 */
class JitTableTest {
    private static Context context;

    @BeforeAll
    static void setUp() throws IOException {
        String prelude = GradTableTest.prelude();
        context = Context.newBuilder("jaxon").option("engine.WarnInterpreterOnly", "false").build();
        context.eval("jaxon", """
                import jax
                import jax.numpy as jnp
                import jaxon
                """ + prelude + """

                x0 = (jnp.arange(6.0).reshape(2, 3) + 0.5) / 7

                def same(f):
                    want = jnp.asarray(f(x0))
                    got = jnp.asarray(jax.jit(f)(x0))
                    both_nan = jnp.isnan(want) & jnp.isnan(got)
                    close = jnp.abs(got - want) <= 4e-6 * jnp.abs(want) + 1e-6
                    return bool(jnp.all(close | both_nan)) and want.dtype == got.dtype and want.weak_type == got.weak_type
                """);
    }

    @AfterAll
    static void tearDown() {
        context.close();
    }

    @TestFactory
    Stream<DynamicTest> jitEqualsEager() throws IOException {
        return GradTableTest.expressions().stream()
                .map(expr -> DynamicTest.dynamicTest(expr, () ->
                        assertTrue(context.eval("jaxon", "same(lambda x: " + expr + ")").asBoolean(), expr)));
    }

    @Test
    void chainsAreFused() {
        String source = context.eval("jaxon", """
                def selu(x, alpha=1.67, lmbda=1.05):
                    return lmbda * jnp.where(x > 0, x, alpha * jnp.exp(x) - alpha)
                jaxon.source(jax.jit(selu))
                """).asString();
        assertTrue(source.contains("jaxon.fused") && source.split("jaxon.fused", -1).length == 2, source);
        assertTrue(context.eval("jaxon", "same(selu) and same(lambda v: 2 * v + jnp.sin(v) * jnp.exp(-v * v) - 0.5)").asBoolean());
    }

    /**
     * jit reaches the functions it calls, as JAX's tracing does: a helper's chain is fused too
     * (the generated code calls its fused version), a Python int passed to a helper stays an int
     * (range works), recursion stops at the function being fused, and the derivative of a called
     * function under jit(grad(f)) equals grad(f) within float32 rounding.
     */
    @Test
    void jitReachesCalledFunctions() {
        Value result = context.eval("jaxon", """
                def jit_chain_helper(v):
                    return 2 * v + jnp.sin(v) * jnp.exp(-v * v) - 0.5

                def jit_repeated(v, n):
                    t = v * 0
                    for i in range(n):
                        t = t + jit_chain_helper(v) * v
                    return t

                def jit_halvings(v, n):
                    return v if n == 0 else jit_halvings(v * 0.5 + 1, n - 1)

                jit_calling = lambda v: jit_chain_helper(v) * 3 + 1
                jit_grad_of_call = jax.grad(lambda v: jnp.sum(jit_chain_helper(v) * v))
                [
                    'jit(jit_chain_helper)' in jaxon.source(jax.jit(jit_calling)),
                    same(jit_calling),
                    same(lambda v: jit_repeated(v, 3)),
                    same(lambda v: jit_halvings(v, 4)),
                    same(lambda v: jit_grad_of_call(v)),
                ]
                """);
        for (int i = 0; i < result.getArraySize(); i++) {
            assertTrue(result.getArrayElement(i).asBoolean(), "check " + i);
        }
    }

    /**
     * Chains over operands of different shapes fuse too (the smaller ones are broadcast to the
     * loop's shape first), in the scalar loop and in SIMD runs; a division by a row or column
     * stays a multiplication by its reciprocal, as eager evaluation and XLA compute it.
     */
    @Test
    void chainsFuseAcrossBroadcasting() {
        Value result = context.eval("jaxon", """
                row = jnp.array([0.5, -1.5, 2.0])
                col = jnp.array([[2.0], [-3.0]])
                big = jnp.linspace(-3.0, 3.0, 6400).reshape(100, 64)
                big_row = jnp.cos(jnp.arange(64.0))
                bc = lambda m, r, k: jnp.tanh(m * r + k) - jnp.exp(-r * r) * 0.5 + k
                [
                    same(lambda v: bc(v, row, col)),
                    same(lambda v: bc(v, 1.5, col)),
                    same(lambda v: bc(row, v, jnp.float32(2.0))),
                    same(lambda v: jnp.sin(v) / row + v / col - 1.0 / (row + 4.0)),
                    bool(jnp.allclose(jax.jit(bc)(big, big_row, big_row[:1]), bc(big, big_row, big_row[:1]), rtol=4e-6, atol=1e-6)),
                ]
                """);
        for (int i = 0; i < result.getArraySize(); i++) {
            assertTrue(result.getArrayElement(i).asBoolean(), "check " + i);
        }
    }

    /**
     * The elementwise parts of grad's output fuse: in straight-line code the generated reverse
     * sweep has no zero-cotangent guards, and under jit a variable assigned twice (the user's or
     * grad's accumulated cotangents) still joins chains, so the backward pass of an elementwise
     * chain is two loops. Cotangents of broadcast operands (ad.unbroadcast sums) and cotangents
     * that may be zero (None, behind a branch) take the op-by-op path inside the same kernel and
     * still equal grad without jit. A cheap value read by several chains (t = v * 3 - 1, grad's
     * -v and 2 * v) is recomputed in each instead of stored; exp and the like are not.
     */
    @Test
    void derivativeCodeFuses() {
        Value result = context.eval("jaxon", """
                def fuse_chain(v):
                    return jnp.sum(2 * v + jnp.sin(v) * jnp.exp(-v * v) - 0.5)

                def fuse_reassigned(v):
                    y = v * 2
                    y = y * y + 1
                    return jnp.sin(y) * v

                def fuse_broadcast(m, row):
                    return jnp.sum(jnp.tanh(m * row + row) * m)

                def fuse_branch(v, flag):
                    y = v * 3
                    if flag:
                        y = jnp.exp(v) * y
                    return jnp.sum(y * v)

                def recompute_shared(v):
                    t = v * 3 - 1
                    return jnp.exp(t) * jnp.sin(t)

                def keep_transcendental(v):
                    e = jnp.exp(v)
                    return (e + 1) * (e - 1)

                vjp_source = jaxon.source(jax.grad(fuse_chain))
                fused_vjp = jaxon.source(jax.jit(jax.grad(fuse_chain)))
                row = jnp.array([0.5, -1.5, 2.0])
                broadcast_grad = jax.grad(fuse_broadcast, argnums=(0, 1))
                got_broadcast = jax.jit(broadcast_grad)(x0, row)
                want_broadcast = broadcast_grad(x0, row)
                [
                    'is not None' not in vjp_source and 'ad.add(None' not in vjp_source,
                    fused_vjp.count('jaxon.fused') <= 4 and 'ad.add(' in fused_vjp,
                    jaxon.source(jax.jit(fuse_reassigned)).count('jaxon.fused') == 1,
                    same(fuse_reassigned),
                    same(jax.grad(fuse_chain)),
                    same(jax.grad(lambda v: jnp.sum(fuse_reassigned(v)))),
                    all([bool(jnp.allclose(g, w, rtol=4e-6, atol=1e-6)) and g.shape == w.shape for g, w in zip(got_broadcast, want_broadcast)]),
                    same(jax.grad(lambda v: fuse_branch(v, True))),
                    same(jax.grad(lambda v: fuse_branch(v, False))),
                    jaxon.source(jax.jit(recompute_shared)).count('jaxon.fused') == 1,
                    same(recompute_shared),
                    jaxon.source(jax.jit(keep_transcendental)).count('exp(') == 1,
                    same(keep_transcendental),
                    'shape_stand_in' in fused_vjp and '_t1 = 2 * v' not in fused_vjp,
                    same(jax.grad(lambda v: jnp.sum(jnp.cos(v * 3 - 1) * (v * 3 - 1) * 2))),
                ]
                """);
        for (int i = 0; i < result.getArraySize(); i++) {
            assertTrue(result.getArrayElement(i).asBoolean(), "check " + i);
        }
    }

    /**
     * Large arrays run through the SIMD kernels run by run, small ones through the compiled scalar
     * loop: the same chain over 20,000 elements at once and in pieces of 500 gives the same bits.
     */
    @Test
    void simdRunsEqualTheScalarLoopBitForBit() throws InterruptedException {
        SimdTest.awaitVectorKernels();
        Value result = context.eval("jaxon", """
                special = jnp.array([0.0, -0.0, jnp.inf, -jnp.inf, jnp.nan, 1e-40, -1e-40, 3e38, -3e38, 88.8, -87.8, 20.0, 0.0003])
                big = jnp.concatenate([jnp.linspace(-30.0, 30.0, 19987), special])
                b2 = jnp.flip(big)
                chains = [
                    lambda x, y: 1.05 * jnp.where(x > 0, x, 1.67 * jnp.exp(x) - 1.67),
                    lambda x, y: 2 * x + jnp.sin(x) * jnp.exp(-x * x) - 0.5,
                    lambda x, y: jnp.tanh(x) * y - jnp.log(jnp.abs(y)) / 3.0,
                    lambda x, y: jax.nn.sigmoid(x) + jnp.sqrt(jnp.abs(y)) - x * y,
                    lambda x, y: jnp.maximum(x, y) ** 3 + jnp.minimum(x, 2.0) ** -2 - 1 / y,
                    lambda x, y: jnp.where(x <= y, -x, jnp.square(y)) + jnp.where(x != 0.5, x, y) * 2,
                    lambda x, y: x - y * jnp.exp(-jnp.abs(y)) + jnp.where(x >= 1, jnp.where(y < 0, x, y), 7.0),
                ]
                def pieces(f):
                    g = jax.jit(f)
                    return jnp.concatenate([g(big[i:i + 500], b2[i:i + 500]) for i in range(0, big.shape[0], 500)])
                [bool(jnp.array_equal(jax.jit(f)(big, b2), pieces(f), equal_nan=True)) for f in chains]
                """);
        for (int i = 0; i < result.getArraySize(); i++) {
            assertTrue(result.getArrayElement(i).asBoolean(), "chain " + i);
        }
    }

    /**
     * A sum or mean at the end of a chain is one loop (jaxon.fused_sum: the values are reduced
     * run by run, in parallel, never stored) and equals jnp.sum / jnp.mean of the stored values
     * bit for bit, at lengths below, at and above YNNPACK's chunks, with and without a tail.
     */
    @Test
    void reductionsFuseWithTheirChain() throws InterruptedException {
        SimdTest.awaitVectorKernels();
        Value result = context.eval("jaxon", """
                def loss(x, y):
                    return jnp.mean((jnp.tanh(x) * y - 0.5) ** 2)
                def total(x, y):
                    return jnp.sum(2 * x + jnp.sin(x) * jnp.exp(-x * x) - y)
                checks = ['fused_sum' in jaxon.source(jax.jit(loss)), 'fused_sum' in jaxon.source(jax.jit(total))]
                for n in [100, 4095, 4096, 5000, 1024 * 64 * 3, 1024 * 64 * 3 + 17, 1000003]:
                    x = jnp.sin(jnp.arange(n, dtype=jnp.float32) * 0.37) * 3
                    y = jnp.cos(x)
                    stored_loss = jnp.mean(jax.jit(lambda u, v: (jnp.tanh(u) * v - 0.5) ** 2)(x, y))
                    stored_total = jnp.sum(jax.jit(lambda u, v: 2 * u + jnp.sin(u) * jnp.exp(-u * u) - v)(x, y))
                    checks.append(jax.jit(loss)(x, y).tolist() == stored_loss.tolist())
                    checks.append(jax.jit(total)(x, y).tolist() == stored_total.tolist())
                checks
                """);
        for (int i = 0; i < result.getArraySize(); i++) {
            assertTrue(result.getArrayElement(i).asBoolean(), "check " + i);
        }
    }
}
