package jaxon.transform;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import jaxon.ast.Expr;
import jaxon.ast.Stmt;

/**
 * Names for the variables a transformation introduces, distinct from every name in the function
 * it rewrites (which may itself be generated code, as in grad(grad(f))).
 */
final class Names {
    private final Set<String> used = new HashSet<>();
    private final Map<String, String> bars = new HashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();

    Names(Stmt.FunctionDef def) {
        used.addAll(ReverseMode.parameterNames(def.params()));
        def.body().forEach(s -> used.addAll(Exprs.statementNames(s)));
    }

    private Set<String> markedUsed;

    /** The state of the numbering, to undo a trial run of a sweep. */
    Map<String, Integer> mark() {
        markedUsed = new HashSet<>(used);
        return new HashMap<>(counters);
    }

    void reset(Map<String, Integer> mark) {
        counters.clear();
        counters.putAll(mark);
        used.retainAll(markedUsed);
    }

    /** prefix followed by the next number that makes an unused name. */
    String fresh(String prefix) {
        String name;
        do {
            name = prefix + counters.merge(prefix, 1, Integer::sum);
        } while (used.contains(name));
        used.add(name);
        return name;
    }

    /** name itself if unused, else name with a number. */
    String reserve(String name) {
        if (!used.contains(name)) {
            used.add(name);
            return name;
        }
        return fresh(name);
    }

    /** The variable holding the cotangent of v: v_bar, unless that name is taken. */
    String bar(String v) {
        return bars.computeIfAbsent(v, k -> reserve(k + "_bar"));
    }

    Expr.Name freshName(jaxon.ast.Span sp, String prefix) {
        return new Expr.Name(sp, fresh(prefix));
    }
}
