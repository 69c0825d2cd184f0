package jaxon.nodes;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.SourceSection;
import jaxon.JaxonLanguage;
import jaxon.ast.Stmt;
import jaxon.runtime.Cell;
import jaxon.runtime.PFunction;
import jaxon.runtime.PModule;
import jaxon.runtime.PNone;
import jaxon.runtime.Signature;

/** Root nodes of functions and modules, and the node that creates a function when its def runs. */
public final class FunctionNodes {
    private FunctionNodes() {
    }

    /**
     * The body of a def or lambda. Frame arguments: [the PFunction, bound parameter values...].
     * Parameters go to their slots (wrapped in cells when inner functions capture them); free
     * variables are copied from the function's closure.
     */
    public static final class FunctionRoot extends RootNode {
        @Child private StmtNode body;
        private final String name;
        private final SourceSection section;
        @CompilationFinal(dimensions = 1) private final int[] parameterSlots;
        @CompilationFinal(dimensions = 1) private final boolean[] parameterIsCell;
        @CompilationFinal(dimensions = 1) private final int[] localCellSlots;
        @CompilationFinal(dimensions = 1) private final int[] freeSlots;
        /** For a lambda: its body is one expression. */
        @Child private ExprNode expressionBody;

        public FunctionRoot(JaxonLanguage language, FrameDescriptor frame, String name, SourceSection section, StmtNode body,
                        ExprNode expressionBody, int[] parameterSlots, boolean[] parameterIsCell, int[] localCellSlots, int[] freeSlots) {
            super(language, frame);
            this.name = name;
            this.section = section;
            this.body = body;
            this.expressionBody = expressionBody;
            this.parameterSlots = parameterSlots;
            this.parameterIsCell = parameterIsCell;
            this.localCellSlots = localCellSlots;
            this.freeSlots = freeSlots;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            setUp(frame);
            if (expressionBody != null) {
                return expressionBody.execute(frame);
            }
            try {
                body.execute(frame);
            } catch (ControlFlow.Return r) {
                return r.value;
            }
            return PNone.NONE;
        }

        /** The names of the variables this function reads from its closure, in closure order. */
        public String[] freeNames() {
            String[] names = new String[freeSlots.length];
            for (int i = 0; i < names.length; i++) {
                names[i] = (String) getFrameDescriptor().getSlotName(freeSlots[i]);
            }
            return names;
        }

        @ExplodeLoop
        private void setUp(VirtualFrame frame) {
            Object[] args = frame.getArguments();
            for (int i = 0; i < parameterSlots.length; i++) {
                Object v = args[i + 1];
                frame.setObject(parameterSlots[i], parameterIsCell[i] ? new Cell(v) : v);
            }
            for (int slot : localCellSlots) {
                frame.setObject(slot, new Cell(null));
            }
            Cell[] closure = ((PFunction) args[0]).closure;
            for (int i = 0; i < freeSlots.length; i++) {
                frame.setObject(freeSlots[i], closure[i]);
            }
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public SourceSection getSourceSection() {
            return section;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A module's top-level code. Argument 0 is the module whose globals it fills. */
    public static final class ModuleRoot extends RootNode {
        @Child private StmtNode body;
        private final SourceSection section;
        /** Frame slot holding the value of a final expression statement, or -1. */
        private final int resultSlot;

        public ModuleRoot(JaxonLanguage language, FrameDescriptor frame, SourceSection section, StmtNode body, int resultSlot) {
            super(language, frame);
            this.section = section;
            this.body = body;
            this.resultSlot = resultSlot;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            body.execute(frame);
            return resultSlot < 0 ? PNone.NONE : frame.getObject(resultSlot);
        }

        @Override
        public String getName() {
            return "<module>";
        }

        @Override
        public SourceSection getSourceSection() {
            return section;
        }
    }

    /** What Context.eval runs: the module's code in the __main__ module. */
    public static final class MainRoot extends RootNode {
        @Child private com.oracle.truffle.api.nodes.DirectCallNode module;

        public MainRoot(JaxonLanguage language, RootCallTarget module) {
            super(language);
            this.module = com.oracle.truffle.api.nodes.DirectCallNode.create(module);
        }

        @Override
        public Object execute(VirtualFrame frame) {
            Object[] args = frame.getArguments();
            return module.call(args.length > 0 && args[0] instanceof PModule m ? m : jaxon.JaxonContext.get(this).mainModule);
        }

        @Override
        public boolean isInternal() {
            return true;
        }
    }

    /** Running a def or evaluating a lambda: evaluates defaults, captures cells, makes the PFunction. */
    public static final class MakeFunction extends ExprNode {
        private final String name;
        private final RootCallTarget target;
        private final Signature template;
        @Children private final ExprNode[] defaults;
        /** Parameter index each default belongs to. */
        @CompilationFinal(dimensions = 1) private final int[] defaultIndices;
        /** Slots in the defining frame holding the cells the new function closes over. */
        @CompilationFinal(dimensions = 1) private final int[] captureSlots;
        private final Stmt.FunctionDef definition;

        public MakeFunction(String name, RootCallTarget target, Signature template, ExprNode[] defaults, int[] defaultIndices,
                        int[] captureSlots, Stmt.FunctionDef definition) {
            this.name = name;
            this.target = target;
            this.template = template;
            this.defaults = defaults;
            this.defaultIndices = defaultIndices;
            this.captureSlots = captureSlots;
            this.definition = definition;
        }

        public RootCallTarget target() {
            return target;
        }

        @Override
        @ExplodeLoop
        public Object execute(VirtualFrame frame) {
            Signature sig = template;
            if (defaults.length > 0) {
                Object[] values = template.defaults.clone();
                for (int i = 0; i < defaults.length; i++) {
                    values[defaultIndices[i]] = defaults[i].execute(frame);
                }
                sig = new Signature(template.name, template.names, values, template.positionalCount, template.varargsIndex,
                                template.kwargsIndex);
            }
            Cell[] closure = new Cell[captureSlots.length];
            for (int i = 0; i < captureSlots.length; i++) {
                closure[i] = (Cell) frame.getObject(captureSlots[i]);
            }
            PModule module = VariableNodes.module(frame);
            return new PFunction(name, target, sig, closure, module, definition);
        }
    }
}
