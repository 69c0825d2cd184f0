package jaxon.nodes;

import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.FrameSlotKind;
import com.oracle.truffle.api.source.Source;
import com.oracle.truffle.api.source.SourceSection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jaxon.JaxonLanguage;
import jaxon.ast.Expr;
import jaxon.ast.Module;
import jaxon.ast.Parameters;
import jaxon.ast.Span;
import jaxon.ast.Stmt;
import jaxon.runtime.JaxonException;
import jaxon.runtime.PEllipsis;
import jaxon.runtime.PNone;
import jaxon.runtime.Signature;

/**
 * Builds Truffle nodes from the syntax tree: one root per module, def and lambda. Names are
 * resolved with Python's rules: locals live in frame slots, variables captured by inner functions
 * in cells, everything else in the module's globals.
 */
public final class Translator {
    private final JaxonLanguage language;
    private final Source source;
    private final boolean interactive;
    private Scope scope;

    /** Name resolution and frame layout of the function (or module) being translated. */
    private static final class Scope {
        final Scope parent;
        final boolean isModule;
        final Set<String> locals;
        final Set<String> cells;
        final List<String> frees;
        final FrameDescriptor.Builder frame = FrameDescriptor.newBuilder();
        final Map<String, Integer> slots = new HashMap<>();
        /** Comprehension variables, innermost last: they shadow everything else. */
        final Deque<Map<String, Integer>> blocks = new ArrayDeque<>();
        /** Comprehension-variable slots that hold cells, because a lambda inside the comprehension captures them. */
        final Set<Integer> cellBlockSlots = new java.util.HashSet<>();
        int caughtSlot = -1;

        Scope(Scope parent, boolean isModule, Set<String> locals, Set<String> cells, List<String> frees) {
            this.parent = parent;
            this.isModule = isModule;
            this.locals = locals;
            this.cells = cells;
            this.frees = frees;
        }

        int slot(String name) {
            return slots.computeIfAbsent(name, n -> frame.addSlot(FrameSlotKind.Illegal, n, null));
        }

        int temp(String what) {
            return frame.addSlot(FrameSlotKind.Illegal, what, null);
        }

        int caught() {
            if (caughtSlot < 0) {
                caughtSlot = temp("<caught>");
            }
            return caughtSlot;
        }

        Integer blockSlot(String name) {
            for (var it = blocks.descendingIterator(); it.hasNext();) {
                Integer s = it.next().get(name);
                if (s != null) {
                    return s;
                }
            }
            return null;
        }

        boolean isCell(String name) {
            return cells.contains(name) || frees.contains(name);
        }
    }

    public Translator(JaxonLanguage language, Source source, boolean interactive) {
        this.language = language;
        this.source = source;
        this.interactive = interactive;
    }

    public RootCallTarget translateModule(Module module) {
        scope = new Scope(null, true, Set.of(), Set.of(), List.of());
        List<Stmt> body = new ArrayList<>(module.body());
        // Outside the REPL, a final expression statement is the value of the whole source (for embedders' eval).
        int resultSlot = -1;
        if (!interactive && !body.isEmpty() && body.get(body.size() - 1) instanceof Stmt.ExprStmt last) {
            resultSlot = scope.temp("<result>");
            body.set(body.size() - 1, new Stmt.Pass(last.span()));
            StmtNode block = block(body);
            StmtNode result = new StatementNodes.Assign(new VariableNodes.Store[]{new VariableNodes.StoreLocal(resultSlot)},
                    expr(last.value())).at(last.span());
            return moduleRoot(new StatementNodes.Block(new StmtNode[]{block, result}), resultSlot);
        }
        return moduleRoot(block(body), resultSlot);
    }

    private RootCallTarget moduleRoot(StmtNode body, int resultSlot) {
        SourceSection section = source.createSection(0, source.getLength());
        return new FunctionNodes.ModuleRoot(language, scope.frame.build(), section, body, resultSlot).getCallTarget();
    }

    // ---- statements

    private StmtNode block(List<Stmt> body) {
        StmtNode[] nodes = new StmtNode[body.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = stmt(body.get(i));
        }
        return nodes.length == 1 ? nodes[0] : new StatementNodes.Block(nodes);
    }

    private StmtNode optionalBlock(List<Stmt> body) {
        return body.isEmpty() ? null : block(body);
    }

