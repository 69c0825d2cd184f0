package jaxon.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import jaxon.launcher.Runner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every program under tests/golden (files starting with '_' are helper modules) and compares
 * its stdout, then stderr, then "[exit N]" for a non-zero status, with NAME.out. The expected
 * outputs come from running the same programs in CPython with real JAX or NumPy
 * (tests/tools/make_golden.py).
 */
class GoldenTest {
    static final Path GOLDEN = Paths.get(System.getProperty("jaxon.golden", "golden")).toAbsolutePath();
    /** The examples whose expected output is known (NAME.out beside NAME.jx) are golden programs too. */
    static final Path EXAMPLES = GOLDEN.resolve("../../examples").normalize();
    /** An IPython %timeit line: the numbers vary from run to run, so both sides show this instead. */
    private static final java.util.regex.Pattern TIMING = java.util.regex.Pattern.compile(
            "(?m)^[0-9.]+ (ns|µs|ms|s) ± [0-9.]+ (ns|µs|ms|s) per loop \\(mean ± std\\. dev\\. of [0-9]+ runs?, [0-9,]+ loops? each\\)$");

    @TestFactory
    Stream<DynamicTest> examples() throws IOException {
        return Files.list(EXAMPLES)
                .filter(p -> p.toString().endsWith(".jx") && Files.exists(Paths.get(p.toString().replaceAll("\\.jx$", ".out"))))
                .sorted()
                .map(p -> DynamicTest.dynamicTest("examples/" + p.getFileName(), () -> check(p)));
    }

    @TestFactory
    Stream<DynamicTest> goldenPrograms() throws IOException {
        return Files.walk(GOLDEN)
                .filter(p -> p.toString().endsWith(".jx") && !p.getFileName().toString().startsWith("_"))
                .sorted()
                .map(p -> DynamicTest.dynamicTest(GOLDEN.relativize(p).toString(), () -> check(p)));
    }

    private static void check(Path program) throws IOException {
        Path expectedFile = Paths.get(program.toString().replaceAll("\\.jx$", ".out"));
        // A program whose output only real JAX can give waits, visibly skipped, for its reference.
        Assumptions.assumeTrue(Files.exists(expectedFile) || !Files.readString(program).contains("# golden: needs-real-jax"),
                "needs its reference output from real JAX (tests/tools/make_golden.py where `import jax` works)");
        String expected = maskTimings(Files.readString(expectedFile, StandardCharsets.UTF_8));
        String actual = maskTimings(run(program));
        if (Files.readString(program).contains(FLOAT_TOLERANCE) && sameUpToLastDigits(expected, actual)) {
            return;
        }
        assertEquals(expected, actual, "output of " + program.getFileName());
    }

    /**
     * Marks a program whose printed floats may differ from JAX's in the last digits (higher-order
     * derivatives and jitted training steps, where XLA's fusion decides the rounding): its output
     * must equal the reference token by token, numbers within a relative 1e-6.
     */
    static final String FLOAT_TOLERANCE = "# golden: float-tolerance";

    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[\\[\\](),]|[^\\s\\[\\](),]+");

    static boolean sameUpToLastDigits(String expected, String actual) {
        java.util.regex.Matcher e = TOKEN.matcher(expected);
        java.util.regex.Matcher a = TOKEN.matcher(actual);
        while (e.find()) {
            if (!a.find()) {
                return false;
            }
            String x = e.group();
            String y = a.group();
            if (!x.equals(y) && !closeNumbers(x, y)) {
                return false;
            }
        }
        return !a.find();
    }

    private static boolean closeNumbers(String x, String y) {
        try {
            double p = Double.parseDouble(x);
            double q = Double.parseDouble(y);
            return Math.abs(p - q) <= 1e-6 * Math.max(Math.abs(p), Math.abs(q)) + 1e-12;
        } catch (NumberFormatException notNumbers) {
            return false;
        }
    }

    static String run(Path program) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try (Runner runner = new Runner(new ByteArrayInputStream(new byte[0]), out, err)) {
            status = runner.runFile(program.toString());
        }
        String text = out.toString(StandardCharsets.UTF_8) + normalizePaths(err.toString(StandardCharsets.UTF_8));
        return status == 0 ? text : text + "[exit " + status + "]\n";
    }

    static String maskTimings(String text) {
        return TIMING.matcher(text).replaceAll("<timing>");
    }

    /** Tracebacks name files by their base name, as the reference outputs do. */
    private static String normalizePaths(String text) {
        return text.replaceAll("File \"[^\"]*[/\\\\]([^\"/\\\\]+)\"", "File \"$1\"");
    }
}
