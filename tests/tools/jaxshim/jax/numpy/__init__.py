"""jax.numpy for the shim: NumPy kernels under JAX's dtype, weak-type and shape rules."""
import builtins
import math

import numpy as np

from jax._array import Array, canonical_dtype

ndarray = Array
pi, e, inf, nan = math.pi, math.e, math.inf, math.nan


class _ScalarType:
    """jnp.float32 and friends: a dtype-like object; calling it makes a strongly typed array."""

    def __init__(self, np_type):
        self.dtype = np.dtype(np_type)

    def __call__(self, x):
        return Array(np.asarray(_value(x), dtype=self.dtype))

    def __eq__(self, other):
        return self.dtype == canonical_dtype(other)

    def __hash__(self):
        return hash(self.dtype)


float32, int32, uint32, bool_ = (_ScalarType(t) for t in (np.float32, np.int32, np.uint32, np.bool_))
float16 = _ScalarType(np.float16)


# ---- operands and dtype promotion -------------------------------------------------------------

def _operand(x):
    """(numpy value, weak?) for an array, a Python scalar or a nested list."""
    if isinstance(x, Array):
        return x._value, x._weak
    if isinstance(x, bool):
        return np.asarray(x), False
    if isinstance(x, int):
        return np.asarray(x, dtype=np.int32), True
    if isinstance(x, float):
        return np.asarray(x, dtype=np.float32), True
    value = np.asarray(_value(x))
    return value.astype(canonical_dtype(value.dtype)), False


def _value(x):
    if isinstance(x, Array):
        return x._value
    if isinstance(x, (list, tuple)):
        return [_value(v) for v in x]
    return x


_RANK = {"b": 0, "u": 1, "i": 1, "f": 2}


def _result_type(operands):
    """JAX's lattice for bool < int32 < float32 with weakly typed Python int and float."""
    strong = [v.dtype for v, weak in operands if not weak]
    weak = [v.dtype for v, w in operands if w]
    top_weak = builtins.max(weak, key=lambda d: _RANK[d.kind], default=None)
    if not strong:
        return top_weak, True
    top = builtins.max(strong, key=lambda d: _RANK[d.kind])
    if top_weak is not None and _RANK[top_weak.kind] > _RANK[top.kind]:
        return top_weak, True
    return top, False


_LAX_NAMES = {"add": "add", "subtract": "sub", "multiply": "mul", "divide": "div",
              "floor_divide": "div", "remainder": "rem", "power": "pow", "maximum": "max",
              "minimum": "min", "less": "lt", "less_equal": "le", "greater": "gt",
              "greater_equal": "ge", "equal": "eq", "not_equal": "ne", "logaddexp": "max",
              "logical_and": "and", "logical_or": "or", "bitwise_and": "and", "bitwise_or": "or", "arctan2": "atan2", "where": "select_n"}


def _check_broadcast(name, shapes):
    """Raise JAX's errors for shapes that do not broadcast."""
    nonscalar = [s for s in shapes if s]
    if len({len(s) for s in nonscalar}) > 1:
        try:
            np.broadcast_shapes(*shapes)
        except ValueError:
            raise ValueError(f"Incompatible shapes for broadcasting: shapes={list(shapes)}") from None
    elif nonscalar:
        for dims in zip(*nonscalar):
            if len({d for d in dims if d != 1}) > 1:
                raise TypeError(f"{_LAX_NAMES[name]} got incompatible shapes for broadcasting: "
                                f"{', '.join(map(str, nonscalar))}.")


def _binary(name, kernel, inexact=False, boolean=False):
    def op(x, y):
        operands = [_operand(x), _operand(y)]
        _check_broadcast(name, [v.shape for v, _ in operands])
        dtype, weak = _result_type(operands)
        if inexact and dtype.kind != "f":
            dtype = np.dtype(np.float32)
        a, b = (v.astype(dtype) for v, _ in operands)
        out = kernel(a, b)
        return Array(out if boolean else out.astype(dtype), weak and not boolean)
    op.__name__ = name
    return op