    private StmtNode stmt(Stmt s) {
        StmtNode node = switch (s) {
            case Stmt.ExprStmt e -> new StatementNodes.ExprStmt(expr(e.value()), interactive && scope.isModule && scope.blocks.isEmpty());
            case Stmt.Assign a -> {
                ExprNode value = expr(a.value());
                VariableNodes.Store[] targets = new VariableNodes.Store[a.targets().size()];
                for (int i = 0; i < targets.length; i++) {
                    targets[i] = store(a.targets().get(i));
                }
                yield new StatementNodes.Assign(targets, value);
            }
            case Stmt.AnnAssign a -> a.value() == null ? new StatementNodes.Pass()
                    : new StatementNodes.Assign(new VariableNodes.Store[]{store(a.target())}, expr(a.value()));
            case Stmt.AugAssign a -> augAssign(a);
            case Stmt.If i -> new StatementNodes.If(expr(i.test()), block(i.body()), optionalBlock(i.orElse()));
            case Stmt.While w -> new StatementNodes.While(expr(w.test()), block(w.body()), optionalBlock(w.orElse()));
            case Stmt.For f -> new StatementNodes.For(store(f.target()), expr(f.iter()), block(f.body()), optionalBlock(f.orElse()),
                    scope.temp("<range>"), scope.temp("<iterator>"));
            case Stmt.Break b -> new StatementNodes.Break();
            case Stmt.Continue c -> new StatementNodes.Continue();
            case Stmt.Pass p -> new StatementNodes.Pass();
            case Stmt.Return r -> {
                if (scope.isModule) {
                    throw syntaxError("'return' outside function", r.span());
                }
                yield new StatementNodes.Return(r.value() == null ? null : expr(r.value()));
            }
            case Stmt.FunctionDef d -> new StatementNodes.Assign(new VariableNodes.Store[]{storeName(d.name())}, functionDef(d));
            case Stmt.Global g -> new StatementNodes.Pass();
            case Stmt.Nonlocal n -> {
                if (scope.isModule) {
                    throw syntaxError("nonlocal declaration not allowed at module level", n.span());
                }
                yield new StatementNodes.Pass();
            }
            case Stmt.Try t -> tryStmt(t);
            case Stmt.Raise r -> r.exc() == null ? new StatementNodes.Reraise(scope.caught())
                    : new StatementNodes.Raise(expr(r.exc()), r.cause() == null ? null : expr(r.cause()));
            case Stmt.Assert a -> new StatementNodes.Assert(expr(a.test()), a.msg() == null ? null : expr(a.msg()));
            case Stmt.Del d -> delete(d);
            case Stmt.Import i -> {
                List<StmtNode> imports = new ArrayList<>();
                for (Stmt.Alias al : i.names()) {
                    String bound = al.asName() != null ? al.asName() : al.name().split("\\.")[0];
                    imports.add(new ModuleNodes.Import(al.name(), al.asName() != null, storeName(bound)).at(i.span()));
                }
                yield imports.size() == 1 ? imports.get(0) : new StatementNodes.Block(imports.toArray(new StmtNode[0]));
            }
            case Stmt.ImportFrom i -> {
                String[] names = new String[i.names().size()];
                VariableNodes.Store[] stores = new VariableNodes.Store[names.length];
                for (int k = 0; k < names.length; k++) {
                    Stmt.Alias al = i.names().get(k);
                    names[k] = al.name();
                    stores[k] = storeName(al.asName() != null ? al.asName() : al.name());
                }
                yield new ModuleNodes.ImportFrom(i.module(), names, stores);
            }
            case Stmt.Magic m -> magic(m);
        };
        return node.at(s.span());
    }

    private StmtNode augAssign(Stmt.AugAssign a) {
        return switch (a.target()) {
            case Expr.Name n -> new StatementNodes.AugAssign(readName(n.id()), a.op(), expr(a.value()), storeName(n.id()));
            case Expr.Subscript s -> new TargetNodes.AugAssignItem(expr(s.value()), expr(s.index()), a.op(), expr(a.value()));
            case Expr.Attribute at -> new StatementNodes.AugAssign(expr(at), a.op(), expr(a.value()), store(at));
            default -> throw syntaxError("'" + a.target().getClass().getSimpleName() + "' is an illegal expression for augmented assignment", a.span());
        };
    }

