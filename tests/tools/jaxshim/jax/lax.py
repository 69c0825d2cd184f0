"""jax.lax control flow for the shim: plain Python loops and branches whose carries and results
are arrays, as JAX's are (Python numbers become weakly typed arrays)."""
import jax.numpy as jnp


def _arrays(tree):
    if isinstance(tree, (tuple, list)):
        return type(tree)(_arrays(v) for v in tree)
    if isinstance(tree, dict):
        return {k: _arrays(v) for k, v in tree.items()}
    return tree if tree is None else jnp.asarray(tree)


def fori_loop(lower, upper, body_fun, init_val):
    val = _arrays(init_val)
    for i in range(lower, upper):
        val = _arrays(body_fun(i, val))
    return val


def while_loop(cond_fun, body_fun, init_val):
    val = _arrays(init_val)
    while cond_fun(val):
        val = _arrays(body_fun(val))
    return val


def cond(pred, true_fun, false_fun, *operands):
    return _arrays(true_fun(*operands) if pred else false_fun(*operands))


def scan(f, init, xs=None, length=None):
    carry, ys = _arrays(init), []
    for i in range(length if xs is None else len(xs)):
        carry, y = f(carry, None if xs is None else xs[i])
        carry = _arrays(carry)
        ys.append(y)
    return carry, jnp.stack(ys)
