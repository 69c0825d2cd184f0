"""The shim's array value: an immutable NumPy array plus JAX's weak-type flag."""
import numpy as np

np.seterr(all="ignore")  # JAX computes nan/inf silently; NumPy would warn on stderr

# JAX's dtypes with 64-bit types disabled: everything NumPy makes 64-bit becomes 32-bit.
_CANONICAL = {np.dtype(np.float64): np.dtype(np.float32), np.dtype(np.int64): np.dtype(np.int32),
              np.dtype(np.uint64): np.dtype(np.uint32), np.dtype(np.float16): np.dtype(np.float16)}

_ONE_MIB = 1 << 20  # jax.Array prints only its shape from this many bytes on


def canonical_dtype(dtype):
    if dtype is int:
        return np.dtype(np.int32)
    if dtype is float:
        return np.dtype(np.float32)
    if dtype is bool:
        return np.dtype(np.bool_)
    if not isinstance(dtype, np.dtype):
        dtype = getattr(dtype, "dtype", None) if isinstance(dtype, object) and isinstance(
            getattr(dtype, "dtype", None), np.dtype) else np.dtype(dtype)
    return _CANONICAL.get(dtype, dtype)


class Array:
    __array_priority__ = 100
    __hash__ = None

    def __init__(self, value, weak=False):
        value = np.array(value, dtype=canonical_dtype(np.asarray(value).dtype))
        value.flags.writeable = False
        self._value = value
        self._weak = bool(weak)

    # attributes
    shape = property(lambda self: self._value.shape)
    dtype = property(lambda self: self._value.dtype)
    ndim = property(lambda self: self._value.ndim)
    size = property(lambda self: self._value.size)
    nbytes = property(lambda self: self._value.nbytes)
    T = property(lambda self: Array(self._value.T, self._weak))
    at = property(lambda self: _IndexHelper(self))

    def __array__(self, dtype=None, copy=None):
        return np.asarray(self._value, dtype=dtype)

    # printing, following jax.Array.__repr__/__str__/__format__
    def __repr__(self):
        prefix = "Array("
        dtype_text = f"dtype={self.dtype.name}" + (", weak_type=True" if self._weak else "")
        width = np.get_printoptions()["linewidth"]
        if self.size == 0:
            body = f"[], shape={self.shape}"
        elif self.nbytes >= _ONE_MIB:
            body = f"shape={self.shape}"
        else:
            body = np.array2string(self._value, prefix=prefix, suffix=",", separator=", ",
                                   max_line_width=width)
        last_line = len(body) - body.rfind("\n") + 1
        gap = " " if last_line + len(dtype_text) + 2 <= width else " " * len(prefix)
        return f"{prefix}{body},{gap}{dtype_text})"

    def __str__(self):
        return str(self._value) if self.nbytes < _ONE_MIB else repr(self)

    def __format__(self, spec):
        return format(self._value if self.ndim else self._value[()], spec)

    # conversions
    def __len__(self):
        if self.ndim == 0:
            raise TypeError("len() of unsized object")
        return self.shape[0]

    def __iter__(self):
        if self.ndim == 0:
            raise TypeError("iteration over a 0-d array")
        return (Array(row, self._weak) for row in self._value)

    def __bool__(self):
        return bool(self._value)

    def __float__(self):
        return float(self._value)

    def __int__(self):
        return int(self._value)

    def __index__(self):
        return int(self._value)

    def item(self):
        return self._value.item()

    def tolist(self):
        return self._value.tolist()

    def block_until_ready(self):
        return self

    # indexing
    def __getitem__(self, index):
        return Array(self._value[_numpy_index(index)], self._weak)

    def __setitem__(self, index, value):
        raise TypeError("JAX arrays are immutable and do not support in-place item assignment."
                        " Instead of x[idx] = y, use x = x.at[idx].set(y) or another .at[] method:"
                        " https://docs.jax.dev/en/latest/_autosummary/jax.numpy.ndarray.at.html")

    # methods that forward to jax.numpy
    def astype(self, dtype):
        return Array(self._value.astype(canonical_dtype(dtype)))

    def reshape(self, *shape):
        from jax import numpy as jnp
        return jnp.reshape(self, shape[0] if len(shape) == 1 else shape)

    def transpose(self, *axes):
        from jax import numpy as jnp
        return jnp.transpose(self, axes or None)

    def flatten(self):
        return Array(self._value.ravel(), self._weak)

    ravel = flatten

    def _reduction(name):
        def method(self, *args, **kwargs):
            from jax import numpy as jnp
            return getattr(jnp, name)(self, *args, **kwargs)
        method.__name__ = name
        return method

    for _name in ("sum", "mean", "max", "min", "prod", "argmax", "argmin", "any", "all",
                  "var", "std", "cumsum", "squeeze", "clip", "round"):
        locals()[_name] = _reduction(_name)
    del _name, _reduction

    # operators
    def _operator(name, swap=False):
        def method(self, other):
            from jax import numpy as jnp
            return getattr(jnp, name)(other, self) if swap else getattr(jnp, name)(self, other)
        return method

    __add__, __radd__ = _operator("add"), _operator("add", True)
    __sub__, __rsub__ = _operator("subtract"), _operator("subtract", True)
    __mul__, __rmul__ = _operator("multiply"), _operator("multiply", True)
    __truediv__, __rtruediv__ = _operator("divide"), _operator("divide", True)
    __floordiv__, __rfloordiv__ = _operator("floor_divide"), _operator("floor_divide", True)
    __mod__, __rmod__ = _operator("remainder"), _operator("remainder", True)
    __pow__, __rpow__ = _operator("power"), _operator("power", True)
    __matmul__, __rmatmul__ = _operator("matmul"), _operator("matmul", True)
    __lt__, __le__ = _operator("less"), _operator("less_equal")
    __gt__, __ge__ = _operator("greater"), _operator("greater_equal")
    __eq__, __ne__ = _operator("equal"), _operator("not_equal")
    __and__, __or__ = _operator("bitwise_and"), _operator("bitwise_or")
    del _operator

    def __neg__(self):
        return Array(-self._value, self._weak)

    def __pos__(self):
        return self

    def __abs__(self):
        return Array(np.abs(self._value), self._weak)

    def __invert__(self):
        return Array(~self._value, self._weak)


def _numpy_index(index):
    if isinstance(index, tuple):
        return tuple(_numpy_index(i) for i in index)
    if isinstance(index, Array):
        return index._value
    if isinstance(index, list):
        raise NotImplementedError("jaxshim: index with jnp.array(...), not a list")
    return index


class _IndexHelper:
    def __init__(self, array):
        self.array = array

    def __getitem__(self, index):
        return _IndexUpdate(self.array, _numpy_index(index))


class _IndexUpdate:
    """x.at[index]: each method returns a new array; updates are cast to x's dtype."""

    def __init__(self, array, index):
        self.array, self.index = array, index

    def _apply(self, update, values):
        out = np.array(self.array._value)
        update(out, self.index, np.asarray(values, dtype=out.dtype))
        return Array(out, self.array._weak)

    def get(self):
        return self.array[self.index]

    def set(self, values):
        return self._apply(np.ndarray.__setitem__, values)

    def add(self, values):
        return self._apply(np.add.at, values)

    def multiply(self, values):
        return self._apply(np.multiply.at, values)

    def min(self, values):
        return self._apply(np.minimum.at, values)

    def max(self, values):
        return self._apply(np.maximum.at, values)
