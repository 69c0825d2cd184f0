package jaxon.runtime;

/** Runtime objects (functions, modules, ...) that know their Python type name and repr. */
public interface PyValue {
    String typeName();

    String repr();
}
