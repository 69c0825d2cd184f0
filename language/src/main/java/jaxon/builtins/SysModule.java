package jaxon.builtins;

import jaxon.runtime.PList;
import jaxon.runtime.PModule;

/** The small part of sys that scripts use. */
final class SysModule {
    private SysModule() {
    }

    /** sys.stdout / sys.stderr: write(s) and flush(). */
    public static final class Stream {
        private Stream() {
        }

        @jaxon.runtime.Builtin("write(self, s)")
        public static Object write(Object self, Object s) {
            jaxon.JaxonContext.get(null).write(jaxon.runtime.PyObjects.str(s), self);
            return (long) jaxon.runtime.PyObjects.str(s).length();
        }

        @jaxon.runtime.Builtin("flush(self)")
        public static Object flush(Object self) {
            return jaxon.runtime.PNone.NONE;
        }
    }

    static PModule create() {
        PModule m = new PModule("sys");
        m.put("stderr", Modules.STDERR);
        m.put("stdout", Modules.STDOUT);
        m.put("argv", new PList());
        m.put("exit", jaxon.JaxonContext.get(null).builtins.get("exit"));
        m.put("version", "3.11 (Jaxon)");
        return m;
    }
}