add = _binary("add", np.add)
subtract = _binary("subtract", np.subtract)
multiply = _binary("multiply", np.multiply)
divide = true_divide = _binary("divide", np.true_divide, inexact=True)
floor_divide = _binary("floor_divide", np.floor_divide)
remainder = mod = _binary("remainder", np.remainder)
power = _binary("power", np.power)
maximum = _binary("maximum", np.maximum)
minimum = _binary("minimum", np.minimum)
arctan2 = _binary("arctan2", np.arctan2, inexact=True)
logaddexp = _binary("logaddexp", np.logaddexp, inexact=True)
less = _binary("less", np.less, boolean=True)
less_equal = _binary("less_equal", np.less_equal, boolean=True)
greater = _binary("greater", np.greater, boolean=True)
greater_equal = _binary("greater_equal", np.greater_equal, boolean=True)
equal = _binary("equal", np.equal, boolean=True)
not_equal = _binary("not_equal", np.not_equal, boolean=True)
logical_and = _binary("logical_and", np.logical_and, boolean=True)
logical_or = _binary("logical_or", np.logical_or, boolean=True)
bitwise_and = _binary("bitwise_and", np.bitwise_and)
bitwise_or = _binary("bitwise_or", np.bitwise_or)


def _unary(kernel, inexact=False, boolean=False):
    def op(x):
        value, weak = _operand(x)
        if inexact and value.dtype.kind != "f":
            value = value.astype(np.float32)
        out = kernel(value)
        return Array(out if boolean else out.astype(value.dtype), weak and not boolean)
    op.__name__ = kernel.__name__
    return op


negative = _unary(np.negative)
abs = absolute = _unary(np.abs)
sign = _unary(np.sign)
square = _unary(np.square)
sqrt = _unary(np.sqrt, inexact=True)
exp = _unary(np.exp, inexact=True)
log = _unary(np.log, inexact=True)
log1p = _unary(np.log1p, inexact=True)
expm1 = _unary(np.expm1, inexact=True)
sin = _unary(np.sin, inexact=True)
cos = _unary(np.cos, inexact=True)
tan = _unary(np.tan, inexact=True)
tanh = _unary(np.tanh, inexact=True)
arctan = _unary(np.arctan, inexact=True)
arcsin = _unary(np.arcsin, inexact=True)
arccos = _unary(np.arccos, inexact=True)
reciprocal = _unary(np.reciprocal, inexact=True)
floor = _unary(np.floor)
ceil = _unary(np.ceil)
isnan = _unary(np.isnan, boolean=True)
isinf = _unary(np.isinf, boolean=True)
isfinite = _unary(np.isfinite, boolean=True)
logical_not = _unary(np.logical_not, boolean=True)


def erf(x):
    value, weak = _operand(x)
    return Array(np.vectorize(math.erf)(value.astype(np.float64)).astype(np.float32), weak)


def round(x, decimals=0):
    value, weak = _operand(x)
    return Array(np.round(value, decimals).astype(value.dtype), weak)


def clip(x, min=None, max=None):
    out = asarray(x)
    if min is not None:
        out = maximum(out, min)
    if max is not None:
        out = minimum(out, max)
    return out


def where(condition, x, y):
    operands = [_operand(x), _operand(y)]
    cond = _operand(condition)[0].astype(bool)
    _check_broadcast("where", [cond.shape] + [v.shape for v, _ in operands])
    dtype, weak = _result_type(operands)
    return Array(np.where(cond, *(v.astype(dtype) for v, _ in operands)), weak)


# ---- creation ---------------------------------------------------------------------------------

def array(x, dtype=None):
    if isinstance(x, Array) and dtype is None:
        return x
    value, weak = _operand(x)
    if dtype is not None:
        return Array(value.astype(canonical_dtype(dtype)))
    return Array(value, weak)


asarray = array


def _shape(shape):
    return (shape,) if isinstance(shape, int) else tuple(shape)


def zeros(shape, dtype=float32):
    return Array(np.zeros(_shape(shape), canonical_dtype(dtype)))


def ones(shape, dtype=float32):
    return Array(np.ones(_shape(shape), canonical_dtype(dtype)))