    private StmtNode delete(Stmt.Del d) {
        List<StmtNode> nodes = new ArrayList<>();
        for (Expr t : d.targets()) {
            if (t instanceof Expr.Name n) {
                Integer block = scope.blockSlot(n.id());
                if (scope.isModule && block == null || !scope.locals.contains(n.id()) && block == null) {
                    nodes.add(new VariableNodes.Delete(-1, false, n.id()));
                } else {
                    nodes.add(new VariableNodes.Delete(block != null ? block : scope.slot(n.id()), block == null && scope.isCell(n.id()), n.id()));
                }
            } else if (t instanceof Expr.Subscript s) {
                nodes.add(new TargetNodes.DeleteItem(expr(s.value()), expr(s.index())));
            } else {
                throw syntaxError("cannot delete expression", t.span());
            }
        }
        return nodes.size() == 1 ? nodes.get(0) : new StatementNodes.Block(nodes.toArray(new StmtNode[0]));
    }

    private StmtNode tryStmt(Stmt.Try t) {
        int n = t.handlers().size();
        ExprNode[] types = new ExprNode[n];
        VariableNodes.Store[] names = new VariableNodes.Store[n];
        StmtNode[] bodies = new StmtNode[n];
        for (int i = 0; i < n; i++) {
            Stmt.ExceptHandler h = t.handlers().get(i);
            types[i] = h.type() == null ? null : expr(h.type());
            names[i] = h.name() == null ? null : storeName(h.name());
            bodies[i] = block(h.body());
        }
        return new StatementNodes.Try(block(t.body()), types, names, bodies, optionalBlock(t.orElse()), optionalBlock(t.finalBody()),
                scope.caught());
    }

    private StmtNode magic(Stmt.Magic m) {
        if (!m.name().equals("timeit")) {
            throw syntaxError("UsageError: Line magic function `%" + m.name() + "` not found.", m.span());
        }
        int loops = 0;
        int repeat = 7;
        String[] opts = m.options().trim().isEmpty() ? new String[0] : m.options().trim().split("\\s+");
        for (int i = 0; i + 1 < opts.length; i += 2) {
            switch (opts[i]) {
                case "-n" -> loops = Integer.parseInt(opts[i + 1]);
                case "-r" -> repeat = Integer.parseInt(opts[i + 1]);
                default -> throw syntaxError("UsageError: unsupported %timeit option " + opts[i], m.span());
            }
        }
        return new TimeitNode(stmt(m.body()), loops, repeat);
    }

    // ---- functions

    private ExprNode functionDef(Stmt.FunctionDef d) {
        ExprNode fn = function(d.name(), d.params(), d.body(), null, d.span(), d);
        for (int i = d.decorators().size() - 1; i >= 0; i--) {
            Expr dec = d.decorators().get(i);
            fn = new CallNode(expr(dec), new ExprNode[]{fn}, new boolean[1], new String[0], new ExprNode[0]).at(dec.span());
        }
        return fn;
    }

