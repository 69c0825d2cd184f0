package jaxon.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;

/** Runs Jaxon code in a fresh context: the one place the launcher and the tests set a context up. */
public final class Runner implements AutoCloseable {
    public static final String LANGUAGE = "jaxon";

    private final Context context;
    private final OutputStream out;
    private final PrintStream err;

    public Runner(InputStream in, OutputStream out, OutputStream err) {
        this.out = out;
        this.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        this.context = Context.newBuilder(LANGUAGE)
                .in(in).out(out).err(err)
                .allowAllAccess(true)
                .option("engine.WarnInterpreterOnly", "false")
                .build();
    }

    /** The name of the Truffle runtime in use: "GraalVM CE" when the optimizing runtime is active. */
    public String engineName() {
        return context.getEngine().getImplementationName();
    }

    /** Runs a script file; returns the process exit status (0, 1 on an uncaught error, or SystemExit's). */
    public int runFile(String path) {
        Source source;
        try {
            source = Source.newBuilder(LANGUAGE, new File(path)).build();
        } catch (IOException e) {
            err.println("jaxon: can't open file '" + path + "': " + e.getMessage());
            return 2;
        }
        return run(source);
    }

    /** Runs code given on the command line (-c). */
    public int runCode(String code) {
        return run(Source.newBuilder(LANGUAGE, code, "<string>").buildLiteral());
    }

    public int run(Source source) {
        try {
            context.eval(source);
            return 0;
        } catch (PolyglotException e) {
            return report(e);
        }
    }

    /** Prints an uncaught exception as CPython does and returns the exit status it implies. */
    public int report(PolyglotException e) {
        if (e.isExit()) {
            return e.getExitStatus();
        }
        try {
            out.flush(); // the program's output comes before the traceback on a shared terminal
        } catch (IOException ignored) {
            // stdout is gone; the traceback still goes to stderr
        }
        err.print(Tracebacks.format(e));
        err.flush();
        return 1;
    }

    public Context context() {
        return context;
    }

    @Override
    public void close() {
        context.close(true);
    }
}
