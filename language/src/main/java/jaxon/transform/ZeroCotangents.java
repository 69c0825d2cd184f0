package jaxon.transform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jaxon.ast.Expr;
import jaxon.ast.Stmt;
import jaxon.runtime.PNone;

/**
 * Simplifies a reverse sweep by what is known before it runs about which cotangents are zero
 * (None). In straight-line code every cotangent's state is known: the first contribution to v_bar
 * becomes a plain assignment instead of ad.add(None, c), and the guard "if v_bar is not None" goes
 * away when v_bar is known either way. Only branches and loops leave states unknown; their guards
 * stay. The result is shorter code for eager runs and long elementwise chains for jit's fusion
 * (a helper call ends a fused chain).
 */
final class ZeroCotangents {
    private enum State { ZERO, NONZERO, UNKNOWN }

    private ZeroCotangents() {
    }

    /** The reverse sweep with what is known applied, and initial "v = None" stores that nothing reads dropped. */
    static List<Stmt> simplify(List<Stmt> reverse) {
        return withoutDeadInits(block(reverse, new HashMap<>()));
    }

    private static List<Stmt> block(List<Stmt> body, Map<String, State> states) {
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : body) {
            switch (s) {
                case Stmt.Assign a when a.targets().size() == 1 && a.targets().get(0) instanceof Expr.Name t -> {
                    Expr contribution = accumulated(t.id(), a.value());
                    if (contribution != null) {
                        State before = state(states, t.id());
                        State added = state(contribution, states);
                        out.add(before == State.ZERO ? new Stmt.Assign(a.span(), a.targets(), contribution) : a);
                        states.put(t.id(), before == State.ZERO ? added : before == State.NONZERO || added == State.NONZERO ? State.NONZERO : State.UNKNOWN);
                    } else {
                        out.add(a);
                        states.put(t.id(), state(a.value(), states));
                    }
                }
                case Stmt.If f when guarded(f) != null -> {
                    switch (state(states, guarded(f))) {
                        case NONZERO -> out.addAll(block(f.body(), states));
                        case ZERO -> {
                        }
                        case UNKNOWN -> {
                            Map<String, State> taken = new HashMap<>(states);
                            out.add(new Stmt.If(f.span(), f.test(), block(f.body(), taken), List.of()));
                            merge(states, taken);
                        }
                    }
                }
                case Stmt.If f -> {
                    Map<String, State> then = new HashMap<>(states);
                    Map<String, State> orElse = new HashMap<>(states);
                    out.add(new Stmt.If(f.span(), f.test(), block(f.body(), then), block(f.orElse(), orElse)));
                    states.clear();
                    states.putAll(then);
                    merge(states, orElse);
                }
                case Stmt.For f -> {
                    forget(states, f.body());
                    out.add(new Stmt.For(f.span(), f.target(), f.iter(), block(f.body(), new HashMap<>(states)), f.orElse()));
                    forget(states, f.body());
                }
                case Stmt.While w -> {
                    forget(states, w.body());
                    out.add(new Stmt.While(w.span(), w.test(), block(w.body(), new HashMap<>(states)), w.orElse()));
                    forget(states, w.body());
                }
                default -> {
                    forget(states, List.of(s));
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** For v = ad.add(v, c): c; else null. */
    private static Expr accumulated(String v, Expr value) {
        if (Exprs.helperName(value).equals("add") && ((Expr.Call) value).args().get(0) instanceof Expr.Name n && n.id().equals(v)) {
            return ((Expr.Call) value).args().get(1);
        }
        return null;
    }

    /** For "if v is not None:" without else: v; else null. */
    private static String guarded(Stmt.If f) {
        if (f.orElse().isEmpty() && f.test() instanceof Expr.Compare c && c.ops().equals(List.of(Expr.CompareOp.IS_NOT))
                && c.left() instanceof Expr.Name n && Exprs.isNone(c.comparators().get(0))) {
            return n.id();
        }
        return null;
    }

    private static State state(Map<String, State> states, String v) {
        return states.getOrDefault(v, State.UNKNOWN);
    }

    /** Whether a value is None: known for None, names, operators and the helpers that never return None. */
    private static State state(Expr e, Map<String, State> states) {
        if (Exprs.isNone(e)) {
            return State.ZERO;
        }
        return switch (e) {
            case Expr.Name n -> state(states, n.id());
            case Expr.BinOp b -> State.NONZERO;
            case Expr.UnaryOp u -> State.NONZERO;
            case Expr.ListExpr l -> State.NONZERO;
            case Expr.TupleExpr t -> State.NONZERO;
            case Expr.Call c when Set.of("seed", "unbroadcast", "reduce_adjoint", "masked_adjoint", "unmasked").contains(Exprs.helperName(c)) -> State.NONZERO;
            case Expr.Call c when Exprs.helperName(c).equals("add") -> {
                State a = state(c.args().get(0), states);
                State b = state(c.args().get(1), states);
                yield a == State.NONZERO || b == State.NONZERO ? State.NONZERO : a == State.ZERO && b == State.ZERO ? State.ZERO : State.UNKNOWN;
            }
            default -> State.UNKNOWN;
        };
    }

    /** Joins the states after two paths into states: what differs becomes unknown. */
    private static void merge(Map<String, State> states, Map<String, State> other) {
        Set<String> all = new HashSet<>(states.keySet());
        all.addAll(other.keySet());
        for (String v : all) {
            if (state(states, v) != state(other, v)) {
                states.put(v, State.UNKNOWN);
            }
        }
    }

    /** Every name the statements mention becomes unknown (they may run any number of times). */
    private static void forget(Map<String, State> states, List<Stmt> body) {
        body.forEach(s -> Exprs.statementNames(s).forEach(v -> states.put(v, State.UNKNOWN)));
    }

    /** Drops "v = None" statements of the top level whose value no later statement reads before v is assigned again. */
    private static List<Stmt> withoutDeadInits(List<Stmt> body) {
        List<Stmt> out = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            if (!(body.get(i) instanceof Stmt.Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof Expr.Name t
                    && Exprs.isNone(a.value()) && overwrittenUnread(body, i + 1, t.id()))) {
                out.add(body.get(i));
            }
        }
        return out;
    }

    private static boolean overwrittenUnread(List<Stmt> body, int from, String v) {
        for (int j = from; j < body.size(); j++) {
            Stmt s = body.get(j);
            if (s instanceof Stmt.Assign a && a.targets().size() == 1 && a.targets().get(0) instanceof Expr.Name t && t.id().equals(v)) {
                return !Exprs.names(a.value()).contains(v);
            }
            if (Exprs.statementNames(s).contains(v)) {
                return false;
            }
        }
        return false;
    }
}
