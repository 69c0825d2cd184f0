package jaxon.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/** Jaxon used from Java and from JavaScript through the polyglot API. */
class EmbeddingTest {
    private static final String SCALE = """
            import jax.numpy as jnp

            def scale(x, factor):
                return jnp.asarray(x, dtype=jnp.float32) * factor
            """;

    private static Context context(String... languages) {
        return Context.newBuilder(languages).allowAllAccess(true).option("engine.WarnInterpreterOnly", "false").build();
    }

    @Test
    void evalReturnsTheLastExpression() {
        try (Context ctx = context("jaxon")) {
            assertEquals(3, ctx.eval("jaxon", "x = 1\nx + 2").asInt());
            assertEquals("abc", ctx.eval("jaxon", "'ab' + 'c'").asString());
        }
    }

    @Test
    void javaCallsAJaxonFunctionAndReadsTheArray() {
        try (Context ctx = context("jaxon")) {
            ctx.eval("jaxon", SCALE);
            Value scale = ctx.getBindings("jaxon").getMember("scale");
            Value result = scale.execute(new double[]{1, 2, 3}, 2);
            assertTrue(result.hasArrayElements());
            assertEquals(3, result.getArraySize());
            assertEquals(6.0, result.getArrayElement(2).asDouble());
            assertEquals("float32", result.getMember("dtype").asString());
            assertEquals(3, result.getMember("shape").getArrayElement(0).asInt());
            assertTrue(result.hasBufferElements());
            assertEquals(12, result.getBufferSize());
            assertEquals(4.0f, result.readBufferFloat(ByteOrder.LITTLE_ENDIAN, 4));
        }
    }

    @Test
    void matrixRowsAreArrays() {
        try (Context ctx = context("jaxon")) {
            Value m = ctx.eval("jaxon", "import jax.numpy as jnp\njnp.array([[1, 2], [3, 4]])");
            assertEquals(2, m.getArraySize());
            assertEquals(4, m.getArrayElement(1).getArrayElement(1).asInt());
            assertEquals("int32", m.getMember("dtype").asString());
        }
    }

    @Test
    void javaScriptCallsAJaxonFunction() {
        try (Context ctx = context("jaxon", "js")) {
            ctx.eval("jaxon", SCALE);
            ctx.getBindings("js").putMember("scale", ctx.getBindings("jaxon").getMember("scale"));
            Value r = ctx.eval("js", "const r = scale([1.5, 2.5], 4); [r.length, r[0], r[1], r.shape[0], r.dtype]");
            assertEquals(2, r.getArrayElement(0).asInt());
            assertEquals(6.0, r.getArrayElement(1).asDouble());
            assertEquals(10.0, r.getArrayElement(2).asDouble());
            assertEquals(2, r.getArrayElement(3).asInt());
            assertEquals("float32", r.getArrayElement(4).asString());
        }
    }

    @Test
    void timeitCallsTheFunctionAndPrintsIPythonsLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Context ctx = Context.newBuilder("jaxon").out(out).option("engine.WarnInterpreterOnly", "false").build()) {
            Value calls = ctx.eval("jaxon", """
                    import jaxon
                    calls = []
                    jaxon.timeit(lambda a, b: calls.append(a + b), 1, 2, number=4, repeat=3)
                    calls
                    """);
            assertEquals(12, calls.getArraySize());
            assertEquals(3, calls.getArrayElement(11).asInt());
        }
        String line = out.toString(StandardCharsets.UTF_8);
        assertTrue(line.matches("[0-9.]+ (ns|\u00b5s|ms|s) \u00b1 [0-9.]+ (ns|\u00b5s|ms|s) per loop "
                + "\\(mean \u00b1 std\\. dev\\. of 3 runs, 4 loops each\\)\n"), line);
    }

    @Test
    void errorsArePythonExceptions() {
        try (Context ctx = context("jaxon")) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> ctx.eval("jaxon", "1 / 0"));
            assertEquals("ZeroDivisionError: division by zero", e.getMessage());
            assertTrue(e.isGuestException());
            PolyglotException s = assertThrows(PolyglotException.class, () -> ctx.eval("jaxon", "x = )"));
            assertTrue(s.isSyntaxError());
        }
    }
}
