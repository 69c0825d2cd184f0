package jaxon.runtime;

import com.oracle.truffle.api.interop.TruffleObject;

/** An instance of a Python exception class: its type and its args. */
public final class PyBaseException implements TruffleObject {
    public final PyExceptionType type;
    public final PTuple args;

    public PyBaseException(PyExceptionType type, PTuple args) {
        this.type = type;
        this.args = args;
    }

    public PyBaseException(PyExceptionType type, String message) {
        this(type, PTuple.of(message));
    }

    /** str(e), as Python computes it. */
    public String str() {
        if (args.size() == 0) {
            return "";
        }
        if (args.size() == 1) {
            return type.isSubclassOf(PyExceptionType.KEY_ERROR) ? PyObjects.repr(args.get(0)) : PyObjects.str(args.get(0));
        }
        return PyObjects.repr(args);
    }

    @Override
    public String toString() {
        return type.name + "(" + (args.size() == 1 ? PyObjects.repr(args.get(0)) : PyObjects.repr(args).replaceAll("^\\(|,?\\)$", "")) + ")";
    }
}
