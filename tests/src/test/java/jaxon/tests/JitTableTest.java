package jaxon.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.stream.Stream;
import org.graalvm.polyglot.Context;
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
}
