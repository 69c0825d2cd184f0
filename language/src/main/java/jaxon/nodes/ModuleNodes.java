package jaxon.nodes;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import jaxon.JaxonContext;
import jaxon.runtime.Errors;
import jaxon.runtime.PModule;
import jaxon.runtime.PyExceptionType;

/** import and from-import. */
public final class ModuleNodes {
    private ModuleNodes() {
    }

    /** import a.b.c (binds a) or import a.b.c as d (binds the module a.b.c). */
    public static final class Import extends StmtNode {
        private final String name;
        private final boolean bindLeaf;
        @Child private VariableNodes.Store store;

        public Import(String name, boolean bindLeaf, VariableNodes.Store store) {
            this.name = name;
            this.bindLeaf = bindLeaf;
            this.store = store;
        }

        @Override
        protected void executeStatement(VirtualFrame frame) {
            store.store(frame, load());
        }

        @TruffleBoundary
        private PModule load() {
            JaxonContext ctx = JaxonContext.get(this);
            PModule leaf = ctx.importModule(name);
            return bindLeaf ? leaf : ctx.importModule(name.contains(".") ? name.substring(0, name.indexOf('.')) : name);
        }
    }

    /** from m import a (as b). */
    public static final class ImportFrom extends StmtNode {
        private final String module;
        private final String[] names;
        @Children private final VariableNodes.Store[] stores;

        public ImportFrom(String module, String[] names, VariableNodes.Store[] stores) {
            this.module = module;
            this.names = names;
            this.stores = stores;
        }

        @Override
        protected void executeStatement(VirtualFrame frame) {
            Object[] values = load();
            for (int i = 0; i < stores.length; i++) {
                stores[i].store(frame, values[i]);
            }
        }

        @TruffleBoundary
        private Object[] load() {
            JaxonContext ctx = JaxonContext.get(this);
            PModule m = ctx.importModule(module);
            Object[] values = new Object[names.length];
            for (int i = 0; i < names.length; i++) {
                Object v = m.get(names[i]);
                if (v == null) {
                    try {
                        v = ctx.importModule(module + "." + names[i]);
                    } catch (jaxon.runtime.JaxonException e) {
                        throw Errors.raise(PyExceptionType.IMPORT_ERROR, "cannot import name '" + names[i] + "' from '" + module + "'");
                    }
                }
                values[i] = v;
            }
            return values;
        }
    }
}
