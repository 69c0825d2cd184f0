package jaxon.ast;

/**
 * A runtime value placed in generated code (the value of an {@link Expr.Const}): the functions that
 * derivative rules call. display is how the value reads when the code is printed as source.
 */
public record Embedded(Object value, String display) {
}