def full(shape, fill_value, dtype=None):
    value, weak = _operand(fill_value)
    if dtype is not None:
        value, weak = value.astype(canonical_dtype(dtype)), False
    return Array(np.full(_shape(shape), value, value.dtype), weak)


def zeros_like(x, dtype=None):
    value, weak = _operand(x)
    return Array(np.zeros_like(value, dtype=None if dtype is None else canonical_dtype(dtype)),
                 weak and dtype is None)


def ones_like(x, dtype=None):
    value, weak = _operand(x)
    return Array(np.ones_like(value, dtype=None if dtype is None else canonical_dtype(dtype)),
                 weak and dtype is None)


def arange(start, stop=None, step=None, dtype=None):
    args = [a for a in (start, stop, step) if a is not None]
    if dtype is None:
        dtype = float32 if builtins.any(isinstance(a, float) for a in args) else int32
    return Array(np.arange(*args, dtype=canonical_dtype(dtype)))


def linspace(start, stop, num=50, endpoint=True, dtype=float32):
    return Array(np.linspace(start, stop, num, endpoint=endpoint).astype(canonical_dtype(dtype)))


def eye(n, m=None, dtype=float32):
    return Array(np.eye(n, m, dtype=canonical_dtype(dtype)))


# ---- reductions -------------------------------------------------------------------------------

def _reducer(kernel, result=None):
    """result: None keeps the dtype (int32 for bool sums), 'float' for means, 'bool', 'index'."""
    def op(x, axis=None, keepdims=False):
        value, weak = _operand(x)
        if result == "float" and value.dtype.kind != "f":
            value = value.astype(np.float32)
        if result is None and value.dtype.kind == "b" and kernel in (np.sum, np.prod, np.cumsum, np.cumprod):
            value, weak = value.astype(np.int32), False
        if kernel in (np.cumsum, np.cumprod):
            out = kernel(value, axis=axis)
        elif result == "index":
            out = kernel(value, axis=axis, keepdims=keepdims).astype(np.int32)
            weak = False
        else:
            out = kernel(value, axis=axis, keepdims=keepdims)
        if result == "bool":
            return Array(out)
        return Array(out if result == "index" else out.astype(value.dtype), weak)
    op.__name__ = kernel.__name__
    return op


sum = _reducer(np.sum)
prod = _reducer(np.prod)
max = _reducer(np.max)
min = _reducer(np.min)
cumsum = _reducer(np.cumsum)
cumprod = _reducer(np.cumprod)
mean = _reducer(np.mean, "float")
var = _reducer(np.var, "float")
std = _reducer(np.std, "float")
argmax = _reducer(np.argmax, "index")
argmin = _reducer(np.argmin, "index")
any = _reducer(np.any, "bool")
all = _reducer(np.all, "bool")


# ---- linear algebra ---------------------------------------------------------------------------

def _product(kernel):
    def op(*args):
        operands = [_operand(a) for a in args]
        dtype, weak = _result_type(operands)
        return Array(kernel(*(v.astype(dtype) for v, _ in operands)).astype(dtype), weak)
    op.__name__ = kernel.__name__
    return op


dot = _product(np.dot)
matmul = _product(np.matmul)
outer = _product(np.outer)
inner = _product(np.inner)


def einsum(subscripts, *operands):
    return _product(lambda *vs: np.einsum(subscripts, *vs))(*operands)


def _numpy_function(kernel):
    """A NumPy function on the arrays' values whose result takes JAX's default dtypes."""
    def op(*args, **kwargs):
        def unwrap(x):
            if isinstance(x, Array):
                return x._value
            if isinstance(x, (list, tuple)):
                return type(x)(unwrap(v) for v in x)
            return x

        def wrap(r):
            if isinstance(r, (list, tuple)):
                return type(r)(wrap(v) for v in r)
            if isinstance(r, (np.ndarray, np.generic)):
                value = np.asarray(r)
                return Array(value.astype(canonical_dtype(value.dtype)))
            return r
        return wrap(kernel(*[unwrap(a) for a in args], **{k: unwrap(v) for k, v in kwargs.items()}))
    op.__name__ = kernel.__name__
    return op


