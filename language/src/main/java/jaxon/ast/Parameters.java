package jaxon.ast;

import java.util.List;

/**
 * A function's parameter list: positional (possibly with defaults), *varargs, keyword-only, **kwargs.
 * varargs and kwargs are null when absent.
 */
public record Parameters(List<Param> positional, String varargs, List<Param> keywordOnly, String kwargs) {
    public static final Parameters EMPTY = new Parameters(List.of(), null, List.of(), null);

    /** A named parameter; defaultValue is null when it has none. */
    public record Param(Span span, String name, Expr defaultValue) {
    }
}
