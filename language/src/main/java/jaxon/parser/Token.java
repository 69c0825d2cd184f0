package jaxon.parser;

/** A lexical token; {@code text} is the operator, name or raw string body; start/end are char offsets. */
record Token(Kind kind, String text, Object value, int start, int end) {
    enum Kind {
        NAME, NUMBER, STRING, OP, NEWLINE, INDENT, DEDENT, MAGIC, EOF
    }

    boolean is(String op) {
        return (kind == Kind.OP || kind == Kind.NAME) && text.equals(op);
    }
}
