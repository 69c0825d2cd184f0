package jaxon.nodes;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import jaxon.runtime.Attributes;
import jaxon.runtime.Errors;
import jaxon.runtime.Iteration;
import jaxon.runtime.PDict;
import jaxon.runtime.PList;
import jaxon.runtime.PNone;
import jaxon.runtime.PSlice;
import jaxon.runtime.PTuple;
import jaxon.runtime.PyObjects;
import jaxon.runtime.Subscripts;
import jaxon.runtime.format.PyFormat;

/** Literals, displays, comprehensions, f-strings, attribute and subscript reads. */
public final class ExpressionNodes {
    private ExpressionNodes() {
    }

    public static final class Constant extends ExprNode {
        private final Object value;

        public Constant(Object value) {
            this.value = value;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            return value;
        }
    }

    /** [a, *b] or (a, *b): elements flagged starred are spliced in. */
    public static final class Sequence extends ExprNode {
        @Children private final ExprNode[] elements;
        private final boolean[] starred;
        private final boolean isTuple;

        public Sequence(ExprNode[] elements, boolean[] starred, boolean isTuple) {
            this.elements = elements;
            this.starred = starred;
            this.isTuple = isTuple;
        }

        @Override
        @ExplodeLoop
        public Object execute(VirtualFrame frame) {
            Object[] values = new Object[elements.length];
            boolean anyStar = false;
            for (int i = 0; i < elements.length; i++) {
                values[i] = elements[i].execute(frame);
                anyStar |= starred[i];
            }
            if (anyStar) {
                values = splice(values, starred);
            }
            return isTuple ? new PTuple(values) : PList.of(values);
        }

