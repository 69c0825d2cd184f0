package jaxon.runtime;

/**
 * The element types of Jaxon arrays. JAX without x64 computes in 32 bits: Python floats become
 * float32 and Python ints int32. uint32 exists for PRNG keys and bits.
 */
public enum DType implements PyValue {
    BOOL("bool"),
    INT32("int32"),
    UINT32("uint32"),
    FLOAT32("float32");

    public final String jaxName;

    DType(String jaxName) {
        this.jaxName = jaxName;
    }

    public boolean isFloating() {
        return this == FLOAT32;
    }

    public boolean isInteger() {
        return this == INT32 || this == UINT32;
    }

    /** Storage: float[] for float32, int[] for int32 and uint32 (bits), boolean[] for bool. */
    public Object allocate(int size) {
        return switch (this) {
            case FLOAT32 -> new float[size];
            case INT32, UINT32 -> new int[size];
            case BOOL -> new boolean[size];
        };
    }

    public static DType fromName(String name) {
        for (DType d : values()) {
            if (d.jaxName.equals(name)) {
                return d;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return jaxName;
    }

    @Override
    public String typeName() {
        return "dtype";
    }

    @Override
    public String repr() {
        return "dtype('" + jaxName + "')";
    }
}
