package jaxon;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.source.Source;
import com.oracle.truffle.api.source.SourceSection;
import jaxon.ast.Module;
import jaxon.nodes.FunctionNodes;
import jaxon.nodes.Translator;
import jaxon.parser.ParseError;
import jaxon.parser.Parser;
import jaxon.runtime.JaxonException;
import jaxon.runtime.PyExceptionType;

/** Jaxon: a JAX-style array language with Python syntax. */
@TruffleLanguage.Registration(id = JaxonLanguage.ID, name = "Jaxon", defaultMimeType = JaxonLanguage.MIME,
        characterMimeTypes = JaxonLanguage.MIME, website = "https://github.com/jaxon-lang/jaxon",
        contextPolicy = TruffleLanguage.ContextPolicy.SHARED, fileTypeDetectors = JaxonFileDetector.class)
public final class JaxonLanguage extends TruffleLanguage<JaxonContext> {
    public static final String ID = "jaxon";
    public static final String MIME = "application/x-jaxon";

    @Override
    protected JaxonContext createContext(Env env) {
        return new JaxonContext(this, env);
    }

    @Override
    protected CallTarget parse(ParsingRequest request) {
        Source source = request.getSource();
        Module module = parse(source);
        JaxonContext.get(null).noteScript(source);
        CallTarget moduleCode = new Translator(this, source, source.isInteractive()).translateModule(module);
        // Called by an import with the module to fill, or by Context.eval with nothing (then: __main__).
        return new FunctionNodes.MainRoot(this, (com.oracle.truffle.api.RootCallTarget) moduleCode).getCallTarget();
    }

    /** Parses a whole source; syntax errors become Python SyntaxErrors located in the source. */
    public static Module parse(Source source) {
        try {
            return Parser.parse(source.getCharacters().toString(), source.getName());
        } catch (ParseError e) {
            int offset = Math.max(0, Math.min(e.offset, source.getLength()));
            SourceSection where = source.getLength() == 0 ? source.createUnavailableSection() : source.createSection(Math.min(offset, source.getLength() - 1), offset < source.getLength() ? 1 : 0);
            PyExceptionType type = e.kind.equals("IndentationError") ? PyExceptionType.INDENTATION_ERROR : PyExceptionType.SYNTAX_ERROR;
            throw JaxonException.syntaxError(type, e.getMessage(), where, e.incomplete);
        }
    }

    /** The REPL's echo is done by the expression statements themselves (ExprStmt), as Python does. */
    @Override
    protected boolean isVisible(JaxonContext context, Object value) {
        return false;
    }

    @Override
    protected Object getScope(JaxonContext context) {
        return context.mainModule;
    }

    @Override
    protected boolean isThreadAccessAllowed(Thread thread, boolean singleThreaded) {
        return true;
    }
}
