package jaxon.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;

/** The jaxon command: run a file, run -c code, or start a REPL. */
public final class JaxonMain {
    private static final String USAGE = """
            usage: jaxon [option] ... [-c cmd | file] [arg] ...
              file      run a Jaxon script (.jx)
              -c cmd    run the code in cmd
              (none)    start an interactive session (REPL)
              --version print the version
              --help    print this help""";

    private JaxonMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length > 0) {
            switch (args[0]) {
                case "--help", "-h":
                    System.out.println(USAGE);
                    return 0;
                case "--version", "-V":
                    System.out.println("Jaxon 0.1.0 (Python 3.11 syntax, JAX 0.11 semantics)");
                    return 0;
                case "-c":
                    if (args.length < 2) {
                        System.err.println("Argument expected for the -c option");
                        return 2;
                    }
                    try (Runner runner = new Runner(System.in, System.out, System.err)) {
                        return runner.runCode(args[1]);
                    }
                default:
                    if (args[0].startsWith("-")) {
                        System.err.println("jaxon: unknown option " + args[0] + "\n" + USAGE);
                        return 2;
                    }
                    try (Runner runner = new Runner(System.in, System.out, System.err)) {
                        return runner.runFile(args[0]);
                    }
            }
        }
        return repl();
    }

    /**
     * Python's REPL rules: a statement that opens a block (or any incomplete input) reads more lines
     * with "... " until a blank line; expression values are echoed; errors do not end the session.
     */
    private static int repl() {
        boolean tty = System.console() != null;
        PrintStream out = System.out;
        try (Runner runner = new Runner(System.in, System.out, System.err)) {
            if (tty) {
                out.println("Jaxon 0.1.0 — JAX on the JVM (" + runner.engineName() + "). Ctrl-D to exit.");
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            StringBuilder buffer = new StringBuilder();
            boolean block = false;
            while (true) {
                if (tty) {
                    out.print(buffer.isEmpty() ? ">>> " : "... ");
                    out.flush();
                }
                String line = in.readLine();
                if (line == null) {
                    if (!buffer.isEmpty()) {
                        evaluate(runner, buffer.toString());
                    }
                    if (tty) {
                        out.println();
                    }
                    return 0;
                }
                if (buffer.isEmpty() && line.isBlank()) {
                    continue;
                }
                buffer.append(line).append('\n');
                if (block) {
                    if (!line.isBlank()) {
                        continue;
                    }
                } else if (line.stripTrailing().endsWith(":")) {
                    block = true;
                    continue;
                }
                if (evaluate(runner, buffer.toString()) == Status.INCOMPLETE && !line.isBlank()) {
                    continue;
                }
                buffer.setLength(0);
                block = false;
            }
        } catch (IOException e) {
            System.err.println("jaxon: " + e.getMessage());
            return 1;
        }
    }

    private enum Status { DONE, INCOMPLETE }

    private static Status evaluate(Runner runner, String code) {
        Source source = Source.newBuilder(Runner.LANGUAGE, code, "<stdin>").interactive(true).buildLiteral();
        try {
            runner.context().eval(source);
        } catch (PolyglotException e) {
            if (e.isIncompleteSource()) {
                return Status.INCOMPLETE;
            }
            if (e.isExit()) {
                System.exit(e.getExitStatus());
            }
            runner.report(e);
        }
        return Status.DONE;
    }
}
