package jaxon.parser;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import jaxon.parser.Token.Kind;

/**
 * Splits source text into tokens the way Python's tokenizer does: INDENT/DEDENT from an indentation
 * stack, NEWLINE only at the end of logical lines (not inside brackets or after a backslash).
 * A line starting with '%' is an IPython line magic and becomes one MAGIC token.
 */
final class Lexer {
    /** A string literal's raw body; the parser decodes escapes and f-string fields. */
    record StringLiteral(boolean raw, boolean formatted, String body, int bodyStart) {
    }

    private static final String[] OPERATORS = {
        "**=", "//=", ">>=", "<<=", "...", "->", ":=",
        "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=", "%=", "@=", "&=", "|=", "^=",
        "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "=",
    };
    static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "break", "class", "continue", "def",
            "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
            "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "async", "await");

    private final String src;
    private final String fileName;
    private int pos;
    private final List<Token> tokens = new ArrayList<>();
    private final Deque<Integer> indents = new ArrayDeque<>();
    private final Deque<int[]> brackets = new ArrayDeque<>(); // {char, offset}

    Lexer(String src, String fileName) {
        this.src = src;
        this.fileName = fileName;
    }

    /** Tokens of the expression in src[start, end) (an f-string field): no lines, no indentation. */
    List<Token> tokenizeExpression(int start, int end) {
        Lexer sub = new Lexer(src.substring(0, end), fileName);
        sub.pos = start;
        sub.brackets.push(new int[]{'(', start});
        sub.indents.push(0);
        while (true) {
            while (sub.pos < end && Character.isWhitespace(sub.src.charAt(sub.pos))) {
                sub.pos++;
            }
            if (sub.pos >= end) {
                break;
            }
            char c = sub.src.charAt(sub.pos);
            if (Character.isDigit(c) || c == '.' && sub.pos + 1 < end && Character.isDigit(sub.src.charAt(sub.pos + 1))) {
                sub.number();
            } else if (Character.isLetter(c) || c == '_') {
                int s0 = sub.pos;
                while (sub.pos < end && (Character.isLetterOrDigit(sub.src.charAt(sub.pos)) || sub.src.charAt(sub.pos) == '_')) {
                    sub.pos++;
                }
                String word = sub.src.substring(s0, sub.pos);
                if (sub.pos < end && (sub.src.charAt(sub.pos) == '\'' || sub.src.charAt(sub.pos) == '"') && isStringPrefix(word)) {
                    sub.string(s0, word.toLowerCase());
                } else {
                    sub.add(Kind.NAME, word, null, s0, sub.pos);
                }
            } else if (c == '\'' || c == '"') {
                sub.string(sub.pos, "");
            } else {
                sub.operator();
            }
        }
        sub.add(Kind.NEWLINE, "", null, end, end);
        sub.add(Kind.EOF, "", null, end, end);
        return sub.tokens;
    }

    ParseError error(String message, int offset, boolean incomplete) {
        return new ParseError(message, fileName, src, offset, incomplete);
    }

    private ParseError indentationError(String message, int offset) {
        return new ParseError("IndentationError", message, fileName, src, offset, false);
    }

