package jaxon.runtime;

import com.oracle.truffle.api.interop.TruffleObject;
import java.util.LinkedHashMap;
import java.util.Map;

/** A Python exception class (ValueError, ...). Calling it makes an instance. */
public final class PyExceptionType implements TruffleObject {
    private static final Map<String, PyExceptionType> BY_NAME = new LinkedHashMap<>();

    public static final PyExceptionType BASE_EXCEPTION = define("BaseException", null);
    public static final PyExceptionType KEYBOARD_INTERRUPT = define("KeyboardInterrupt", BASE_EXCEPTION);
    public static final PyExceptionType SYSTEM_EXIT = define("SystemExit", BASE_EXCEPTION);
    public static final PyExceptionType EXCEPTION = define("Exception", BASE_EXCEPTION);
    public static final PyExceptionType ARITHMETIC_ERROR = define("ArithmeticError", EXCEPTION);
    public static final PyExceptionType ZERO_DIVISION_ERROR = define("ZeroDivisionError", ARITHMETIC_ERROR);
    public static final PyExceptionType OVERFLOW_ERROR = define("OverflowError", ARITHMETIC_ERROR);
    public static final PyExceptionType ASSERTION_ERROR = define("AssertionError", EXCEPTION);
    public static final PyExceptionType ATTRIBUTE_ERROR = define("AttributeError", EXCEPTION);
    public static final PyExceptionType IMPORT_ERROR = define("ImportError", EXCEPTION);
    public static final PyExceptionType MODULE_NOT_FOUND_ERROR = define("ModuleNotFoundError", IMPORT_ERROR);
    public static final PyExceptionType LOOKUP_ERROR = define("LookupError", EXCEPTION);
    public static final PyExceptionType INDEX_ERROR = define("IndexError", LOOKUP_ERROR);
    public static final PyExceptionType KEY_ERROR = define("KeyError", LOOKUP_ERROR);
    public static final PyExceptionType NAME_ERROR = define("NameError", EXCEPTION);
    public static final PyExceptionType UNBOUND_LOCAL_ERROR = define("UnboundLocalError", NAME_ERROR);
    public static final PyExceptionType RUNTIME_ERROR = define("RuntimeError", EXCEPTION);
    public static final PyExceptionType NOT_IMPLEMENTED_ERROR = define("NotImplementedError", RUNTIME_ERROR);
    public static final PyExceptionType RECURSION_ERROR = define("RecursionError", RUNTIME_ERROR);
    public static final PyExceptionType STOP_ITERATION = define("StopIteration", EXCEPTION);
    public static final PyExceptionType SYNTAX_ERROR = define("SyntaxError", EXCEPTION);
    public static final PyExceptionType INDENTATION_ERROR = define("IndentationError", SYNTAX_ERROR);
    public static final PyExceptionType TYPE_ERROR = define("TypeError", EXCEPTION);
    public static final PyExceptionType VALUE_ERROR = define("ValueError", EXCEPTION);

    public final String name;
    public final PyExceptionType base;

    private PyExceptionType(String name, PyExceptionType base) {
        this.name = name;
        this.base = base;
    }

    /** Defines a new exception class (also used for JAX's own, e.g. ConcretizationTypeError). */
    public static synchronized PyExceptionType define(String name, PyExceptionType base) {
        PyExceptionType t = new PyExceptionType(name, base);
        BY_NAME.putIfAbsent(name, t);
        return t;
    }

    public static Map<String, PyExceptionType> builtins() {
        return BY_NAME;
    }

    public boolean isSubclassOf(PyExceptionType other) {
        for (PyExceptionType t = this; t != null; t = t.base) {
            if (t == other) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "<class '" + name + "'>";
    }
}
