package jaxon.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
 * over the slices, computed example by example (ifs on per-example values become selects).
 */
class VmapTableTest {
    private static Context context;


    @BeforeAll
    static void setUp() throws IOException {
        String prelude = GradTableTest.prelude();
        context = Context.newBuilder("jaxon").option("engine.WarnInterpreterOnly", "false").build();
        context.eval("jaxon", """
                import functools
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

    /** Whole programs: vmap composed with itself and with grad, pytrees, keys; each against the loop it replaces. */
    private static final String[][] PROGRAMS = {
        {"jax.vmap(jax.vmap(lambda a: jnp.sin(a) * a.sum()))(B3)", "jnp.stack([jnp.stack([jnp.sin(a) * a.sum() for a in b]) for b in B3])"},
        {"jax.vmap(jax.grad(lambda v: jnp.sum(jnp.tanh(v) * v)))(M)", "jnp.stack([jax.grad(lambda v: jnp.sum(jnp.tanh(v) * v))(m) for m in M])"},
        {"jax.grad(lambda w: jnp.sum(jax.vmap(model, in_axes=(None, 0))(w, M)))(w0)",
            "sum([jax.grad(lambda w: jnp.sum(model(w, m)))(w0) for m in M])"},
        {"jax.vmap(lambda v: model(w0, v))(M)", "jnp.stack([model(w0, m) for m in M])"},
        {"jax.vmap(lambda v: (v * 2, {'s': jnp.sum(v)}))(M)[1]['s']", "jnp.stack([jnp.sum(m) for m in M])"},
        {"jax.vmap(lambda v: (v * 2, {'s': jnp.sum(v)}))(M)[0]", "M * 2"},
        {"jax.vmap(lambda a, b: a * b + 1, in_axes=(None, 1), out_axes=1)(r, M.T)", "jnp.stack([r * m + 1 for m in M]).T"},
        {"jax.vmap(lambda p: p['a'] * p['b'])({'a': M, 'b': M * 3})", "jnp.stack([m * m * 3 for m in M])"},
        {"jax.vmap(lambda k: jax.random.normal(k, (3,)))(jax.random.split(jax.random.PRNGKey(0), 4))",
            "jnp.stack([jax.random.normal(k, (3,)) for k in jax.random.split(jax.random.PRNGKey(0), 4)])"},
        {"jax.vmap(jax.vmap(lambda a, b: jnp.dot(a, b), in_axes=(0, None)), in_axes=(None, 0))(M, M)",
            "jnp.stack([jnp.stack([jnp.dot(a, b) for a in M]) for b in M])"},
        {"jax.vmap(lambda v: jax.nn.softmax(v) @ w)(M)", "jnp.stack([jax.nn.softmax(m) @ w for m in M])"},
        {"jax.vmap(jax.jit(lambda x: jnp.sin(x) * 2 + 1))(M)", "jnp.stack([jnp.sin(m) * 2 + 1 for m in M])"},
        {"jax.jit(jax.vmap(lambda x: jnp.sum(x * x)))(M)", "jnp.stack([jnp.sum(m * m) for m in M])"},
        {"jax.vmap(with_default)(M)", "jnp.stack([with_default(m) for m in M])"},
        {"jax.jit(jax.grad(lambda x: jnp.sum(jnp.tanh(x))))(w0)", "jax.grad(lambda x: jnp.sum(jnp.tanh(x)))(w0)"},
        {"jax.grad(jax.jit(lambda x: jnp.sum(jnp.tanh(x))))(w0)", "jax.grad(lambda x: jnp.sum(jnp.tanh(x)))(w0)"},
        {"jax.grad(lambda w: jnp.sum(batched_nested(w, M)))(w0)", "sum([jax.grad(lambda w: nested(w, m))(w0) for m in M])"},
        {"jax.jit(jax.grad(lambda w: jnp.sum(batched_nested(w, M))))(w0)", "sum([jax.grad(lambda w: nested(w, m))(w0) for m in M])"},
        {"jax.vmap(functools.partial(model, w0))(M)", "jnp.stack([model(w0, m) for m in M])"},
        {"jax.vmap(appended)(M)", "jnp.stack([appended(m) for m in M])"},
        {"jax.vmap(lambda p, x: p['w'] * x + p['b'], in_axes=({'w': None, 'b': 0}, 0))({'w': w0, 'b': M[:, 0]}, M)",
            "jnp.stack([w0 * M[i] + M[i, 0] for i in range(4)])"},
        {"jax.vmap(lambda t: t[0] * t[1], in_axes=((0, 1),))((M, M.T))", "jnp.stack([m * m for m in M])"},
        {"jax.vmap(jnp.vdot, in_axes=(0, None))(B3, B3[0])", "jnp.stack([jnp.vdot(b, B3[0]) for b in B3])"},
        {"jax.vmap(lambda v: jnp.sum(v, where=v > 0.3))(M)", "jnp.stack([jnp.sum(m, where=m > 0.3) for m in M])"},
        {"jax.vmap(lambda v: jnp.max(v, where=v < 0.5, initial=-1.0))(M)", "jnp.stack([jnp.max(m, where=m < 0.5, initial=-1.0) for m in M])"},
        {"jax.vmap(lambda v: jnp.mean(w0, where=v > 0.1))(M)", "jnp.stack([jnp.mean(w0, where=m > 0.1) for m in M])"},
        {"jax.vmap(lambda b: jnp.sum(b, axis=1, where=jnp.array([True, False, True]), initial=2.0))(B3)",
            "jnp.stack([jnp.sum(b, axis=1, where=jnp.array([True, False, True]), initial=2.0) for b in B3])"},
        {"jax.vmap(item_assigned)(M)", "jnp.stack([item_assigned(m) for m in M])"},
        {"jax.vmap(lambda v: tuple([v, v * 2])[1])(M)", "M * 2"},
        {"jax.vmap(functools.partial(with_default, shift=-2.0), in_axes=(0, None))(M, 3.0)",
            "jnp.stack([with_default(m, 3.0, shift=-2.0) for m in M])"},
        {"jnp.vectorize(lambda a, b: jnp.where(a > b, a - b, a * b))(M, w0)",
            "jnp.stack([jnp.stack([jnp.where(a > b, a - b, a * b) for a, b in zip(m, w0)]) for m in M])"},
        {"jnp.vectorize(lambda a, n: a ** n, excluded=(1,))(M, 3)", "jnp.stack([jnp.stack([a ** 3 for a in m]) for m in M])"},
        {"jnp.apply_along_axis(lambda v: jnp.sum(jnp.sin(v)) * v, 1, M)", "jnp.stack([jnp.sum(jnp.sin(m)) * m for m in M])"},
        {"jnp.apply_along_axis(lambda v, s: jnp.max(v) * s, 0, M, 2.0)", "jnp.stack([jnp.max(M[:, j]) * 2.0 for j in range(3)])"},
        {"jnp.apply_along_axis(lambda v: v[::-1], 1, B3)", "jnp.stack([jnp.stack([bb[:, k][::-1] for k in range(3)], axis=1) for bb in B3])"},
        {"jnp.apply_along_axis(lambda v: v[::-1], -1, B3)", "jnp.stack([jnp.stack([b[::-1] for b in bb]) for bb in B3])"},
    };

    @TestFactory
    Stream<DynamicTest> programsEqualTheirLoops() {
        context.eval("jaxon", """
                M = batch[:, 0, :]
                B3 = batch
                w0 = jnp.array([0.5, -1.0, 2.0])

                def model(w, v):
                    return jnp.tanh(v * w) @ w

                def with_default(x, scale=2.0, *, shift=1.0):
                    return jnp.sum(x * scale + shift)

                def nested(w, v):
                    return jax.scipy.special.logsumexp(jax.nn.relu(v * w) - w)

                def appended(v):
                    parts = [1.0]
                    for i in range(2):
                        parts.append(v[i] * 2)
                    parts.insert(0, jnp.sin(v[2]))
                    parts.extend([5.0, v[0]])
                    return jnp.stack(parts)

                def item_assigned(v):
                    xs = [0.5, 0.0]
                    xs[1] = v[1]
                    d = {}
                    d['a'] = v[0] * 2
                    return xs[1] * 3 + xs[0] + d['a']

                # a global vmapped function whose batched code calls other Jaxon functions, under grad
                batched_nested = jax.vmap(nested, in_axes=(None, 0))
                """);
        return Stream.of(PROGRAMS).map(p -> DynamicTest.dynamicTest(p[0], () -> {
            Value error = context.eval("jaxon", "float(jnp.max(jnp.abs(jnp.asarray(" + p[0] + ") - jnp.asarray(" + p[1] + "))))");
            assertEquals(0.0, error.asDouble(), 1e-5, p[0]);
        }));
    }

    /** An if on a per-example value whose branch does more than assign cannot be a select: vmap's error names the value. */
    @org.junit.jupiter.api.Test
    void branchWithSideEffectsIsRefused() {
        context.eval("jaxon", """
                def noisy(v):
                    if jnp.sum(v) > 1:
                        print("big")
                    return v
                """);
        PolyglotException e = org.junit.jupiter.api.Assertions.assertThrows(PolyglotException.class,
                () -> context.eval("jaxon", "jax.vmap(noisy)(batch)"));
        assertTrue(e.getMessage().contains("depends on the batched value 'v'"), e.getMessage());
    }

    @AfterAll
    static void tearDown() {
        context.close();
    }

    @TestFactory
    Stream<DynamicTest> vmapEqualsPerSliceLoop() throws IOException {
        return GradTableTest.expressions().stream()
                .flatMap(expr -> Stream.of(new int[]{0, 0}, new int[]{1, 0}, new int[]{2, -1})
                        .map(axes -> DynamicTest.dynamicTest(expr + " in_axes=" + axes[0] + " out_axes=" + axes[1], () -> check(expr, axes[0], axes[1]))));
    }

    private static void check(String expr, int inAxis, int outAxis) {
        String program = "float(check(lambda x: jnp.asarray(" + expr + "), " + inAxis + ", " + outAxis + "))";
        Value error = context.eval("jaxon", program);
        assertEquals(0.0, error.asDouble(), 1e-5, program);
    }
}