        @TruffleBoundary
        private static Object[] splice(Object[] values, boolean[] starred) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                if (starred[i]) {
                    java.util.Collections.addAll(out, Iteration.toArray(values[i]));
                } else {
                    out.add(values[i]);
                }
            }
            return out.toArray();
        }
    }

    /** {k: v, **d}; a null key node marks ** unpacking. */
    public static final class Dict extends ExprNode {
        @Children private final ExprNode[] keys;
        @Children private final ExprNode[] values;

        public Dict(ExprNode[] keys, ExprNode[] values) {
            this.keys = keys;
            this.values = values;
        }

        @Override
        @ExplodeLoop
        public Object execute(VirtualFrame frame) {
            PDict d = new PDict();
            for (int i = 0; i < values.length; i++) {
                Object v = values[i].execute(frame);
                if (keys[i] == null) {
                    merge(d, v);
                } else {
                    put(d, keys[i].execute(frame), v);
                }
            }
            return d;
        }

        @TruffleBoundary
        private static void put(PDict d, Object k, Object v) {
            d.put(k, v);
        }

        @TruffleBoundary
        private static void merge(PDict d, Object v) {
            if (!(v instanceof PDict src)) {
                throw Errors.typeError("'" + PyObjects.typeName(v) + "' object is not a mapping");
            }
            for (Object[] e : src.entries()) {
                d.put(e[0], e[1]);
            }
        }
    }

    /** One "for target in iter if cond..." clause of a comprehension. */
    public static final class Generator extends JaxonNode {
        @Child VariableNodes.Store target;
        @Child ExprNode iterable;
        @Children final ExprNode[] conditions;

        public Generator(VariableNodes.Store target, ExprNode iterable, ExprNode[] conditions) {
            this.target = target;
            this.iterable = iterable;
            this.conditions = conditions;
        }
    }

    /** [elt for ...] and {key: value for ...}; generator expressions are evaluated eagerly into lists. */
    public static final class Comprehension extends ExprNode {
        @Children private final Generator[] generators;
        @Child private ExprNode element;
        @Child private ExprNode value;
        /** Variables captured by lambdas inside: one fresh cell each per evaluation, as in Python. */
        @com.oracle.truffle.api.CompilerDirectives.CompilationFinal(dimensions = 1) private final int[] cellSlots;

        /** value is null for list comprehensions; for dict comprehensions element is the key. */
        public Comprehension(Generator[] generators, ExprNode element, ExprNode value, int[] cellSlots) {
            this.generators = generators;
            this.element = element;
            this.value = value;
            this.cellSlots = cellSlots;
        }

        @Override
        @ExplodeLoop
        public Object execute(VirtualFrame frame) {
            for (int slot : cellSlots) {
                frame.setObject(slot, new jaxon.runtime.Cell(null));
            }
            if (value == null) {
                PList out = new PList();
                run(frame.materialize(), 0, out, null);
                return out;
            }
            PDict out = new PDict();
            run(frame.materialize(), 0, null, out);
            return out;
        }

        @TruffleBoundary
        private void run(com.oracle.truffle.api.frame.MaterializedFrame frame, int level, PList list, PDict dict) {
            Generator g = generators[level];
            Iterator<Object> it = Iteration.iterator(g.iterable.execute(frame));
            outer:
            while (it.hasNext()) {
                g.target.store(frame, it.next());
                for (ExprNode c : g.conditions) {
                    if (!PyObjects.isTrue(c.execute(frame))) {
                        continue outer;
                    }
                }
                if (level + 1 < generators.length) {
                    run(frame, level + 1, list, dict);
                } else if (list != null) {
                    list.items.add(element.execute(frame));
                } else {
                    dict.put(element.execute(frame), value.execute(frame));
                }
            }
        }
    }

    /** f"...{x!r:>10}...": parts are constants or formatted values. */
    public static final class FString extends ExprNode {
        @Children private final ExprNode[] parts;
        private final char[] conversions;
        @Children private final ExprNode[] specs;

        public FString(ExprNode[] parts, char[] conversions, ExprNode[] specs) {
            this.parts = parts;
            this.conversions = conversions;
            this.specs = specs;
        }

        @Override
        @ExplodeLoop
        public Object execute(VirtualFrame frame) {
            String[] pieces = new String[parts.length];
            for (int i = 0; i < parts.length; i++) {
                Object v = parts[i].execute(frame);
                Object spec = specs[i] == null ? null : specs[i].execute(frame);
                pieces[i] = conversions[i] == 1 ? (String) v : format(v, conversions[i], spec);
            }
            return concat(pieces);
        }

        @TruffleBoundary
        private static String format(Object v, char conversion, Object spec) {
            if (conversion == 'r' || conversion == 'a') {
                v = PyObjects.repr(v);
            } else if (conversion == 's') {
                v = PyObjects.str(v);
            }
            return PyFormat.format(v, spec == null ? "" : (String) spec);
        }

        @TruffleBoundary
        private static String concat(String[] pieces) {
            return String.join("", pieces);
        }
    }

    public static final class GetAttribute extends ExprNode {
        @Child private ExprNode object;
        private final String name;

        public GetAttribute(ExprNode object, String name) {
            this.object = object;
            this.name = name;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            return Attributes.get(object.execute(frame), name);
        }
    }

    public static final class GetItem extends ExprNode {
        @Child private ExprNode object;
        @Child private ExprNode index;

        public GetItem(ExprNode object, ExprNode index) {
            this.object = object;
            this.index = index;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            Object o = object.execute(frame);
            Object i = index.execute(frame);
            if (o instanceof PList l && i instanceof Long k && k >= 0 && k < l.size()) {
                return get(l, (int) (long) k);
            }
            return Subscripts.get(o, i);
        }

        @TruffleBoundary
        private static Object get(PList l, int i) {
            return l.items.get(i);
        }
    }

    /** lower:upper:step inside a subscript. */
    public static final class MakeSlice extends ExprNode {
        @Child private ExprNode lower;
        @Child private ExprNode upper;
        @Child private ExprNode step;

        public MakeSlice(ExprNode lower, ExprNode upper, ExprNode step) {
            this.lower = lower;
            this.upper = upper;
            this.step = step;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            return new PSlice(eval(lower, frame), eval(upper, frame), eval(step, frame));
        }

        private static Object eval(ExprNode n, VirtualFrame frame) {
            return n == null ? PNone.NONE : n.execute(frame);
        }
    }
}