    private ExprNode function(String name, Parameters params, List<Stmt> body, Expr lambdaBody, Span span, Stmt.FunctionDef def) {
        ScopeAnalysis analysis = lambdaBody == null ? ScopeAnalysis.ofFunction(params, body) : ScopeAnalysis.ofLambda(params, lambdaBody);
        Set<String> locals = analysis.locals();
        List<String> frees = new ArrayList<>();
        for (String candidate : analysis.freeCandidates()) {
            if (providesCell(scope, candidate)) {
                frees.add(candidate);
            }
        }
        for (String n : analysis.nonlocals) {
            if (!frees.contains(n)) {
                throw syntaxError("no binding for nonlocal '" + n + "' found", span);
            }
        }
        Set<String> cells = new java.util.LinkedHashSet<>(locals);
        cells.retainAll(analysis.childFree);

        Scope outer = scope;
        Scope inner = new Scope(outer, false, locals, cells, frees);
        // Signature: positional, *varargs, keyword-only, **kwargs.
        List<String> names = new ArrayList<>();
        List<Object> defaultMarks = new ArrayList<>();
        List<Expr> defaultExprs = new ArrayList<>();
        List<Integer> defaultIndices = new ArrayList<>();
        for (Parameters.Param p : params.positional()) {
            addParam(p, names, defaultMarks, defaultExprs, defaultIndices);
        }
        int positionalCount = names.size();
        int varargsIndex = -1;
        if (params.varargs() != null) {
            varargsIndex = names.size();
            names.add(params.varargs());
            defaultMarks.add(null);
        }
        for (Parameters.Param p : params.keywordOnly()) {
            addParam(p, names, defaultMarks, defaultExprs, defaultIndices);
        }
        int kwargsIndex = -1;
        if (params.kwargs() != null) {
            kwargsIndex = names.size();
            names.add(params.kwargs());
            defaultMarks.add(null);
        }
        Signature template = new Signature(name, names.toArray(new String[0]), defaultMarks.toArray(), positionalCount, varargsIndex,
                kwargsIndex);
        ExprNode[] defaults = new ExprNode[defaultExprs.size()];
        for (int i = 0; i < defaults.length; i++) {
            defaults[i] = expr(defaultExprs.get(i)); // evaluated in the defining scope
        }

        scope = inner;
        try {
            int[] paramSlots = new int[names.size()];
            boolean[] paramIsCell = new boolean[names.size()];
            for (int i = 0; i < paramSlots.length; i++) {
                paramSlots[i] = inner.slot(names.get(i));
                paramIsCell[i] = cells.contains(names.get(i));
            }
            List<Integer> localCells = new ArrayList<>();
            for (String c : cells) {
                if (!names.contains(c)) {
                    localCells.add(inner.slot(c));
                }
            }
            int[] freeSlots = new int[frees.size()];
            for (int i = 0; i < freeSlots.length; i++) {
                freeSlots[i] = inner.slot(frees.get(i));
            }
            StmtNode bodyNode = lambdaBody == null ? block(body) : null;
            ExprNode exprBody = lambdaBody == null ? null : expr(lambdaBody);
            SourceSection section = source.createSection(span.start(), span.end() - span.start());
            FunctionNodes.FunctionRoot root = new FunctionNodes.FunctionRoot(language, inner.frame.build(), name, section, bodyNode, exprBody,
                    paramSlots, paramIsCell, localCells.stream().mapToInt(Integer::intValue).toArray(), freeSlots);
            RootCallTarget target = root.getCallTarget();
            scope = outer;
            int[] captureSlots = new int[frees.size()];
            for (int i = 0; i < captureSlots.length; i++) {
                captureSlots[i] = cellSlot(outer, frees.get(i));
            }
            return new FunctionNodes.MakeFunction(name, target, template, defaults,
                    defaultIndices.stream().mapToInt(Integer::intValue).toArray(), captureSlots, def).at(span);
        } finally {
            scope = outer;
        }
    }

    private static void addParam(Parameters.Param p, List<String> names, List<Object> marks, List<Expr> exprs, List<Integer> indices) {
        if (p.defaultValue() != null) {
            indices.add(names.size());
            exprs.add(p.defaultValue());
            marks.add(PNone.NONE); // replaced by the evaluated default when the def runs
        } else {
            marks.add(null);
        }
        names.add(p.name());
    }

    /** Whether an enclosing function scope binds the name (so a nested function closes over it). */
    private static boolean providesCell(Scope s, String name) {
        Integer block = s.blockSlot(name);
        if (block != null) {
            return s.cellBlockSlots.contains(block);
        }
        return !s.isModule && (s.locals.contains(name) || s.frees.contains(name));
    }

    /** The slot in s that holds the cell of a variable a nested function closes over. */
    private static int cellSlot(Scope s, String name) {
        Integer block = s.blockSlot(name);
        return block != null ? block : s.slot(name);
    }

    // ---- names

    private ExprNode readName(String name) {
        Integer block = scope.blockSlot(name);
        if (block != null) {
            return scope.cellBlockSlots.contains(block) ? new VariableNodes.ReadCell(block, name) : new VariableNodes.ReadLocal(block, name);
        }
        if (!scope.isModule && (scope.locals.contains(name) || scope.frees.contains(name))) {
            return scope.isCell(name) ? new VariableNodes.ReadCell(scope.slot(name), name) : new VariableNodes.ReadLocal(scope.slot(name), name);
        }
        return new VariableNodes.ReadGlobal(name);
    }

