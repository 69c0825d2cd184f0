package jaxon.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.DirectCallNode;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.IndirectCallNode;
import java.util.ArrayList;
import java.util.List;
import jaxon.runtime.BuiltinFunction;
import jaxon.runtime.Calls;
import jaxon.runtime.Errors;
import jaxon.runtime.PDict;
import jaxon.runtime.PFunction;
import jaxon.runtime.PyObjects;

/**
 * A call f(a, *b, k=c, **d). Calls of Jaxon functions go through a monomorphic cache of direct
 * call nodes (so Truffle can inline them); everything else takes the generic path in {@link Calls}.
 */
public final class CallNode extends ExprNode {
    @Child private ExprNode callee;
    @Children private final ExprNode[] args;
    /** Per positional argument: true for *arg. */
    private final boolean[] starred;
    /** Keyword names; null entries are **mapping arguments. */
    private final String[] kwNames;
    @Children private final ExprNode[] kwValues;
    private final boolean simple;

    @CompilationFinal private RootCallTarget cachedTarget;
    @Child private DirectCallNode directCall;
    @Child private IndirectCallNode indirectCall;

    public CallNode(ExprNode callee, ExprNode[] args, boolean[] starred, String[] kwNames, ExprNode[] kwValues) {
        this.callee = callee;
        this.args = args;
        this.starred = starred;
        this.kwNames = kwNames;
        this.kwValues = kwValues;
        boolean s = kwNames.length == 0;
        for (boolean b : starred) {
            s &= !b;
        }
        this.simple = s;
    }

    @Override
    public Object execute(VirtualFrame frame) {
        Object f = callee.execute(frame);
        if (simple) {
            Object[] values = evaluateSimple(frame);
            if (f instanceof PFunction fn) {
                return callFunction(fn, Calls.frameArguments(fn, values, null, null));
            } else if (f instanceof BuiltinFunction b) {
                return b.call(values, null, null);
            }
            return Calls.call(f, values, null, null);
        }
        Object[][] kw = new Object[2][];
        Object[] values = evaluateGeneral(frame, kw);
        String[] names = (String[]) kw[0];
        if (f instanceof PFunction fn) {
            return callFunction(fn, Calls.frameArguments(fn, values, names, kw[1]));
        }
        return Calls.call(f, values, names, kw[1]);
    }

    private Object callFunction(PFunction fn, Object[] frameArgs) {
        if (cachedTarget == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            cachedTarget = fn.target;
            directCall = insert(DirectCallNode.create(fn.target));
        }
        if (fn.target == cachedTarget) {
            return directCall.call(frameArgs);
        }
        if (indirectCall == null) {
            CompilerDirectives.transferToInterpreterAndInvalidate();
            indirectCall = insert(IndirectCallNode.create());
        }
        return indirectCall.call(fn.target, frameArgs);
    }

    @ExplodeLoop
    private Object[] evaluateSimple(VirtualFrame frame) {
        Object[] values = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            values[i] = args[i].execute(frame);
        }
        return values;
    }

    private Object[] evaluateGeneral(VirtualFrame frame, Object[][] kwOut) {
        List<Object> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            Object v = args[i].execute(frame);
            if (starred[i]) {
                addAll(positional, v);
            } else {
                add(positional, v);
            }
        }
        List<String> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < kwNames.length; i++) {
            Object v = kwValues[i].execute(frame);
            if (kwNames[i] == null) {
                addMapping(names, values, v);
            } else {
                addKeyword(names, values, kwNames[i], v);
            }
        }
        kwOut[0] = names.toArray(new String[0]);
        kwOut[1] = values.toArray();
        return positional.toArray();
    }

    @TruffleBoundary
    private static void add(List<Object> list, Object v) {
        list.add(v);
    }

    @TruffleBoundary
    private static void addAll(List<Object> list, Object iterable) {
        java.util.Collections.addAll(list, jaxon.runtime.Iteration.toArray(iterable));
    }

    @TruffleBoundary
    private void addMapping(List<String> names, List<Object> values, Object mapping) {
        if (!(mapping instanceof PDict d)) {
            throw Errors.typeError("argument after ** must be a mapping, not " + PyObjects.typeName(mapping));
        }
        for (Object[] e : d.entries()) {
            if (!(e[0] instanceof String key)) {
                throw Errors.typeError("keywords must be strings");
            }
            addKeyword(names, values, key, e[1]);
        }
    }

    @TruffleBoundary
    private static void addKeyword(List<String> names, List<Object> values, String name, Object value) {
        if (names.contains(name)) {
            throw Errors.typeError("got multiple values for keyword argument '" + name + "'");
        }
        names.add(name);
        values.add(value);
    }
}
