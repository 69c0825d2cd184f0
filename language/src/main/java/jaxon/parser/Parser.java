package jaxon.parser;

import java.util.ArrayList;
import java.util.List;
import jaxon.ast.Expr;
import jaxon.ast.Expr.BinaryOp;
import jaxon.ast.Expr.CompareOp;
import jaxon.ast.Expr.UnaryOperator;
import jaxon.ast.Module;
import jaxon.ast.Parameters;
import jaxon.ast.Span;
import jaxon.ast.Stmt;
import jaxon.parser.Token.Kind;
import jaxon.runtime.PNone;

/** Recursive-descent parser for Jaxon's Python subset, with Python's precedence and error wording. */
public final class Parser {
    private final String src;
    private final String fileName;
    private final Lexer lexer;
    private final List<Token> tokens;
    private int p;

    private Parser(String src, String fileName, List<Token> tokens, Lexer lexer) {
        this.src = src;
        this.fileName = fileName;
        this.tokens = tokens;
        this.lexer = lexer;
    }

    public static Module parse(String source, String fileName) {
        Lexer lexer = new Lexer(source, fileName);
        Parser parser = new Parser(source, fileName, lexer.tokenize(), lexer);
        List<Stmt> body = new ArrayList<>();
        while (parser.peek().kind() != Kind.EOF) {
            if (parser.peek().kind() == Kind.NEWLINE) {
                parser.p++;
                continue;
            }
            if (parser.peek().kind() == Kind.INDENT) {
                throw parser.unexpectedIndent();
            }
            body.addAll(parser.statement());
        }
        return new Module(body);
    }

    // ---- token helpers

