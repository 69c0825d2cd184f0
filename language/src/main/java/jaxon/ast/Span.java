package jaxon.ast;

/** Character range [start, end) of a syntax node in its source text. */
public record Span(int start, int end) {
    public static final Span NONE = new Span(0, 0);

    public Span to(Span other) {
        return new Span(start, other.end);
    }
}
