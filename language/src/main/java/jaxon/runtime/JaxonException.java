package jaxon.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.ExceptionType;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.source.SourceSection;

/**
 * A raised Python exception travelling through Truffle frames. Its message is Python's last
 * traceback line ("ValueError: ..."); the launcher prints the frames above it.
 */
@ExportLibrary(InteropLibrary.class)
public final class JaxonException extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;

    public final PyBaseException value;
    private final SourceSection syntaxLocation;
    private final boolean incompleteSource;

    public JaxonException(PyBaseException value, Node location) {
        super(null, null, UNLIMITED_STACK_TRACE, location);
        this.value = value;
        this.syntaxLocation = null;
        this.incompleteSource = false;
    }

    private JaxonException(PyBaseException value, SourceSection syntaxLocation, boolean incomplete) {
        super(null, null, UNLIMITED_STACK_TRACE, null);
        this.value = value;
        this.syntaxLocation = syntaxLocation;
        this.incompleteSource = incomplete;
    }

    /** The same Python exception, raised at {@code node} (for errors raised from Java code without a node). */
    public JaxonException locatedAt(Node node) {
        return new JaxonException(value, node);
    }

    /** A SyntaxError found while parsing; {@code incomplete} when more input could complete it (REPL). */
    public static JaxonException syntaxError(String message, SourceSection where, boolean incomplete) {
        return syntaxError(PyExceptionType.SYNTAX_ERROR, message, where, incomplete);
    }

    public static JaxonException syntaxError(PyExceptionType type, String message, SourceSection where, boolean incomplete) {
        return new JaxonException(new PyBaseException(type, message), where, incomplete);
    }

    @Override
    @TruffleBoundary
    public String getMessage() {
        String s = value.str();
        return s.isEmpty() ? value.type.name : value.type.name + ": " + s;
    }

    @ExportMessage
    ExceptionType getExceptionType() {
        if (value.type.isSubclassOf(PyExceptionType.SYNTAX_ERROR)) {
            return ExceptionType.PARSE_ERROR;
        }
        return value.type == PyExceptionType.SYSTEM_EXIT ? ExceptionType.EXIT : ExceptionType.RUNTIME_ERROR;
    }

    @ExportMessage
    boolean isExceptionIncompleteSource() {
        return incompleteSource;
    }

    @ExportMessage
    int getExceptionExitStatus() {
        return value.args.size() > 0 && value.args.get(0) instanceof Long l ? l.intValue() : 0;
    }

    @ExportMessage
    boolean hasSourceLocation() {
        return syntaxLocation != null || getLocation() != null && getLocation().getEncapsulatingSourceSection() != null;
    }

    @ExportMessage(name = "getSourceLocation")
    @TruffleBoundary
    SourceSection sourceLocation() throws com.oracle.truffle.api.interop.UnsupportedMessageException {
        if (syntaxLocation != null) {
            return syntaxLocation;
        }
        SourceSection s = getLocation() == null ? null : getLocation().getEncapsulatingSourceSection();
        if (s == null) {
            throw com.oracle.truffle.api.interop.UnsupportedMessageException.create();
        }
        return s;
    }
}
