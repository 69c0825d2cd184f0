"""jax.nn for the shim: each function is composed of shim jax.numpy operations."""
import jax.numpy as jnp


def relu(x):
    return jnp.maximum(x, 0)


def sigmoid(x):
    return 1 / (1 + jnp.exp(-jnp.asarray(x)))


def softplus(x):
    return jnp.logaddexp(x, 0)


def silu(x):
    return x * sigmoid(x)


def gelu(x, approximate=True):
    x = jnp.asarray(x)
    if approximate:
        inner = (2 / jnp.pi) ** 0.5 * (x + 0.044715 * x ** 3)
        return 0.5 * x * (1 + jnp.tanh(inner))
    return 0.5 * x * (1 + jnp.erf(x / 2 ** 0.5))


def logsumexp(x, axis=None, keepdims=False):
    x = jnp.asarray(x)
    top = jnp.max(x, axis=axis, keepdims=True)
    out = jnp.log(jnp.sum(jnp.exp(x - top), axis=axis, keepdims=True)) + top
    return out if keepdims else jnp.squeeze(out, axis=axis)


def log_softmax(x, axis=-1):
    shifted = x - jnp.max(x, axis=axis, keepdims=True)
    return shifted - jnp.log(jnp.sum(jnp.exp(shifted), axis=axis, keepdims=True))


def softmax(x, axis=-1):
    e = jnp.exp(x - jnp.max(x, axis=axis, keepdims=True))
    return e / jnp.sum(e, axis=axis, keepdims=True)


def one_hot(x, num_classes, dtype=jnp.float32):
    x = jnp.asarray(x)
    return (x[..., None] == jnp.arange(num_classes)).astype(dtype)