    private VariableNodes.Store storeName(String name) {
        Integer block = scope.blockSlot(name);
        if (block != null) {
            return scope.cellBlockSlots.contains(block) ? new VariableNodes.StoreCell(block) : new VariableNodes.StoreLocal(block);
        }
        if (!scope.isModule && (scope.locals.contains(name) || scope.frees.contains(name))) {
            return scope.isCell(name) ? new VariableNodes.StoreCell(scope.slot(name)) : new VariableNodes.StoreLocal(scope.slot(name));
        }
        return new VariableNodes.StoreGlobal(name);
    }

    private VariableNodes.Store store(Expr target) {
        VariableNodes.Store node = switch (target) {
            case Expr.Name n -> storeName(n.id());
            case Expr.TupleExpr t -> unpack(t.elts(), t.span());
            case Expr.ListExpr l -> unpack(l.elts(), l.span());
            case Expr.Subscript s -> new TargetNodes.StoreItem(expr(s.value()), expr(s.index()));
            case Expr.Attribute a -> new TargetNodes.StoreAttribute(expr(a.value()), a.attr());
            default -> throw syntaxError("cannot assign to expression", target.span());
        };
        return node.at(target.span());
    }

    private VariableNodes.Store unpack(List<Expr> elts, Span span) {
        VariableNodes.Store[] targets = new VariableNodes.Store[elts.size()];
        int star = -1;
        for (int i = 0; i < targets.length; i++) {
            Expr e = elts.get(i);
            if (e instanceof Expr.Starred s) {
                if (star >= 0) {
                    throw syntaxError("multiple starred expressions in assignment", span);
                }
                star = i;
                targets[i] = store(s.value());
            } else {
                targets[i] = store(e);
            }
        }
        return new TargetNodes.Unpack(targets, star);
    }

    // ---- expressions

    private ExprNode[] exprs(List<Expr> list) {
        ExprNode[] out = new ExprNode[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = expr(list.get(i));
        }
        return out;
    }

