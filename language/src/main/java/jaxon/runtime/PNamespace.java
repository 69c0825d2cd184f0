package jaxon.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/** A read-only bag of named values with a fixed repr, for results such as jnp.finfo(...). */
public final class PNamespace implements PyValue, com.oracle.truffle.api.interop.TruffleObject {
    private final String repr;
    private final String str;
    private final Map<String, Object> values = new LinkedHashMap<>();

    public PNamespace(String repr) {
        this(repr, repr);
    }

    /** A namespace whose str() differs from its repr (a device: cpu:0 and CpuDevice(id=0)). */
    public PNamespace(String repr, String str) {
        this.repr = repr;
        this.str = str;
    }

    public String str() {
        return str;
    }

    public PNamespace with(String name, Object value) {
        values.put(name, value);
        return this;
    }

    public Object get(String name) {
        return values.get(name);
    }

    @Override
    public String typeName() {
        return repr.substring(0, repr.indexOf('(') < 0 ? repr.length() : repr.indexOf('('));
    }

    @Override
    public String repr() {
        return repr;
    }
}
