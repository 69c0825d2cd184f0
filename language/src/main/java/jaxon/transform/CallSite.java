package jaxon.transform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jaxon.ast.Embedded;
import jaxon.ast.Expr;
import jaxon.ast.Span;
import jaxon.runtime.BuiltinFunction;
import jaxon.runtime.PFunction;
import jaxon.runtime.PNone;
import jaxon.runtime.Signature;

/** What the transformations need to know about a call in let-bound code: its special forms, its callee's key and its arguments by parameter. */
final class CallSite {
    private CallSite() {
    }

    /** For x.at[i].op(v): the Subscript x.at[i]; else null. */
    static Expr.Subscript atSubscript(Expr.Call c) {
        if (c.func() instanceof Expr.Attribute m && m.value() instanceof Expr.Subscript s && s.value() instanceof Expr.Attribute at
                && at.attr().equals("at")) {
            return s;
        }
        return null;
    }

    static Expr.Attribute atUpdate(Expr.Call c) {
        Expr.Subscript s = atSubscript(c);
        return s == null ? null : (Expr.Attribute) s.value();
    }

    static String qualifiedName(Object fn) {
        if (fn instanceof BuiltinFunction b) {
            return b.qualifiedName();
        } else if (fn instanceof PFunction f && f.module != null) {
            Object moduleName = f.module.get("__name__");
            return moduleName + "." + f.name;
        }
        return null;
    }

    /** The call's operands by parameter name, with defaults for the rest; null if a starred argument hides the positions. */
    static Map<String, Expr> bind(Signature sig, List<Expr> args, List<Expr.Keyword> keywords, Span sp) {
        Map<String, Expr> bound = new LinkedHashMap<>();
        List<Expr> extra = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof Expr.Starred) {
                return null;
            }
            if (i < sig.positionalCount) {
                bound.put(sig.names[i], args.get(i));
            } else {
                extra.add(args.get(i));
            }
        }
        if (sig.varargsIndex >= 0) {
            bound.put(sig.names[sig.varargsIndex], new Expr.TupleExpr(sp, extra));
        }
        for (Expr.Keyword k : keywords) {
            if (k.name() == null) {
                return null;
            }
            bound.put(k.name(), k.value());
        }
        for (int i = 0; i < sig.names.length; i++) {
            if (!bound.containsKey(sig.names[i]) && i != sig.varargsIndex && i != sig.kwargsIndex) {
                Object d = sig.defaults[i];
                bound.put(sig.names[i], d == null ? new Expr.Const(sp, PNone.NONE) : literal(d, sp));
            }
        }
        return bound;
    }

    static Expr literal(Object v, Span sp) {
        if (v instanceof Long || v instanceof Double || v instanceof Boolean || v instanceof String || v == PNone.NONE) {
            return new Expr.Const(sp, v);
        }
        return new Expr.Const(sp, new Embedded(v, jaxon.runtime.PyObjects.repr(v)));
    }

    /** An index as a value: slices become slice(...) calls. */
    static Expr indexValue(Expr index) {
        return switch (index) {
            case Expr.Slice s -> new Expr.Call(s.span(), new Expr.Name(s.span(), "slice"), List.of(orNone(s.lower(), s.span()),
                    orNone(s.upper(), s.span()), orNone(s.step(), s.span())), List.of());
            case Expr.TupleExpr t -> new Expr.TupleExpr(t.span(), t.elts().stream().map(CallSite::indexValue).toList());
            default -> index;
        };
    }

    static Expr orNone(Expr e, Span sp) {
        return e == null ? new Expr.Const(sp, PNone.NONE) : e;
    }

    /** The receiver of a method call on a local value (x.sum()), or null when the callee is a global dotted name (jnp.sum). */
    static Expr methodReceiver(Expr.Call c, java.util.Set<String> locals) {
        if (c.func() instanceof Expr.Attribute m && atSubscript(c) == null) {
            Expr root = m.value();
            while (root instanceof Expr.Attribute a) {
                root = a.value();
            }
            if (root instanceof Expr.Name n && locals.contains(n.id())) {
                return m.value();
            }
        }
        return null;
    }
}
