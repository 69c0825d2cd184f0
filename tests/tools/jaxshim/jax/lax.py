"""jax.lax control flow for the shim: plain Python loops and branches."""
import jax.numpy as jnp


def fori_loop(lower, upper, body_fun, init_val):
    val = init_val
    for i in range(lower, upper):
        val = body_fun(i, val)
    return val


def while_loop(cond_fun, body_fun, init_val):
    val = init_val
    while cond_fun(val):
        val = body_fun(val)
    return val


def cond(pred, true_fun, false_fun, *operands):
    return true_fun(*operands) if pred else false_fun(*operands)


def scan(f, init, xs=None, length=None):
    carry, ys = init, []
    for i in range(length if xs is None else len(xs)):
        carry, y = f(carry, None if xs is None else xs[i])
        ys.append(y)
    return carry, jnp.stack(ys)