    List<Token> tokenize() {
        indents.push(0);
        boolean atLineStart = true;
        while (true) {
            if (atLineStart && brackets.isEmpty()) {
                if (!handleIndentation()) {
                    break;
                }
                atLineStart = false;
            }
            if (pos >= src.length()) {
                break;
            }
            char c = src.charAt(pos);
            if (c == '\n') {
                if (brackets.isEmpty()) {
                    add(Kind.NEWLINE, "\n", null, pos, pos + 1);
                    atLineStart = true;
                }
                pos++;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                pos++;
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '\\' && pos + 1 < src.length() && (src.charAt(pos + 1) == '\n' || src.charAt(pos + 1) == '\r')) {
                pos += src.charAt(pos + 1) == '\r' && pos + 2 < src.length() && src.charAt(pos + 2) == '\n' ? 3 : 2;
            } else if (Character.isDigit(c) || c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
                number();
            } else if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                    pos++;
                }
                String word = src.substring(start, pos);
                if (pos < src.length() && (src.charAt(pos) == '\'' || src.charAt(pos) == '"') && isStringPrefix(word)) {
                    string(start, word.toLowerCase());
                } else {
                    add(Kind.NAME, word, null, start, pos);
                }
            } else if (c == '\'' || c == '"') {
                string(pos, "");
            } else {
                operator();
            }
        }
        if (!brackets.isEmpty()) {
            int[] open = brackets.peek();
            throw error("'" + (char) open[0] + "' was never closed", open[1], true);
        }
        if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).kind() != Kind.NEWLINE && tokens.get(tokens.size() - 1).kind() != Kind.DEDENT) {
            add(Kind.NEWLINE, "", null, src.length(), src.length());
        }
        while (indents.size() > 1) {
            indents.pop();
            add(Kind.DEDENT, "", null, src.length(), src.length());
        }
        add(Kind.EOF, "", null, src.length(), src.length());
        return tokens;
    }

    private static boolean isStringPrefix(String w) {
        String p = w.toLowerCase();
        return p.equals("r") || p.equals("f") || p.equals("rf") || p.equals("fr") || p.equals("b") || p.equals("rb") || p.equals("br")
                || p.equals("u");
    }

    /** Measures the indentation of the next non-blank line; false at end of input. */
    private boolean handleIndentation() {
        while (true) {
            int lineStart = pos;
            int width = 0;
            while (pos < src.length() && (src.charAt(pos) == ' ' || src.charAt(pos) == '\t' || src.charAt(pos) == '\f')) {
                width = src.charAt(pos) == '\t' ? (width / 8 + 1) * 8 : width + 1;
                pos++;
            }
            if (pos >= src.length()) {
                return false;
            }
            char c = src.charAt(pos);
            if (c == '\n' || c == '\r' || c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
                if (pos < src.length()) {
                    pos++;
                }
                continue;
            }
            int current = indents.peek();
            if (width > current) {
                indents.push(width);
                add(Kind.INDENT, "", null, lineStart, pos);
            } else {
                while (width < indents.peek()) {
                    indents.pop();
                    add(Kind.DEDENT, "", null, pos, pos);
                }
                if (width != indents.peek()) {
                    int end = pos;
                    while (end < src.length() && src.charAt(end) != '\n') {
                        end++;
                    }
                    throw indentationError("unindent does not match any outer indentation level", end);
                }
            }
            if (c == '%') {
                int start = pos;
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
                add(Kind.MAGIC, src.substring(start, pos).stripTrailing(), null, start, pos);
            }
            return true;
        }
    }

    private void number() {
        int start = pos;
        boolean isFloat = false;
        if (src.charAt(pos) == '0' && pos + 1 < src.length() && "xXoObB".indexOf(src.charAt(pos + 1)) >= 0) {
            int radix = switch (Character.toLowerCase(src.charAt(pos + 1))) {
                case 'x' -> 16;
                case 'o' -> 8;
                default -> 2;
            };
            pos += 2;
            int digits = pos;
            while (pos < src.length() && (Character.digit(src.charAt(pos), radix) >= 0 || src.charAt(pos) == '_')) {
                pos++;
            }
            String text = src.substring(digits, pos).replace("_", "");
            try {
                add(Kind.NUMBER, src.substring(start, pos), Long.parseLong(text, radix), start, pos);
            } catch (NumberFormatException e) {
                throw error("invalid integer literal (Jaxon ints are 64-bit)", start, false);
            }
            return;
        }
        while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
            pos++;
        }
        if (pos < src.length() && src.charAt(pos) == '.') {
            isFloat = true;
            pos++;
            while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                pos++;
            }
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                isFloat = true;
                while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        if (pos < src.length() && (src.charAt(pos) == 'j' || src.charAt(pos) == 'J')) {
            throw error("complex numbers are not supported", start, false);
        }
        String text = src.substring(start, pos).replace("_", "");
        if (isFloat) {
            add(Kind.NUMBER, text, Double.parseDouble(text), start, pos);
        } else {
            if (text.length() > 1 && text.startsWith("0") && !text.chars().allMatch(ch -> ch == '0')) {
                throw error("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", start, false);
            }
            try {
                add(Kind.NUMBER, text, Long.parseLong(text), start, pos);
            } catch (NumberFormatException e) {
                throw error("integer literal too large (Jaxon ints are 64-bit)", start, false);
            }
        }
    }

    private void string(int start, String prefix) {
        if (prefix.contains("b")) {
            throw error("bytes literals are not supported", start, false);
        }
        char q = src.charAt(pos);
        boolean triple = pos + 2 < src.length() && src.charAt(pos + 1) == q && src.charAt(pos + 2) == q;
        int quoteLen = triple ? 3 : 1;
        pos += quoteLen;
        int bodyStart = pos;
        while (true) {
            if (pos >= src.length()) {
                if (triple) {
                    throw error("unterminated triple-quoted string literal (detected at line " + lineOf(src.length() - 1) + ")", start, true);
                }
                throw error("unterminated string literal (detected at line " + lineOf(start) + ")", start, false);
            }
            char c = src.charAt(pos);
            if (c == '\\') {
                pos += 2;
                continue;
            }
            if (c == '\n' && !triple) {
                throw error("unterminated string literal (detected at line " + lineOf(start) + ")", start, false);
            }
            if (c == q && (!triple || src.startsWith(String.valueOf(q).repeat(3), pos))) {
                break;
            }
            pos++;
        }
        String body = src.substring(bodyStart, pos);
        pos += quoteLen;
        add(Kind.STRING, src.substring(start, pos), new StringLiteral(prefix.contains("r"), prefix.contains("f"), body, bodyStart), start, pos);
    }

    private int lineOf(int offset) {
        int l = 1;
        for (int i = 0; i < Math.min(offset, src.length()); i++) {
            if (src.charAt(i) == '\n') {
                l++;
            }
        }
        return l;
    }

    private void operator() {
        for (String op : OPERATORS) {
            if (src.startsWith(op, pos)) {
                int start = pos;
                pos += op.length();
                char c = op.charAt(0);
                if (op.length() == 1 && "([{".indexOf(c) >= 0) {
                    brackets.push(new int[]{c, start});
                } else if (op.length() == 1 && ")]}".indexOf(c) >= 0) {
                    if (brackets.isEmpty()) {
                        throw error("unmatched '" + c + "'", start, false);
                    }
                    char open = (char) brackets.peek()[0];
                    if ("([{".indexOf(open) != ")]}".indexOf(c)) {
                        throw error("closing parenthesis '" + c + "' does not match opening parenthesis '" + open + "'", start, false);
                    }
                    brackets.pop();
                }
                add(Kind.OP, op, null, start, pos);
                return;
            }
        }
        throw error("invalid character '" + src.charAt(pos) + "' (U+" + String.format("%04X", (int) src.charAt(pos)) + ")", pos, false);
    }

    private void add(Kind kind, String text, Object value, int start, int end) {
        tokens.add(new Token(kind, text, value, start, end));
    }
}
