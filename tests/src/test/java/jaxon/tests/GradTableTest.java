package jaxon.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The grad op table: jax.grad(lambda x: jnp.sum(expr))(x) in Jaxon (float32) against float64
 * central finite differences of the same expression in NumPy, and whole programs using the rest
 * of the family (tests/tools/make_grad_table.py wrote tests/reference/grad_table.tsv).
 */
class GradTableTest {
    static final Path TABLE = Paths.get(System.getProperty("jaxon.reference", "reference"), "grad_table.tsv").toAbsolutePath();
    private static Context context;
    private static Context programs;

    @BeforeAll
    static void setUp() throws IOException {
        List<String> lines = Files.readAllLines(TABLE);
        String prelude = field(lines, "PRELUDE").replace("\\n", "\n");
        String x = field(lines, "X");
        context = Context.newBuilder("jaxon").option("engine.WarnInterpreterOnly", "false").build();
        context.eval("jaxon", "import jax\nimport jax.numpy as jnp\n" + prelude + "\nx0 = jnp.array(" + x + ")\n");
        programs = Context.newBuilder("jaxon").option("engine.WarnInterpreterOnly", "false").build();
        programs.eval("jaxon", "import jax\nimport jax.numpy as jnp\n" + field(lines, "PROGRAM_PRELUDE").replace("\\n", "\n"));
    }

    @AfterAll
    static void tearDown() {
        context.close();
        programs.close();
    }

    /** The op-table expressions (in x), shared by the grad, vmap and jit tables. */
    static List<String> expressions() throws IOException {
        return Files.readAllLines(TABLE).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank() && !l.matches("^(PRELUDE|X|PROGRAM_PRELUDE|PROGRAM)\t.*"))
                .map(l -> l.split("\t")[0])
                .toList();
    }

    /** The definitions the expressions use (constants c, w, r and functions with control flow). */
    static String prelude() throws IOException {
        return field(Files.readAllLines(TABLE), "PRELUDE").replace("\\n", "\n");
    }

    private static String field(List<String> lines, String name) {
        return lines.stream().filter(l -> l.startsWith(name + "\t")).findFirst().orElseThrow().substring(name.length() + 1);
    }

    @TestFactory
    Stream<DynamicTest> gradientsMatchFiniteDifferences() throws IOException {
        return Files.readAllLines(TABLE).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank() && !l.matches("^(PRELUDE|X|PROGRAM_PRELUDE|PROGRAM)\t.*"))
                .map(l -> {
                    String[] parts = l.split("\t");
                    return DynamicTest.dynamicTest(parts[0], () -> check(context, "jax.grad(lambda x: jnp.sum(" + parts[0] + "))(x0)", parts[1]));
                });
    }

    /** grad, value_and_grad, vjp, jvp, jacrev, jacfwd, hessian on whole programs, against finite differences. */
    @TestFactory
    Stream<DynamicTest> transformationsMatchFiniteDifferences() throws IOException {
        return Files.readAllLines(TABLE).stream()
                .filter(l -> l.startsWith("PROGRAM\t"))
                .map(l -> {
                    String[] parts = l.split("\t");
                    return DynamicTest.dynamicTest(parts[1], () -> check(programs, parts[1], parts[2]));
                });
    }

    private static void check(Context ctx, String program, String expectedText) {
        String[] expected = expectedText.split(" ");
        Value g = ctx.eval("jaxon", "jnp.ravel(jnp.asarray(" + program + "))");
        assertEquals(expected.length, g.getArraySize(), program);
        for (int i = 0; i < expected.length; i++) {
            double want = Double.parseDouble(expected[i]);
            double got = g.getArrayElement(i).asDouble();
            assertTrue(Math.abs(got - want) <= 2e-3 * Math.abs(want) + 2e-4, program + " [" + i + "]: expected " + want + ", got " + got);
        }
    }
}
