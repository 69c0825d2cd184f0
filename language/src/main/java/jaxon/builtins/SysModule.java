package jaxon.builtins;

import jaxon.runtime.PList;
import jaxon.runtime.PModule;

/** The small part of sys that scripts use. */
final class SysModule {
    private SysModule() {
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
