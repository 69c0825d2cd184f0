package jaxon.transform;

import jaxon.ast.Span;

/** A construct a transformation cannot handle, with where it is in the source. */
public final class TransformError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    public final transient Span span;

    public TransformError(Span span, String message) {
        super(message, null, false, false);
        this.span = span;
    }
}
