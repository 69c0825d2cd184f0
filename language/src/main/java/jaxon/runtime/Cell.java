package jaxon.runtime;

/** A variable shared between a function and the closures defined in it. Null value = unbound. */
public final class Cell {
    public Object value;

    public Cell(Object value) {
        this.value = value;
    }
}