    private ExprNode expr(Expr e) {
        ExprNode node = switch (e) {
            case Expr.Name n -> readName(n.id());
            case Expr.Const c -> new ExpressionNodes.Constant(c.value() == Expr.ELLIPSIS ? PEllipsis.INSTANCE : c.value());
            case Expr.FString f -> fstring(f);
            case Expr.FormattedValue f -> fstring(new Expr.FString(f.span(), List.of(f)));
            case Expr.ListExpr l -> sequence(l.elts(), false);
            case Expr.TupleExpr t -> sequence(t.elts(), true);
            case Expr.DictExpr d -> {
                ExprNode[] keys = new ExprNode[d.keys().size()];
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = d.keys().get(i) == null ? null : expr(d.keys().get(i));
                }
                yield new ExpressionNodes.Dict(keys, exprs(d.values()));
            }
            case Expr.BinOp b -> new OperatorNodes.Binary(expr(b.left()), b.op(), expr(b.right()));
            case Expr.UnaryOp u -> new OperatorNodes.Unary(u.op(), expr(u.operand()));
            case Expr.BoolOp b -> new OperatorNodes.BoolOp(b.isAnd(), exprs(b.values()));
            case Expr.Compare c -> {
                List<Expr> operands = new ArrayList<>();
                operands.add(c.left());
                operands.addAll(c.comparators());
                yield new OperatorNodes.Compare(exprs(operands), c.ops().toArray(new Expr.CompareOp[0]));
            }
            case Expr.Call c -> call(c);
            case Expr.Attribute a -> new ExpressionNodes.GetAttribute(expr(a.value()), a.attr());
            case Expr.Subscript s -> new ExpressionNodes.GetItem(expr(s.value()), expr(s.index()));
            case Expr.Slice s -> new ExpressionNodes.MakeSlice(s.lower() == null ? null : expr(s.lower()),
                    s.upper() == null ? null : expr(s.upper()), s.step() == null ? null : expr(s.step()));
            case Expr.Starred s -> throw syntaxError("can't use starred expression here", s.span());
            case Expr.IfExp i -> new OperatorNodes.IfExp(expr(i.test()), expr(i.body()), expr(i.orElse()));
            case Expr.Lambda l -> function("<lambda>", l.params(), List.of(), l.body(), l.span(), null);
            case Expr.ListComp c -> comprehension(c, c.generators(), c.elt(), null);
            case Expr.DictComp c -> comprehension(c, c.generators(), c.key(), c.value());
        };
        return node.at(e.span());
    }

    private ExprNode sequence(List<Expr> elts, boolean isTuple) {
        ExprNode[] nodes = new ExprNode[elts.size()];
        boolean[] starred = new boolean[elts.size()];
        for (int i = 0; i < nodes.length; i++) {
            Expr x = elts.get(i);
            starred[i] = x instanceof Expr.Starred;
            nodes[i] = expr(x instanceof Expr.Starred s ? s.value() : x);
        }
        return new ExpressionNodes.Sequence(nodes, starred, isTuple);
    }

    private ExprNode call(Expr.Call c) {
        ExprNode[] args = new ExprNode[c.args().size()];
        boolean[] starred = new boolean[args.length];
        for (int i = 0; i < args.length; i++) {
            Expr a = c.args().get(i);
            starred[i] = a instanceof Expr.Starred;
            args[i] = expr(a instanceof Expr.Starred s ? s.value() : a);
        }
        String[] kwNames = new String[c.keywords().size()];
        ExprNode[] kwValues = new ExprNode[kwNames.length];
        for (int i = 0; i < kwNames.length; i++) {
            kwNames[i] = c.keywords().get(i).name();
            kwValues[i] = expr(c.keywords().get(i).value());
        }
        return new CallNode(expr(c.func()), args, starred, kwNames, kwValues);
    }

    private ExprNode fstring(Expr.FString f) {
        int n = f.parts().size();
        ExprNode[] parts = new ExprNode[n];
        char[] conversions = new char[n];
        ExprNode[] specs = new ExprNode[n];
        for (int i = 0; i < n; i++) {
            Expr p = f.parts().get(i);
            if (p instanceof Expr.FormattedValue fv) {
                parts[i] = expr(fv.value());
                conversions[i] = fv.conversion();
                specs[i] = fv.formatSpec() == null ? null : expr(fv.formatSpec());
            } else {
                parts[i] = expr(p);
                conversions[i] = 1; // a literal piece
            }
        }
        return new ExpressionNodes.FString(parts, conversions, specs);
    }

    /** Comprehension variables get fresh slots in the current frame, visible only inside it. */
    private ExprNode comprehension(Expr whole, List<Expr.Comprehension> generators, Expr element, Expr value) {
        ExpressionNodes.Generator[] gens = new ExpressionNodes.Generator[generators.size()];
        Map<String, Integer> block = new LinkedHashMap<>();
        Set<String> capturedByLambdas = ScopeAnalysis.ofLambda(Parameters.EMPTY, whole).childFree;
        List<Integer> cellSlots = new ArrayList<>();
        int pushed = 0;
        try {
            for (int i = 0; i < gens.length; i++) {
                Expr.Comprehension g = generators.get(i);
                ExprNode iterable = expr(g.iter()); // evaluated before this clause's variables exist
                Map<String, Integer> clause = new LinkedHashMap<>();
                collectTargetNames(g.target(), clause);
                clause.forEach((n, slot) -> {
                    if (capturedByLambdas.contains(n)) {
                        scope.cellBlockSlots.add(slot);
                        cellSlots.add(slot);
                    }
                });
                scope.blocks.addLast(clause);
                pushed++;
                block.putAll(clause);
                gens[i] = new ExpressionNodes.Generator(store(g.target()), iterable, exprs(g.ifs()));
            }
            return new ExpressionNodes.Comprehension(gens, expr(element), value == null ? null : expr(value),
                    cellSlots.stream().mapToInt(Integer::intValue).toArray());
        } finally {
            for (int i = 0; i < pushed; i++) {
                scope.blocks.removeLast();
            }
        }
    }

    private void collectTargetNames(Expr target, Map<String, Integer> out) {
        switch (target) {
            case Expr.Name n -> out.put(n.id(), scope.temp(n.id()));
            case Expr.TupleExpr t -> t.elts().forEach(x -> collectTargetNames(x, out));
            case Expr.ListExpr l -> l.elts().forEach(x -> collectTargetNames(x, out));
            case Expr.Starred s -> collectTargetNames(s.value(), out);
            default -> {
            }
        }
    }

    private JaxonException syntaxError(String message, Span span) {
        return JaxonException.syntaxError(message, source.createSection(span.start(), Math.max(0, span.end() - span.start())), false);
    }
}
