package jaxon.ops;

import jaxon.runtime.DType;

/**
 * Elementwise primitives of one operand: a float32 kernel, an int32 kernel where integers stay
 * integers, and the rule for the result dtype. (Later: JVP and batching rules beside each.)
 */
public enum UnaryPrim {
    NEG("negative", Result.KEEP) {
        @Override
        public float apply(float x) {
            return -x;
        }

        @Override
        public int applyInt(int x) {
            return -x;
        }
    },
    POSITIVE("positive", Result.KEEP) {
        @Override
        public float apply(float x) {
            return x;
        }

        @Override
        public int applyInt(int x) {
            return x;
        }
    },
    ABS("abs", Result.KEEP) {
        @Override
        public float apply(float x) {
            return Math.abs(x);
        }

        @Override
        public int applyInt(int x) {
            return Math.abs(x);
        }
    },
    SIGN("sign", Result.KEEP) {
        @Override
        public float apply(float x) {
            return Float.isNaN(x) ? x : Math.signum(x);
        }

        @Override
        public int applyInt(int x) {
            return Integer.signum(x);
        }
    },
    SQUARE("square", Result.KEEP) {
        @Override
        public float apply(float x) {
            return x * x;
        }

        @Override
        public int applyInt(int x) {
            return x * x;
        }
    },
    FLOOR("floor", Result.KEEP) {
        @Override
        public float apply(float x) {
            return (float) Math.floor(x);
        }
    },
    CEIL("ceil", Result.KEEP) {
        @Override
        public float apply(float x) {
            return (float) Math.ceil(x);
        }
    },
    ROUND("round", Result.KEEP) {
        @Override
        public float apply(float x) {
            return (float) Math.rint(x); // half to even, like jnp.round
        }
    },
    TRUNC("trunc", Result.KEEP) {
        @Override
        public float apply(float x) {
            return x < 0 ? (float) Math.ceil(x) : (float) Math.floor(x);
        }
    },
    EXP("exp", Result.FLOAT) {
        @Override
        public float apply(float x) {
            return XlaMath.exp(x);
        }
    },
    EXP2("exp2", Result.FLOAT) {
        @Override
        public float apply(float x) {
            return XlaMath.exp2(x);
        }
    },
    EXPM1("expm1", Result.FLOAT) {
        @Override
        public float apply(float x) {
            return XlaMath.expm1(x);
        }
    },
    LOG("log", Result.FLOAT) {
        @Override
        public float apply(float x) {
            return XlaMath.log(x);
        }
    },
    LOG1P("log1p", Result.FLOAT) {
        @Override
        public float apply(float x) {
            return XlaMath.log1p(x);
        }
    },
    LOG2("log2", Result.FLOAT) {
        @Override
        public float apply(float x) {
            return XlaMath.log2(x);
        }
    },
    LOG10("log10", Result.FLOAT) {
        @Override
        public float apply(float x) {
            return XlaMath.log10(x);
        }
    },
    SQRT("sqrt", Result.FLOAT) {
        @Override
        public float apply(float x) {
            return (float) Math.sqrt(x);
        }
    },
    RSQRT("rsqrt", Result.FLOAT) {
        @Override
        public float apply(float x) {
            return (float) (1 / Math.sqrt(x));
        }
    },
    CBRT("cbrt", Result.FLOAT) {
        @Override
        public float apply(float x) {
            return XlaMath.cbrtf(x);
        }
    },
    RECIPROCAL("reciprocal", Result.FLOAT) {
        @Override
        public float apply(float x) {
            return 1 / x;
        }
    },
    SIN("sin", Result.FLOAT) {
        @Override
        public float apply(float x) {
            return XlaMath.sinf(x);
        }
    },
    COS("cos", Result.FLOAT) {
        @Override
        public float apply(float x) {
            return XlaMath.cosf(x);
        }
    },
    TAN("tan", Result.FLOAT) {
        @Override
        public float apply(float x) {
            return XlaMath.tanf(x);
        }
    },
    ARCSIN("arcsin", Result.FLOAT) {
        @Override
        public float apply(float x) {
            return XlaMath.arcsin(x);
        }
    },
    ARCCOS("arccos", Result.FLOAT) {
        @Override
        public float apply(float x) {
            return XlaMath.arccos(x);
        }
    },
    ARCTAN("arctan", Result.FLOAT) {
        @Override
        public float apply(float x) {
            return XlaMath.atanf(x);
        }
    },
    SINH("sinh", Result.FLOAT) {
        @Override
        public float apply(float x) {
            return XlaMath.sinh(x);
        }
    },
    COSH("cosh", Result.FLOAT) {
        @Override
        public float apply(float x) {
            return XlaMath.cosh(x);
        }
    },
    TANH("tanh", Result.FLOAT) {
        @Override
        public float apply(float x) {
            return XlaMath.tanh(x);
        }
    },
    ARCSINH("arcsinh", Result.FLOAT) {
        @Override
        public float apply(float x) {
            double d = x;
            return (float) (Math.signum(d) * Math.log(Math.abs(d) + Math.sqrt(d * d + 1)));
        }
    },
    ARCCOSH("arccosh", Result.FLOAT) {
        @Override
        public float apply(float x) {
            double d = x;
            return (float) Math.log(d + Math.sqrt(d * d - 1));
        }
    },
    ARCTANH("arctanh", Result.FLOAT) {
        @Override
        public float apply(float x) {
            double d = x;
            return (float) (0.5 * Math.log1p(2 * d / (1 - d)));
        }
    },
    ERF("erf", Result.FLOAT) {
        @Override
        public float apply(float x) {
            return XlaMath.erf(x);
        }
    },
    /** lax.logistic, behind jax.nn.sigmoid: a primitive so that grad uses JAX's rule y * (1 - y). */
    LOGISTIC("_logistic", Result.FLOAT) {
        @Override
        public float apply(float x) {
            return XlaMath.sigmoid(x);
        }
    },
    ERFC("_erfc", Result.FLOAT) { // jax.scipy.special.erfc (jax.numpy has no erfc)
        @Override
        public float apply(float x) {
            return XlaMath.erfc(x);
        }
    },
    ERF_INV("erfinv", Result.FLOAT) {
        @Override
        public float apply(float x) {
            return XlaMath.erfinv(x);
        }
    },
    ISNAN("isnan", Result.BOOL) {
        @Override
        public boolean test(float x) {
            return Float.isNaN(x);
        }
    },
    ISINF("isinf", Result.BOOL) {
        @Override
        public boolean test(float x) {
            return Float.isInfinite(x);
        }
    },
    ISFINITE("isfinite", Result.BOOL) {
        @Override
        public boolean test(float x) {
            return Float.isFinite(x);
        }
    },
    LOGICAL_NOT("logical_not", Result.BOOL) {
        @Override
        public boolean test(float x) {
            return x == 0;
        }
    },
    INVERT("invert", Result.KEEP) {
        @Override
        public int applyInt(int x) {
            return ~x;
        }
    };

    /** How the result dtype follows from the operand's. */
    public enum Result {
        /** Same dtype (integers stay integers). */
        KEEP,
        /** Inexact: integer and bool operands give float32. */
        FLOAT,
        /** A predicate: bool. */
        BOOL
    }

    public final String jnpName;
    public final Result result;

    UnaryPrim(String jnpName, Result result) {
        this.jnpName = jnpName;
        this.result = result;
    }

    public float apply(float x) {
        throw jaxon.runtime.Errors.typeError(jnpName + " does not support floating-point inputs");
    }

    /** Integer kernel; by default the identity (floor, ceil, round, trunc of integers). */
    public int applyInt(int x) {
        return x;
    }

    public boolean test(float x) {
        throw new UnsupportedOperationException(name());
    }

    public DType resultType(DType operand) {
        return switch (result) {
            case KEEP -> operand == DType.BOOL && this != INVERT && this != POSITIVE ? DType.INT32 : operand;
            case FLOAT -> DType.FLOAT32;
            case BOOL -> DType.BOOL;
        };
    }
}
