package jaxon.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The vmap op table: for every expression of the grad table (tests/reference/grad_table.tsv), and
 * for several in_axes/out_axes, vmap(lambda x: expr) over a batch equals stacking the expression
 * over the slices, computed example by example. The one case whose control flow depends on the
 * batched value must raise vmap's error instead.
 */
class VmapTableTest {
    private static Context context;

    /** Expressions that branch on a batched value: vmap must refuse them with a clear error. */
    private static final List<String> BRANCHING = List.of("branch_fn(x)", "early_return_fn(x)");

    @BeforeAll
    static void setUp() throws IOException {
        List<String> lines = Files.readAllLines(GradTableTest.TABLE);
        String prelude = lines.stream().filter(l -> l.startsWith("PRELUDE\t")).findFirst().orElseThrow().substring(8).replace("\\n", "\n");
        context = Context.newBuilder("jaxon").option("engine.WarnInterpreterOnly", "false").build();
        context.eval("jaxon", """
                import jax
                import jax.numpy as jnp
                """ + prelude + """

                batch = (jnp.arange(24.0).reshape(4, 2, 3) + 1.5) / 26
                batch = batch.at[1].set(batch[1][::-1])

                def check(f, in_axis, out_axis):
                    moved = jnp.moveaxis(batch, 0, in_axis)
                    got = jax.vmap(f, in_axes=in_axis, out_axes=out_axis)(moved)
                    want = jnp.moveaxis(jnp.stack([f(batch[i]) for i in range(4)]), 0, out_axis)
                    assert got.shape == want.shape, (got.shape, want.shape)
                    same_nan = jnp.isnan(got) & jnp.isnan(want)
                    return jnp.max(jnp.where(same_nan, 0.0, jnp.abs(got - want) / (1e-3 + jnp.abs(want))))
                """);
    }

    @AfterAll
    static void tearDown() {
        context.close();
    }

    @TestFactory
    Stream<DynamicTest> vmapEqualsPerSliceLoop() throws IOException {
        return Files.readAllLines(GradTableTest.TABLE).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank() && !l.matches("^(PRELUDE|X|PROGRAM_PRELUDE|PROGRAM)\t.*"))
                .map(l -> l.split("\t")[0])
                .flatMap(expr -> Stream.of(new int[]{0, 0}, new int[]{1, 0}, new int[]{2, -1})
                        .map(axes -> DynamicTest.dynamicTest(expr + " in_axes=" + axes[0] + " out_axes=" + axes[1], () -> check(expr, axes[0], axes[1]))));
    }

    private static void check(String expr, int inAxis, int outAxis) {
        String program = "float(check(lambda x: jnp.asarray(" + expr + "), " + inAxis + ", " + outAxis + "))";
        if (BRANCHING.contains(expr)) {
            PolyglotException e = org.junit.jupiter.api.Assertions.assertThrows(PolyglotException.class, () -> context.eval("jaxon", program));
            assertTrue(e.getMessage().contains("depends on the batched value"), e.getMessage());
            return;
        }
        Value error = context.eval("jaxon", program);
        assertEquals(0.0, error.asDouble(), 1e-5, program);
    }
}