    private Token peek() {
        return tokens.get(p);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(p + ahead, tokens.size() - 1));
    }

    private Token next() {
        return tokens.get(p++);
    }

    private boolean at(String op) {
        return peek().is(op);
    }

    private boolean accept(String op) {
        if (at(op)) {
            p++;
            return true;
        }
        return false;
    }

    private Token expect(String op) {
        if (!at(op)) {
            throw unexpected(op.equals(":") ? "expected ':'" : "invalid syntax");
        }
        return next();
    }

    private int lastEnd() {
        return tokens.get(p - 1).end();
    }

    private Span span(int start) {
        return new Span(start, lastEnd());
    }

    private ParseError error(String message, Token at, boolean incomplete) {
        return new ParseError(message, fileName, src, at.start(), incomplete);
    }

    /** CPython points an unexpected indent at the last column of the indentation. */
    private ParseError unexpectedIndent() {
        return new ParseError("IndentationError", "unexpected indent", fileName, src, peek().end() - 1, false);
    }

    private ParseError unexpected(String message) {
        Token t = peek();
        boolean atEnd = t.kind() == Kind.EOF || t.kind() == Kind.DEDENT && peek(1).kind() == Kind.EOF;
        return error(message, t, atEnd);
    }

    private String name() {
        Token t = peek();
        if (t.kind() != Kind.NAME || Lexer.KEYWORDS.contains(t.text())) {
            throw unexpected("invalid syntax");
        }
        p++;
        return t.text();
    }

    // ---- statements

    private List<Stmt> statement() {
        Token t = peek();
        if (t.kind() == Kind.MAGIC) {
            return List.of(magic());
        }
        if (t.kind() == Kind.NAME) {
            switch (t.text()) {
                case "if":
                    return List.of(ifStmt());
                case "while":
                    return List.of(whileStmt());
                case "for":
                    return List.of(forStmt());
                case "try":
                    return List.of(tryStmt());
                case "def":
                    return List.of(funcDef(List.of(), t.start()));
                case "class":
                    throw error("class definitions are not supported in Jaxon", t, false);
                case "with":
                    throw error("'with' statements are not supported in Jaxon", t, false);
                default:
                    break;
            }
        }
        if (at("@")) {
            int start = t.start();
            List<Expr> decorators = new ArrayList<>();
            while (accept("@")) {
                decorators.add(test());
                newline();
            }
            if (!at("def")) {
                throw unexpected("invalid syntax");
            }
            return List.of(funcDef(decorators, start));
        }
        return simpleStatements();
    }

    private void newline() {
        if (peek().kind() != Kind.NEWLINE) {
            throw unexpected("invalid syntax");
        }
        p++;
    }

    private List<Stmt> simpleStatements() {
        List<Stmt> out = new ArrayList<>();
        out.add(smallStatement());
        while (accept(";")) {
            if (peek().kind() == Kind.NEWLINE) {
                break;
            }
            out.add(smallStatement());
        }
        newline();
        return out;
    }

    private Stmt magic() {
        Token t = next();
        String line = t.text().substring(1);
        int nameEnd = 0;
        while (nameEnd < line.length() && (Character.isLetterOrDigit(line.charAt(nameEnd)) || line.charAt(nameEnd) == '_')) {
            nameEnd++;
        }
        String magicName = line.substring(0, nameEnd);
        // Options (-n 10 -r 3) come before the statement.
        int i = nameEnd;
        StringBuilder options = new StringBuilder();
        while (true) {
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            if (i < line.length() && line.charAt(i) == '-' && i + 1 < line.length() && Character.isLetter(line.charAt(i + 1))) {
                int j = i;
                while (j < line.length() && line.charAt(j) != ' ') {
                    j++;
                }
                while (j < line.length() && line.charAt(j) == ' ') {
                    j++;
                }
                int k = j;
                while (k < line.length() && line.charAt(k) != ' ') {
                    k++;
                }
                options.append(options.length() > 0 ? " " : "").append(line, i, k);
                i = k;
            } else {
                break;
            }
        }
        int bodyStart = t.start() + 1 + i;
        String bodyText = src.substring(bodyStart, t.end());
        Stmt body;
        if (bodyText.isBlank()) {
            body = new Stmt.Pass(new Span(t.end(), t.end()));
        } else {
            List<Token> sub = lexer.tokenizeExpression(bodyStart, t.end());
            Parser inner = new Parser(src, fileName, sub, lexer);
            body = inner.smallStatement();
            if (inner.peek().kind() != Kind.NEWLINE) {
                throw inner.unexpected("invalid syntax");
            }
        }
        newline();
        return new Stmt.Magic(new Span(t.start(), t.end()), magicName, options.toString(), body);
    }

    private Stmt smallStatement() {
        Token t = peek();
        int start = t.start();
        if (t.kind() == Kind.NAME) {
            switch (t.text()) {
                case "pass":
                    p++;
                    return new Stmt.Pass(span(start));
                case "break":
                    p++;
                    return new Stmt.Break(span(start));
                case "continue":
                    p++;
                    return new Stmt.Continue(span(start));
                case "return": {
                    p++;
                    Expr value = endOfSimple() ? null : testListStar();
                    return new Stmt.Return(span(start), value);
                }
                case "raise": {
                    p++;
                    Expr exc = endOfSimple() ? null : test();
                    Expr cause = accept("from") ? test() : null;
                    return new Stmt.Raise(span(start), exc, cause);
                }
                case "global":
                case "nonlocal": {
                    p++;
                    List<String> names = new ArrayList<>();
                    names.add(name());
                    while (accept(",")) {
                        names.add(name());
                    }
                    return t.text().equals("global") ? new Stmt.Global(span(start), names) : new Stmt.Nonlocal(span(start), names);
                }
                case "del": {
                    p++;
                    List<Expr> targets = new ArrayList<>();
                    targets.add(bitOr());
                    while (accept(",")) {
                        if (endOfSimple()) {
                            break;
                        }
                        targets.add(bitOr());
                    }
                    return new Stmt.Del(span(start), targets);
                }
                case "assert": {
                    p++;
                    Expr test = test();
                    Expr msg = accept(",") ? test() : null;
                    return new Stmt.Assert(span(start), test, msg);
                }
                case "import":
                    return importStmt();
                case "from":
                    return fromImport();
                default:
                    break;
            }
        }
        return expressionStatement();
    }

    private boolean endOfSimple() {
        return peek().kind() == Kind.NEWLINE || at(";") || peek().kind() == Kind.EOF;
    }

    private Stmt importStmt() {
        int start = next().start();
        List<Stmt.Alias> names = new ArrayList<>();
        do {
            String dotted = dottedName();
            names.add(new Stmt.Alias(dotted, accept("as") ? name() : null));
        } while (accept(","));
        return new Stmt.Import(span(start), names);
    }

    private String dottedName() {
        StringBuilder sb = new StringBuilder(name());
        while (accept(".")) {
            sb.append('.').append(name());
        }
        return sb.toString();
    }

    private Stmt fromImport() {
        int start = next().start();
        if (at(".")) {
            throw unexpected("relative imports are not supported in Jaxon");
        }
        String module = dottedName();
        expect("import");
        List<Stmt.Alias> names = new ArrayList<>();
        if (at("*")) {
            throw unexpected("'from ... import *' is not supported in Jaxon");
        }
        boolean paren = accept("(");
        do {
            if (paren && at(")")) {
                break;
            }
            String n = name();
            names.add(new Stmt.Alias(n, accept("as") ? name() : null));
        } while (accept(","));
        if (paren) {
            expect(")");
        }
        return new Stmt.ImportFrom(span(start), module, names);
    }

    private static final String[] AUG_OPS = {"+=", "-=", "*=", "/=", "//=", "%=", "**=", "@=", "<<=", ">>=", "&=", "|=", "^="};
    private static final BinaryOp[] AUG_BINOPS = {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV, BinaryOp.FLOORDIV, BinaryOp.MOD,
        BinaryOp.POW, BinaryOp.MATMUL, BinaryOp.LSHIFT, BinaryOp.RSHIFT, BinaryOp.BITAND, BinaryOp.BITOR, BinaryOp.BITXOR};

    private Stmt expressionStatement() {
        int start = peek().start();
        Expr first = testListStar();
        for (int i = 0; i < AUG_OPS.length; i++) {
            if (at(AUG_OPS[i])) {
                p++;
                checkTarget(first, true);
                Expr value = testListStar();
                return new Stmt.AugAssign(span(start), first, AUG_BINOPS[i], value);
            }
        }
        if (at(":") && (first instanceof Expr.Name || first instanceof Expr.Attribute || first instanceof Expr.Subscript)) {
            p++;
            Expr annotation = test();
            Expr value = accept("=") ? testListStar() : null;
            return new Stmt.AnnAssign(span(start), first, annotation, value);
        }
        if (at("=")) {
            List<Expr> targets = new ArrayList<>();
            targets.add(first);
            Expr value = null;
            while (accept("=")) {
                value = testListStar();
                if (at("=")) {
                    targets.add(value);
                }
            }
            for (Expr t : targets) {
                checkTarget(t, false);
            }
            return new Stmt.Assign(span(start), targets, value);
        }
        return new Stmt.ExprStmt(span(start), first);
    }

    private void checkTarget(Expr e, boolean augmented) {
        switch (e) {
            case Expr.Name n -> {
            }
            case Expr.Attribute a -> {
            }
            case Expr.Subscript s -> {
            }
            case Expr.TupleExpr t when !augmented -> t.elts().forEach(x -> checkTarget(x, false));
            case Expr.ListExpr l when !augmented -> l.elts().forEach(x -> checkTarget(x, false));
            case Expr.Starred s when !augmented -> checkTarget(s.value(), false);
            default -> throw new ParseError(augmented ? "'" + describe(e) + "' is an illegal expression for augmented assignment"
                    : "cannot assign to " + describe(e) + (e instanceof Expr.Const || e instanceof Expr.Call ? " here. Maybe you meant '==' instead of '='?" : ""),
                    fileName, src, e.span().start(), false);
        }
    }

    private static String describe(Expr e) {
        return switch (e) {
            case Expr.Const c -> c.value() == PNone.NONE || c.value() instanceof Boolean ? String.valueOf(c.value() == PNone.NONE ? "None" : (Boolean) c.value() ? "True" : "False") : "literal";
            case Expr.Call c -> "function call";
            case Expr.BinOp b -> "expression";
            case Expr.Compare c -> "comparison";
            case Expr.Lambda l -> "lambda";
            case Expr.TupleExpr t -> "tuple";
            case Expr.ListExpr l -> "list";
            default -> "expression";
        };
    }

    private List<Stmt> block(String after, Token keyword) {
        expect(":");
        if (peek().kind() != Kind.NEWLINE) {
            return simpleStatements();
        }
        Token newline = next();
        if (peek().kind() != Kind.INDENT) {
            throw new ParseError("IndentationError", "expected an indented block after " + after + " on line " + lineOf(keyword.start()),
                    fileName, src, newline.start(), peek().kind() == Kind.EOF);
        }
        p++;
        List<Stmt> body = new ArrayList<>();
        while (peek().kind() != Kind.DEDENT && peek().kind() != Kind.EOF) {
            if (peek().kind() == Kind.NEWLINE) {
                p++;
                continue;
            }
            if (peek().kind() == Kind.INDENT) {
                throw unexpectedIndent();
            }
            body.addAll(statement());
        }
        if (peek().kind() == Kind.EOF) {
            throw error("unexpected end of input", peek(), true);
        }
        p++; // DEDENT
        return body;
    }

    private int lineOf(int offset) {
        int l = 1;
        for (int i = 0; i < offset; i++) {
            if (src.charAt(i) == '\n') {
                l++;
            }
        }
        return l;
    }

    private Stmt ifStmt() {
        Token kw = next();
        Expr test = namedTest();
        List<Stmt> body = block("'" + kw.text() + "' statement", kw);
        List<Stmt> orElse = List.of();
        if (at("elif")) {
            orElse = List.of(ifStmt());
        } else if (at("else")) {
            Token e = next();
            orElse = block("'else' statement", e);
        }
        return new Stmt.If(span(kw.start()), test, body, orElse);
    }

    private Stmt whileStmt() {
        Token kw = next();
        Expr test = namedTest();
        List<Stmt> body = block("'while' statement", kw);
        List<Stmt> orElse = List.of();
        if (at("else")) {
            Token e = next();
            orElse = block("'else' statement", e);
        }
        return new Stmt.While(span(kw.start()), test, body, orElse);
    }

    private Stmt forStmt() {
        Token kw = next();
        Expr target = targetList();
        expect("in");
        Expr iter = testList();
        List<Stmt> body = block("'for' statement", kw);
        List<Stmt> orElse = List.of();
        if (at("else")) {
            Token e = next();
            orElse = block("'else' statement", e);
        }
        return new Stmt.For(span(kw.start()), target, iter, body, orElse);
    }

    /** for-loop and comprehension targets: a, (b, c), *d — stops before 'in'. */
    private Expr targetList() {
        int start = peek().start();
        List<Expr> elts = new ArrayList<>();
        boolean comma = false;
        do {
            if (at("in")) {
                break;
            }
            elts.add(at("*") ? starred() : bitOr());
            if (!at(",")) {
                break;
            }
            comma = true;
            p++;
        } while (true);
        if (elts.isEmpty()) {
            throw unexpected("invalid syntax");
        }
        Expr t = elts.size() == 1 && !comma ? elts.get(0) : new Expr.TupleExpr(span(start), elts);
        checkTarget(t, false);
        return t;
    }

    private Stmt tryStmt() {
        Token kw = next();
        List<Stmt> body = block("'try' statement", kw);
        List<Stmt.ExceptHandler> handlers = new ArrayList<>();
        while (at("except")) {
            Token e = next();
            Expr type = null;
            String name = null;
            if (!at(":")) {
                type = test();
                if (at(",")) {
                    List<Expr> types = new ArrayList<>(List.of(type));
                    while (accept(",")) {
                        types.add(test());
                    }
                    type = new Expr.TupleExpr(new Span(types.get(0).span().start(), lastEnd()), types);
                }
                if (accept("as")) {
                    name = name();
                }
            }
            List<Stmt> hbody = block("'except' statement", e);
            handlers.add(new Stmt.ExceptHandler(span(e.start()), type, name, hbody));
        }
        List<Stmt> orElse = List.of();
        if (at("else")) {
            Token e = next();
            orElse = block("'else' statement", e);
        }
        List<Stmt> fin = List.of();
        if (at("finally")) {
            Token f = next();
            fin = block("'finally' statement", f);
        }
        if (handlers.isEmpty() && fin.isEmpty()) {
            throw unexpected("expected 'except' or 'finally' block");
        }
        return new Stmt.Try(span(kw.start()), body, handlers, orElse, fin);
    }

    private Stmt funcDef(List<Expr> decorators, int start) {
        Token kw = next();
        String name = name();
        expect("(");
        Parameters params = parameters(")");
        expect(")");
        if (accept("->")) {
            test();
        }
        List<Stmt> body = block("function definition", kw);
        return new Stmt.FunctionDef(span(start), name, params, body, decorators);
    }

    /** Parameters up to the closing token (")" for def, ":" for lambda). */
    private Parameters parameters(String close) {
        List<Parameters.Param> positional = new ArrayList<>();
        List<Parameters.Param> kwOnly = new ArrayList<>();
        String varargs = null;
        String kwargs = null;
        boolean star = false;
        boolean sawDefault = false;
        while (!at(close)) {
            int start = peek().start();
            if (accept("**")) {
                kwargs = name();
                annotation(close);
            } else if (accept("*")) {
                star = true;
                if (!at(",") && !at(close)) {
                    varargs = name();
                    annotation(close);
                }
            } else if (accept("/")) {
                // positional-only marker: accepted and ignored
            } else {
                String n = name();
                annotation(close);
                Expr dflt = accept("=") ? test() : null;
                Parameters.Param param = new Parameters.Param(span(start), n, dflt);
                if (star) {
                    kwOnly.add(param);
                } else {
                    if (dflt == null && sawDefault) {
                        throw new ParseError("non-default argument follows default argument", fileName, src, start, false);
                    }
                    sawDefault |= dflt != null;
                    positional.add(param);
                }
            }
            if (!accept(",")) {
                break;
            }
        }
        return new Parameters(positional, varargs, kwOnly, kwargs);
    }

    private void annotation(String close) {
        if (close.equals(")") && accept(":")) {
            test();
        }
    }

    // ---- expressions

    /** testlist_star_expr: a, *b, c  (a tuple when there is a comma). */
    private Expr testListStar() {
        int start = peek().start();
        Expr first = at("*") ? starred() : test();
        if (!at(",")) {
            return first;
        }
        List<Expr> elts = new ArrayList<>(List.of(first));
        while (accept(",")) {
            if (endOfSimple() || at("=") || at(")") || isAugOp()) {
                break;
            }
            elts.add(at("*") ? starred() : test());
        }
        return new Expr.TupleExpr(span(start), elts);
    }

    private boolean isAugOp() {
        for (String op : AUG_OPS) {
            if (at(op)) {
                return true;
            }
        }
        return at(":");
    }

    private Expr testList() {
        int start = peek().start();
        Expr first = test();
        if (!at(",")) {
            return first;
        }
        List<Expr> elts = new ArrayList<>(List.of(first));
        while (accept(",")) {
            if (at(":") || peek().kind() == Kind.NEWLINE) {
                break;
            }
            elts.add(test());
        }
        return new Expr.TupleExpr(span(start), elts);
    }

    private Expr starred() {
        int start = expect("*").start();
        return new Expr.Starred(span(start), bitOr());
    }

    private Expr namedTest() {
        Expr e = test();
        if (at(":=")) {
            throw unexpected("assignment expressions (:=) are not supported in Jaxon");
        }
        return e;
    }

    private Expr test() {
        if (at("lambda")) {
            return lambda();
        }
        int start = peek().start();
        Expr body = orTest();
        if (at("if") && !atComprehensionIf()) {
            p++;
            Expr cond = orTest();
            if (!accept("else")) {
                throw unexpected("expected 'else' after 'if' expression");
            }
            Expr orElse = test();
            return new Expr.IfExp(span(start), cond, body, orElse);
        }
        return body;
    }

    private boolean atComprehensionIf() {
        return false;
    }

    private Expr testNoCond() {
        return at("lambda") ? lambda() : orTest();
    }

    private Expr lambda() {
        int start = next().start();
        Parameters params = parameters(":");
        expect(":");
        Expr body = test();
        return new Expr.Lambda(span(start), params, body);
    }

    private Expr orTest() {
        int start = peek().start();
        Expr first = andTest();
        if (!at("or")) {
            return first;
        }
        List<Expr> values = new ArrayList<>(List.of(first));
        while (accept("or")) {
            values.add(andTest());
        }
        return new Expr.BoolOp(span(start), false, values);
    }

    private Expr andTest() {
        int start = peek().start();
        Expr first = notTest();
        if (!at("and")) {
            return first;
        }
        List<Expr> values = new ArrayList<>(List.of(first));
        while (accept("and")) {
            values.add(notTest());
        }
        return new Expr.BoolOp(span(start), true, values);
    }

    private Expr notTest() {
        if (at("not")) {
            int start = next().start();
            Expr operand = notTest();
            return new Expr.UnaryOp(span(start), UnaryOperator.NOT, operand);
        }
        return comparison();
    }

    private Expr comparison() {
        int start = peek().start();
        Expr left = bitOr();
        List<CompareOp> ops = new ArrayList<>();
        List<Expr> rights = new ArrayList<>();
        while (true) {
            CompareOp op = compareOp();
            if (op == null) {
                break;
            }
            ops.add(op);
            rights.add(bitOr());
        }
        return ops.isEmpty() ? left : new Expr.Compare(span(start), left, ops, rights);
    }

    private CompareOp compareOp() {
        Token t = peek();
        if (t.kind() == Kind.OP) {
            CompareOp op = switch (t.text()) {
                case "==" -> CompareOp.EQ;
                case "!=" -> CompareOp.NE;
                case "<" -> CompareOp.LT;
                case "<=" -> CompareOp.LE;
                case ">" -> CompareOp.GT;
                case ">=" -> CompareOp.GE;
                default -> null;
            };
            if (op != null) {
                p++;
            }
            return op;
        }
        if (t.is("in")) {
            p++;
            return CompareOp.IN;
        }
        if (t.is("not") && peek(1).is("in")) {
            p += 2;
            return CompareOp.NOT_IN;
        }
        if (t.is("is")) {
            p++;
            return accept("not") ? CompareOp.IS_NOT : CompareOp.IS;
        }
        return null;
    }

    private Expr bitOr() {
        return binaryLevel(0);
    }

    private static final String[][] LEVELS = {{"|"}, {"^"}, {"&"}, {"<<", ">>"}, {"+", "-"}, {"*", "/", "//", "%", "@"}};

    private Expr binaryLevel(int level) {
        if (level == LEVELS.length) {
            return factor();
        }
        int start = peek().start();
        Expr left = binaryLevel(level + 1);
        while (true) {
            Token t = peek();
            String matched = null;
            if (t.kind() == Kind.OP) {
                for (String op : LEVELS[level]) {
                    if (t.text().equals(op)) {
                        matched = op;
                    }
                }
            }
            if (matched == null) {
                return left;
            }
            p++;
            Expr right = binaryLevel(level + 1);
            left = new Expr.BinOp(span(start), left, binaryOp(matched), right);
        }
    }

    private static BinaryOp binaryOp(String op) {
        return switch (op) {
            case "+" -> BinaryOp.ADD;
            case "-" -> BinaryOp.SUB;
            case "*" -> BinaryOp.MUL;
            case "/" -> BinaryOp.DIV;
            case "//" -> BinaryOp.FLOORDIV;
            case "%" -> BinaryOp.MOD;
            case "@" -> BinaryOp.MATMUL;
            case "<<" -> BinaryOp.LSHIFT;
            case ">>" -> BinaryOp.RSHIFT;
            case "&" -> BinaryOp.BITAND;
            case "|" -> BinaryOp.BITOR;
            case "^" -> BinaryOp.BITXOR;
            default -> throw new IllegalArgumentException(op);
        };
    }

    private Expr factor() {
        Token t = peek();
        if (t.kind() == Kind.OP && (t.text().equals("-") || t.text().equals("+") || t.text().equals("~"))) {
            p++;
            Expr operand = factor();
            UnaryOperator op = t.text().equals("-") ? UnaryOperator.NEG : t.text().equals("+") ? UnaryOperator.POS : UnaryOperator.INVERT;
            return new Expr.UnaryOp(span(t.start()), op, operand);
        }
        return power();
    }

    private Expr power() {
        int start = peek().start();
        Expr base = primary();
        if (accept("**")) {
            Expr exp = factor();
            return new Expr.BinOp(span(start), base, BinaryOp.POW, exp);
        }
        return base;
    }

    private Expr primary() {
        int start = peek().start();
        Expr e = atom();
        while (true) {
            if (accept("(")) {
                e = callArguments(e, start);
            } else if (accept("[")) {
                Expr index = subscriptList();
                expect("]");
                e = new Expr.Subscript(span(start), e, index);
            } else if (accept(".")) {
                String attr = name();
                e = new Expr.Attribute(span(start), e, attr);
            } else {
                return e;
            }
        }
    }

    private Expr callArguments(Expr func, int start) {
        List<Expr> args = new ArrayList<>();
        List<Expr.Keyword> keywords = new ArrayList<>();
        while (!at(")")) {
            int argStart = peek().start();
            if (accept("**")) {
                Expr v = test();
                keywords.add(new Expr.Keyword(span(argStart), null, v));
            } else if (at("*")) {
                args.add(starred());
            } else if (peek().kind() == Kind.NAME && peek(1).is("=") && !Lexer.KEYWORDS.contains(peek().text())) {
                String n = next().text();
                p++;
                Expr v = test();
                keywords.add(new Expr.Keyword(span(argStart), n, v));
            } else {
                Expr v = test();
                if (at("for")) {
                    v = comprehension(argStart, v, Expr.CompKind.GENERATOR);
                } else if (!keywords.isEmpty()) {
                    throw new ParseError("positional argument follows keyword argument", fileName, src, lastEnd(), false);
                }
                args.add(v);
            }
            if (!accept(",")) {
                break;
            }
        }
        expect(")");
        return new Expr.Call(span(start), func, args, keywords);
    }

    private Expr subscriptList() {
        int start = peek().start();
        Expr first = subscript();
        if (!at(",")) {
            return first;
        }
        List<Expr> elts = new ArrayList<>(List.of(first));
        while (accept(",")) {
            if (at("]")) {
                break;
            }
            elts.add(subscript());
        }
        return new Expr.TupleExpr(span(start), elts);
    }

    private Expr subscript() {
        int start = peek().start();
        Expr lower = null;
        if (!at(":")) {
            lower = at("*") ? starred() : test();
            if (!at(":")) {
                return lower;
            }
        }
        expect(":");
        Expr upper = at(":") || at("]") || at(",") ? null : test();
        Expr step = null;
        if (accept(":")) {
            step = at("]") || at(",") ? null : test();
        }
        return new Expr.Slice(span(start), lower, upper, step);
    }

    private Expr atom() {
        Token t = peek();
        int start = t.start();
        switch (t.kind()) {
            case NUMBER:
                p++;
                return new Expr.Const(span(start), t.value());
            case STRING:
                return strings();
            case NAME:
                switch (t.text()) {
                    case "None":
                        p++;
                        return new Expr.Const(span(start), PNone.NONE);
                    case "True":
                        p++;
                        return new Expr.Const(span(start), true);
                    case "False":
                        p++;
                        return new Expr.Const(span(start), false);
                    default:
                        if (Lexer.KEYWORDS.contains(t.text())) {
                            throw unexpected("invalid syntax");
                        }
                        p++;
                        return new Expr.Name(span(start), t.text());
                }
            case OP:
                switch (t.text()) {
                    case "(":
                        return parenthesized();
                    case "[":
                        return listDisplay();
                    case "{":
                        return dictDisplay();
                    case "...":
                        p++;
                        return new Expr.Const(span(start), Expr.ELLIPSIS);
                    default:
                        break;
                }
                break;
            default:
                break;
        }
        throw unexpected(t.kind() == Kind.NEWLINE || t.kind() == Kind.EOF ? "invalid syntax" : "invalid syntax");
    }

    private Expr parenthesized() {
        int start = next().start();
        if (accept(")")) {
            return new Expr.TupleExpr(span(start), List.of());
        }
        Expr first = at("*") ? starred() : namedTest();
        if (at("for")) {
            Expr gen = comprehension(start, first, Expr.CompKind.GENERATOR);
            expect(")");
            return withSpan(gen, span(start));
        }
        if (!at(",")) {
            expect(")");
            return first; // parentheses only group
        }
        List<Expr> elts = new ArrayList<>(List.of(first));
        while (accept(",")) {
            if (at(")")) {
                break;
            }
            elts.add(at("*") ? starred() : test());
        }
        expect(")");
        return new Expr.TupleExpr(span(start), elts);
    }

    private static Expr withSpan(Expr e, Span s) {
        return e instanceof Expr.ListComp c ? new Expr.ListComp(s, c.elt(), c.generators(), c.kind()) : e;
    }

    private Expr listDisplay() {
        int start = next().start();
        List<Expr> elts = new ArrayList<>();
        if (accept("]")) {
            return new Expr.ListExpr(span(start), elts);
        }
        Expr first = at("*") ? starred() : namedTest();
        if (at("for")) {
            Expr comp = comprehension(start, first, Expr.CompKind.LIST);
            expect("]");
            return withSpan(comp, span(start));
        }
        elts.add(first);
        while (accept(",")) {
            if (at("]")) {
                break;
            }
            elts.add(at("*") ? starred() : test());
        }
        expect("]");
        return new Expr.ListExpr(span(start), elts);
    }

    private Expr dictDisplay() {
        int start = next().start();
        List<Expr> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        if (accept("}")) {
            return new Expr.DictExpr(span(start), keys, values);
        }
        if (accept("**")) {
            keys.add(null);
            values.add(bitOr());
        } else {
            Expr k = test();
            if (!at(":")) {
                throw unexpected("set displays are not supported in Jaxon");
            }
            p++;
            Expr v = test();
            if (at("for")) {
                List<Expr.Comprehension> gens = generators();
                expect("}");
                return new Expr.DictComp(span(start), k, v, gens);
            }
            keys.add(k);
            values.add(v);
        }
        while (accept(",")) {
            if (at("}")) {
                break;
            }
            if (accept("**")) {
                keys.add(null);
                values.add(bitOr());
            } else {
                keys.add(test());
                expect(":");
                values.add(test());
            }
        }
        expect("}");
        return new Expr.DictExpr(span(start), keys, values);
    }

    private Expr comprehension(int start, Expr element, Expr.CompKind kind) {
        List<Expr.Comprehension> gens = generators();
        return new Expr.ListComp(span(start), element, gens, kind);
    }

    private List<Expr.Comprehension> generators() {
        List<Expr.Comprehension> gens = new ArrayList<>();
        while (accept("for")) {
            Expr target = targetList();
            expect("in");
            Expr iter = orTest();
            List<Expr> ifs = new ArrayList<>();
            while (at("if")) {
                p++;
                ifs.add(testNoCond());
            }
            gens.add(new Expr.Comprehension(target, iter, ifs));
        }
        return gens;
    }

    // ---- strings and f-strings

    private Expr strings() {
        int start = peek().start();
        List<Expr> parts = new ArrayList<>();
        boolean formatted = false;
        StringBuilder pending = new StringBuilder();
        int pendingStart = start;
        while (peek().kind() == Kind.STRING) {
            Token t = next();
            Lexer.StringLiteral lit = (Lexer.StringLiteral) t.value();
            if (!lit.formatted()) {
                pending.append(decode(lit.body(), lit.raw(), lit.bodyStart()));
                continue;
            }
            formatted = true;
            for (Expr part : fstringParts(lit)) {
                if (part instanceof Expr.Const c) {
                    pending.append((String) c.value());
                } else {
                    if (pending.length() > 0) {
                        parts.add(new Expr.Const(new Span(pendingStart, part.span().start()), pending.toString()));
                        pending.setLength(0);
                    }
                    parts.add(part);
                    pendingStart = part.span().end();
                }
            }
        }
        if (!formatted) {
            return new Expr.Const(span(start), pending.toString());
        }
        if (pending.length() > 0) {
            parts.add(new Expr.Const(new Span(pendingStart, lastEnd()), pending.toString()));
        }
        return new Expr.FString(span(start), parts);
    }

    /** Splits an f-string body into literal text and {expr!conv:spec} fields. */
    private List<Expr> fstringParts(Lexer.StringLiteral lit) {
        String body = lit.body();
        int base = lit.bodyStart();
        List<Expr> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int textStart = base;
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == '{' && i + 1 < body.length() && body.charAt(i + 1) == '{' || c == '}' && i + 1 < body.length() && body.charAt(i + 1) == '}') {
                text.append(c);
                i += 2;
            } else if (c == '}') {
                throw new ParseError("f-string: single '}' is not allowed", fileName, src, base + i, false);
            } else if (c == '{') {
                if (text.length() > 0) {
                    parts.add(new Expr.Const(new Span(textStart, base + i), decode(text.toString(), lit.raw(), textStart)));
                    text.setLength(0);
                }
                int end = fieldEnd(body, i + 1, base);
                parts.addAll(field(body, i + 1, end, base, lit.raw()));
                i = end + 1;
                textStart = base + i;
            } else {
                text.append(c);
                i++;
            }
        }
        if (text.length() > 0) {
            parts.add(new Expr.Const(new Span(textStart, base + body.length()), decode(text.toString(), lit.raw(), textStart)));
        }
        return parts;
    }

    /** Index of the '}' closing the field that starts at from (nested brackets and strings skipped). */
    private int fieldEnd(String body, int from, int base) {
        int depth = 0;
        char quote = 0;
        for (int i = from; i < body.length(); i++) {
            char c = body.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        throw new ParseError("f-string: expecting '}'", fileName, src, base + from - 1, false);
    }

    private List<Expr> field(String body, int from, int end, int base, boolean raw) {
        // The expression ends at a top-level '!' (not '!='), ':' or a trailing '=' (self-documenting).
        int depth = 0;
        char quote = 0;
        int exprEnd = end;
        for (int i = from; i < end; i++) {
            char c = body.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (depth == 0 && (c == '!' && i + 1 < end && body.charAt(i + 1) != '=' || c == ':')) {
                exprEnd = i;
                break;
            }
        }
        String exprText = body.substring(from, exprEnd);
        List<Expr> out = new ArrayList<>();
        boolean debug = false;
        int exprTextEnd = exprEnd;
        String trimmed = exprText.stripTrailing();
        if (trimmed.endsWith("=") && !trimmed.endsWith("==") && !trimmed.endsWith("!=") && !trimmed.endsWith("<=") && !trimmed.endsWith(">=")) {
            debug = true;
            exprTextEnd = from + trimmed.length() - 1;
            out.add(new Expr.Const(new Span(base + from, base + exprEnd), exprText));
        }
        if (body.substring(from, exprTextEnd).isBlank()) {
            throw new ParseError("f-string: valid expression required before '}'", fileName, src, base + from, false);
        }
        List<Token> sub = lexer.tokenizeExpression(base + from, base + exprTextEnd);
        Parser inner = new Parser(src, fileName, sub, lexer);
        Expr value = inner.testListStar();
        if (inner.peek().kind() != Kind.NEWLINE) {
            throw inner.unexpected("f-string: invalid syntax");
        }
        char conversion = 0;
        int i = exprEnd;
        if (i < end && body.charAt(i) == '!') {
            conversion = i + 1 < end ? body.charAt(i + 1) : 0;
            if ("rsa".indexOf(conversion) < 0 || conversion == 0) {
                throw new ParseError("f-string: invalid conversion character: expected 's', 'r', or 'a'", fileName, src, base + i, false);
            }
            i += 2;
        }
        Expr spec = null;
        if (i < end && body.charAt(i) == ':') {
            List<Expr> specParts = fstringParts(new Lexer.StringLiteral(raw, true, body.substring(i + 1, end), base + i + 1));
            spec = new Expr.FString(new Span(base + i + 1, base + end), specParts);
        }
        if (debug && conversion == 0 && spec == null) {
            conversion = 'r';
        }
        out.add(new Expr.FormattedValue(new Span(base + from - 1, base + end + 1), value, conversion, spec));
        return out;
    }

    /** Decodes backslash escapes (unless raw). */
    private String decode(String s, boolean raw, int offset) {
        if (raw || s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                sb.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case '\n' -> {
                }
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case '\\' -> sb.append('\\');
                case '\'' -> sb.append('\'');
                case '"' -> sb.append('"');
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'v' -> sb.append('\u000b');
                case 'x', 'u', 'U' -> {
                    int len = n == 'x' ? 2 : n == 'u' ? 4 : 8;
                    if (i + len >= s.length() + 0 && i + len > s.length() - 1 + 1) {
                        throw new ParseError("(unicode error) truncated \\" + n + " escape", fileName, src, offset + i - 1, false);
                    }
                    int cp = Integer.parseInt(s.substring(i + 1, i + 1 + len), 16);
                    sb.appendCodePoint(cp);
                    i += len;
                }
                default -> {
                    if (n >= '0' && n <= '7') {
                        int j = i;
                        int v = 0;
                        while (j < s.length() && j < i + 3 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
                            v = v * 8 + (s.charAt(j) - '0');
                            j++;
                        }
                        sb.append((char) v);
                        i = j - 1;
                    } else {
                        sb.append('\\').append(n);
                    }
                }
            }
        }
        return sb.toString();
    }
}
