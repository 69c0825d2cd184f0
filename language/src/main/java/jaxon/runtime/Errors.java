package jaxon.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;

/**
 * Builders for the exceptions Jaxon raises. User-visible error text is written here or at the one
 * call site that knows the details; JAX's own wording is used where JAX raises.
 */
public final class Errors {
    private Errors() {
    }

    @TruffleBoundary
    public static JaxonException raise(PyExceptionType type, String message) {
        return new JaxonException(new PyBaseException(type, message), null);
    }

    public static JaxonException typeError(String message) {
        return raise(PyExceptionType.TYPE_ERROR, message);
    }

    public static JaxonException valueError(String message) {
        return raise(PyExceptionType.VALUE_ERROR, message);
    }

    public static JaxonException indexError(String message) {
        return raise(PyExceptionType.INDEX_ERROR, message);
    }

    public static JaxonException keyError(Object key) {
        return new JaxonException(new PyBaseException(PyExceptionType.KEY_ERROR, PTuple.of(key)), null);
    }

    public static JaxonException nameError(String name) {
        return raise(PyExceptionType.NAME_ERROR, "name '" + name + "' is not defined");
    }

    public static JaxonException attributeError(Object obj, String attr) {
        return raise(PyExceptionType.ATTRIBUTE_ERROR, "'" + PyObjects.typeName(obj) + "' object has no attribute '" + attr + "'");
    }

    public static JaxonException zeroDivision(String message) {
        return raise(PyExceptionType.ZERO_DIVISION_ERROR, message);
    }

    public static JaxonException notImplemented(String message) {
        return raise(PyExceptionType.NOT_IMPLEMENTED_ERROR, message);
    }

    /** JAX's message for operands that cannot broadcast together. */
    public static JaxonException incompatibleShapes(String op, int[] a, int[] b) {
        return typeError(op + " got incompatible shapes for broadcasting: " + Shapes.str(a) + ", " + Shapes.str(b) + ".");
    }
}
