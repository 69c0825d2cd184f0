package jaxon;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleFile;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.TruffleLanguage.ContextReference;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.source.Source;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import jaxon.builtins.Modules;
import jaxon.builtins.PythonBuiltins;
import jaxon.runtime.Errors;
import jaxon.runtime.PModule;
import jaxon.runtime.PNone;
import jaxon.runtime.PyExceptionType;

/** The state of one Jaxon context: output streams, the builtins, and the loaded modules. */
public final class JaxonContext {
    private static final ContextReference<JaxonContext> REFERENCE = ContextReference.create(JaxonLanguage.class);

    public final TruffleLanguage.Env env;
    public final JaxonLanguage language;
    public final PModule builtins;
    public final PModule mainModule;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, PModule> modules = new HashMap<>();
    /** Directory of the script being run: user modules are looked up there. */
    private TruffleFile scriptDirectory;

    JaxonContext(JaxonLanguage language, TruffleLanguage.Env env) {
        this.language = language;
        this.env = env;
        this.out = new PrintStream(env.out(), false, StandardCharsets.UTF_8);
        this.err = new PrintStream(env.err(), false, StandardCharsets.UTF_8);
        this.builtins = PythonBuiltins.create();
        this.mainModule = new PModule("__main__");
        mainModule.put("__name__", "__main__");
    }

    public static JaxonContext get(Node node) {
        return REFERENCE.get(node);
    }

    /** print(): to stdout, or to stderr when file is sys.stderr. */
    @TruffleBoundary
    public void write(String text, Object file) {
        PrintStream target = file == Modules.STDERR ? err : out;
        target.print(text);
        target.flush();
    }

    public OutputStream stdout() {
        return out;
    }

    void noteScript(Source source) {
        if (scriptDirectory == null && source.getPath() != null) {
            TruffleFile f = env.getPublicTruffleFile(source.getPath());
            scriptDirectory = f.getAbsoluteFile().getParent();
        }
    }

    /**
     * import name: Java builtin modules first (jax, jax.numpy, math, ...), then modules written in
     * Jaxon shipped in stdlib/, then NAME.jx beside the running script. Parents are imported first.
     */
    @TruffleBoundary
    public PModule importModule(String name) {
        PModule m = modules.get(name);
        if (m != null) {
            return m;
        }
        int dot = name.lastIndexOf('.');
        PModule parent = dot < 0 ? null : importModule(name.substring(0, dot));
        if (parent != null && parent.get(name.substring(dot + 1)) instanceof PModule sub) {
            modules.put(name, sub);
            return sub;
        }
        Supplier<PModule> builtin = Modules.builtinModule(name);
        m = builtin != null ? builtin.get() : new PModule(name);
        m.put("__name__", name);
        modules.put(name, m);
        Source source = findSource(name);
        if (builtin == null && source == null) {
            modules.remove(name);
            throw Errors.raise(PyExceptionType.MODULE_NOT_FOUND_ERROR, "No module named '" + name + "'");
        }
        if (source != null) {
            CallTarget target = env.parsePublic(source);
            target.call(m);
        }
        if (parent != null) {
            parent.put(name.substring(dot + 1), m);
        }
        for (String sub : Modules.autoImported(name)) {
            importModule(name + "." + sub);
        }
        return m;
    }

    private Source findSource(String name) {
        String path = name.replace('.', '/') + ".jx";
        try (InputStream in = JaxonLanguage.class.getResourceAsStream("/jaxon/stdlib/" + path)) {
            if (in != null) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return Source.newBuilder(JaxonLanguage.ID, text, "<stdlib>/" + path).build();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (scriptDirectory != null) {
            TruffleFile f = scriptDirectory.resolve(path);
            if (f.exists()) {
                try {
                    return Source.newBuilder(JaxonLanguage.ID, f).build();
                } catch (IOException e) {
                    throw Errors.raise(PyExceptionType.IMPORT_ERROR, "cannot read " + f.getPath() + ": " + e.getMessage());
                }
            }
        }
        return null;
    }

    static Object none() {
        return PNone.NONE;
    }
}
