package jaxon.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import jaxon.JaxonContext;
import jaxon.runtime.Cell;
import jaxon.runtime.Errors;
import jaxon.runtime.PFunction;
import jaxon.runtime.PModule;
import jaxon.runtime.PyExceptionType;

/** Reads and writes of local, cell and global variables. */
public final class VariableNodes {
    private VariableNodes() {
    }

    /** The module whose globals the running code sees: frame argument 0 is the module or the function. */
    public static PModule module(VirtualFrame frame) {
        Object a = frame.getArguments()[0];
        return a instanceof PFunction f ? f.module : (PModule) a;
    }

    public static final class ReadLocal extends ExprNode {
        private final int slot;
        private final String name;

        public ReadLocal(int slot, String name) {
            this.slot = slot;
            this.name = name;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            Object v = frame.getObject(slot);
            if (v == null) {
                CompilerDirectives.transferToInterpreter();
                throw Errors.raise(PyExceptionType.UNBOUND_LOCAL_ERROR,
                        "cannot access local variable '" + name + "' where it is not associated with a value");
            }
            return v;
        }
    }

    public static final class ReadCell extends ExprNode {
        private final int slot;
        private final String name;

        public ReadCell(int slot, String name) {
            this.slot = slot;
            this.name = name;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            Object v = ((Cell) frame.getObject(slot)).value;
            if (v == null) {
                CompilerDirectives.transferToInterpreter();
                throw Errors.raise(PyExceptionType.NAME_ERROR, "cannot access free variable '" + name
                        + "' where it is not associated with a value in enclosing scope");
            }
            return v;
        }
    }

    /**
     * A global (or builtin) name. Values that stay bound are cached behind the module's assumption,
     * so compiled code sees them as constants; names rebound often (loop variables at module level)
     * fall back to a plain lookup.
     */
    public static final class ReadGlobal extends ExprNode {
        private final String name;
        @CompilationFinal private PModule cachedModule;
        @CompilationFinal private Object cachedValue;
        @CompilationFinal private com.oracle.truffle.api.Assumption cachedUnchanged;
        @CompilationFinal private int invalidations;

        public ReadGlobal(String name) {
            this.name = name;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            PModule m = module(frame);
            if (m == cachedModule && cachedUnchanged != null && cachedUnchanged.isValid()) {
                return cachedValue;
            }
            if (invalidations < 4) {
                CompilerDirectives.transferToInterpreterAndInvalidate();
                if (cachedModule != null) {
                    invalidations++;
                }
                Object v = lookup(m, name);
                if (invalidations < 4) {
                    cachedModule = m;
                    cachedValue = v;
                    cachedUnchanged = m.attributes.containsKey(name) ? m.unchangedAssumption(name)
                            : JaxonContext.get(this).builtins.unchangedAssumption(name);
                }
                return v;
            }
            return lookup(m, name);
        }

        @TruffleBoundary
        static Object lookup(PModule module, String name) {
            Object v = module.attributes.get(name);
            if (v == null) {
                v = JaxonContext.get(null).builtins.attributes.get(name);
                if (v == null) {
                    throw Errors.nameError(name);
                }
            }
            return v;
        }
    }

    /** Stores a value computed elsewhere (assignment targets get their value from their parent). */
    public abstract static class Store extends JaxonNode {
        public abstract void store(VirtualFrame frame, Object value);
    }

    public static final class StoreLocal extends Store {
        private final int slot;

        public StoreLocal(int slot) {
            this.slot = slot;
        }

        @Override
        public void store(VirtualFrame frame, Object value) {
            frame.setObject(slot, value);
        }
    }

    public static final class StoreCell extends Store {
        private final int slot;

        public StoreCell(int slot) {
            this.slot = slot;
        }

        @Override
        public void store(VirtualFrame frame, Object value) {
            ((Cell) frame.getObject(slot)).value = value;
        }
    }

    public static final class StoreGlobal extends Store {
        private final String name;

        public StoreGlobal(String name) {
            this.name = name;
        }

        @Override
        public void store(VirtualFrame frame, Object value) {
            module(frame).put(name, value);
        }
    }

    /** del of a local, cell or global name. */
    public static final class Delete extends StmtNode {
        private final int slot;
        private final boolean cell;
        private final String name;

        public Delete(int slot, boolean cell, String name) {
            this.slot = slot;
            this.cell = cell;
            this.name = name;
        }

        @Override
        protected void executeStatement(VirtualFrame frame) {
            if (slot < 0) {
                if (module(frame).attributes.remove(name) == null) {
                    throw Errors.nameError(name);
                }
            } else if (cell) {
                ((Cell) frame.getObject(slot)).value = null;
            } else {
                frame.setObject(slot, null);
            }
        }
    }
}
