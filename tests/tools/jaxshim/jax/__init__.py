"""A small stand-in for JAX, used by make_golden.py only when real JAX cannot be imported.

It computes with NumPy in JAX's default dtypes (float32, int32, bool), keeps JAX's weak types
for Python scalars, and prints arrays the way jax.Array does. It covers only what the golden
programs use; nothing in it hard-codes an output.
"""
from jax._array import Array
from jax import numpy, nn, lax, tree_util

__version__ = "jaxshim"


class _Config:
    """jax.config: remembers flags; the shim has no behaviour that depends on them."""

    def __init__(self):
        self.values = {}

    def update(self, name, value):
        self.values[name] = value


config = _Config()


def block_until_ready(x):
    return x