for _name in ("sort", "argsort", "roll", "diff", "tril", "triu", "median", "percentile", "quantile", "pad", "meshgrid",
              "unique", "count_nonzero", "searchsorted", "logspace", "cross", "interp", "kron", "bincount", "convolve",
              "argwhere", "heaviside", "trapezoid", "dstack", "select", "piecewise", "isin", "array_split", "polyval",
              "vander", "rot90", "diagonal", "take_along_axis", "atleast_3d", "moveaxis"):
    globals()[_name] = _numpy_function(getattr(np, _name))


finfo = np.finfo
iinfo = np.iinfo
issubdtype = np.issubdtype
floating, integer, inexact, number, signedinteger, unsignedinteger = (
    np.floating, np.integer, np.inexact, np.number, np.signedinteger, np.unsignedinteger)


def dtype(obj):
    return canonical_dtype(obj)


def result_type(*args):
    operands = [_operand(a) if not isinstance(a, (_ScalarType, np.dtype, str, type)) else (np.zeros((), canonical_dtype(a)), False)
                for a in args]
    return _result_type(operands)[0]


class linalg:
    @staticmethod
    def norm(x, ord=None, axis=None, keepdims=False):
        value, weak = _operand(x)
        value = value.astype(np.float32) if value.dtype.kind != "f" else value
        return Array(np.linalg.norm(value, ord, axis, keepdims).astype(value.dtype), weak)

    inv = staticmethod(_numpy_function(lambda a: np.linalg.inv(a.astype(np.float64)).astype(np.float32)))
    solve = staticmethod(_numpy_function(lambda a, b: np.linalg.solve(a.astype(np.float64), b.astype(np.float64)).astype(np.float32)))
    det = staticmethod(_numpy_function(lambda a: np.float32(np.linalg.det(a.astype(np.float64)))))


# ---- shapes -----------------------------------------------------------------------------------

def reshape(x, shape):
    value, weak = _operand(x)
    shape = _shape(shape)
    known = math.prod(d for d in shape if d != -1)
    if -1 in shape and value.size % known:
        raise NotImplementedError("jaxshim: JAX's message for a bad -1 reshape")
    if -1 not in shape and known != value.size:
        raise TypeError(f"cannot reshape array of shape {value.shape} (size {value.size}) "
                        f"into shape {shape} (size {known})")
    return Array(value.reshape(shape), weak)


def transpose(x, axes=None):
    value, weak = _operand(x)
    return Array(np.transpose(value, axes), weak)


def squeeze(x, axis=None):
    value, weak = _operand(x)
    return Array(np.squeeze(value, axis), weak)


def expand_dims(x, axis):
    value, weak = _operand(x)
    return Array(np.expand_dims(value, axis), weak)


def ravel(x):
    value, weak = _operand(x)
    return Array(value.ravel(), weak)


def _joiner(kernel):
    def op(arrays, axis=0):
        operands = [_operand(a) for a in arrays]
        dtype, weak = _result_type(operands)
        return Array(kernel([v.astype(dtype) for v, _ in operands], axis=axis), weak)
    op.__name__ = kernel.__name__
    return op


concatenate = _joiner(np.concatenate)
stack = _joiner(np.stack)
hstack = _joiner(lambda arrays, axis=0: np.hstack(arrays))
vstack = _joiner(lambda arrays, axis=0: np.vstack(arrays))


def tile(x, reps):
    value, weak = _operand(x)
    return Array(np.tile(value, reps), weak)


def broadcast_to(x, shape):
    value, weak = _operand(x)
    return Array(np.broadcast_to(value, _shape(shape)).copy(), weak)


def take(x, indices, axis=None):
    value, weak = _operand(x)
    return Array(np.take(value, _operand(indices)[0], axis=axis), weak)


def identity(n, dtype=float32):
    return eye(n, dtype=dtype)


def full_like(x, fill_value, dtype=None):
    value, weak = _operand(x)
    return full(value.shape, fill_value, dtype=dtype or value.dtype)


def flip(x, axis=None):
    value, weak = _operand(x)
    return Array(np.flip(value, axis), weak)
