package jaxon.parser;

/** A syntax error, with Python's wording and its position (1-based line and column). */
public final class ParseError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public final String fileName;
    public final int offset;
    public final int line;
    public final int column;
    /** True when more input could complete the source (an open bracket, block or string): the REPL reads on. */
    public final boolean incomplete;
    /** Python's exception class: "SyntaxError", or "IndentationError" for indentation mistakes. */
    public final String kind;

    public ParseError(String message, String fileName, String source, int offset, boolean incomplete) {
        this("SyntaxError", message, fileName, source, offset, incomplete);
    }

    public ParseError(String kind, String message, String fileName, String source, int offset, boolean incomplete) {
        super(message);
        this.kind = kind;
        this.fileName = fileName;
        this.offset = offset;
        int l = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(offset, source.length()); i++) {
            if (source.charAt(i) == '\n') {
                l++;
                lineStart = i + 1;
            }
        }
        this.line = l;
        this.column = offset - lineStart + 1;
        this.incomplete = incomplete;
    }
}
