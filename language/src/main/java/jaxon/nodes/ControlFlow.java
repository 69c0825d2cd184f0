package jaxon.nodes;

import com.oracle.truffle.api.nodes.ControlFlowException;

/** Exceptions that carry break, continue and return through the node tree. */
public final class ControlFlow {
    private ControlFlow() {
    }

    public static final class Break extends ControlFlowException {
        private static final long serialVersionUID = 1L;
        public static final Break INSTANCE = new Break();
    }

    public static final class Continue extends ControlFlowException {
        private static final long serialVersionUID = 1L;
        public static final Continue INSTANCE = new Continue();
    }

    public static final class Return extends ControlFlowException {
        private static final long serialVersionUID = 1L;
        public final Object value;

        public Return(Object value) {
            this.value = value;
        }
    }
}
