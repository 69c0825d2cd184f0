package jaxon.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The errors of jax.numpy functions and transformations that golden programs do not reach: the
 * exception type and the whole message. Where JAX has the error, the wording is JAX's
 * (jax/_src/numpy: select, piecewise, the reductions' where mask); the rest say what Jaxon does
 * not support and where.
 */
class ErrorMessagesTest {
    private static Context context;

    @BeforeAll
    static void setUp() {
        context = Context.newBuilder("jaxon").option("engine.WarnInterpreterOnly", "false").build();
        context.eval("jaxon", """
                import jax
                import jax.numpy as jnp
                M = jnp.arange(6.0).reshape(3, 2)
                """);
    }

    @AfterAll
    static void tearDown() {
        context.close();
    }

    /** Program, then the expected "Type: message". */
    private static final String[][] CASES = {
        {"jnp.select([M > 0], [M, M])", "ValueError: condlist must have length equal to choicelist (1 vs 2)"},
        {"jnp.select([], [])", "ValueError: condlist must be non-empty"},
        {"jnp.piecewise(M, [M > 0], [1.0, 2.0, 3.0])", "ValueError: with 1 condition(s), either 1 or 2 functions are expected; got 3"},
        {"jnp.array_split(M, 0)", "ValueError: number sections must be larger than 0."},
        {"jnp.vander(M)", "ValueError: x must be a one-dimensional array"},
        {"jnp.vectorize(jnp.sin, signature='()->()')(M)", "NotImplementedError: jnp.vectorize with a signature is not supported yet"},
        {"jnp.max(M, where=M > 1)",
            "ValueError: reduction operation max does not have an identity, so to use a where mask one has to specify 'initial'"},
        {"jnp.min(M, axis=0, where=M > 1)",
            "ValueError: reduction operation min does not have an identity, so to use a where mask one has to specify 'initial'"},
        {"jnp.moveaxis(M, (0, 1), (1,))", "ValueError: Inconsistent number of elements: 2 vs 1"},
        {"jax.grad(lambda v: jnp.max(v, where=v > 1, initial=0.0))(M[0])",
            "NotImplementedError: differentiating jnp.max with where= or initial= is not supported yet"},
        {"jax.grad(lambda v: jnp.prod(v, initial=2.0))(M[0])",
            "NotImplementedError: differentiating jnp.prod with where= or initial= is not supported yet"},
        {"jax.vmap(lambda d: d['a'], in_axes=({'b': 0},))({'a': M})",
            "ValueError: vmap in_axes specification must be a tree prefix of the corresponding value, got specification {'b': 0} "
                + "for value tree {'a': Array([[0., 1.],\n       [2., 3.],\n       [4., 5.]], dtype=float32)}."},
        {"jax.vmap(lambda d: d['a'], in_axes=({'a': None},))({'a': M})", "ValueError: vmap must have at least one non-None value in in_axes"},
        {"def reversed_rows(v):\n    xs = [v[0], v[1]]\n    xs.reverse()\n    return xs[0]\njax.vmap(reversed_rows)(M)",
            "ValueError: vmap of this in-place update of a batched value is not supported yet; build a new value instead (Unnamed, line 3)"},
        {"def placed(v):\n    xs = [0.0, 0.0, 0.0]\n    xs[jnp.argmax(v)] = v[0]\n    return xs[0]\njax.vmap(placed)(M)",
            "ValueError: vmap: an item assignment whose index is batched is not supported; use .at[].set (Unnamed, line 3)"},
    };

    @TestFactory
    Stream<DynamicTest> errorsSayWhatWentWrong() {
        return Stream.of(CASES).map(c -> DynamicTest.dynamicTest(c[0], () -> {
            PolyglotException e = assertThrows(PolyglotException.class, () -> context.eval("jaxon", c[0]));
            assertEquals(c[1], e.getMessage());
        }));
    }
}
