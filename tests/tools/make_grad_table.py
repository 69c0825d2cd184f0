#!/usr/bin/env python3
"""Reference derivatives for the grad tests: central finite differences in float64 NumPy.

Each case is an expression in x (and the constants of PRELUDE), valid both as Jaxon (with
jax.numpy) and as Python with NumPy. The case's function is sum(expr); its gradient with respect
to x is estimated by central differences in float64. GradTableTest runs jax.grad of the same
function in Jaxon (float32) and compares.

    python3 tests/tools/make_grad_table.py      # writes tests/reference/grad_table.tsv
"""
import math
from pathlib import Path
from types import SimpleNamespace

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "reference" / "grad_table.tsv"

# Shared by both sides: constants and functions with Python control flow.
PRELUDE = '''
c = jnp.array([[1.5], [-0.5]])
w = jnp.array([[0.3, -1.2], [0.8, 0.5], [-0.4, 0.9]])
r = jnp.array([0.2, -0.7, 1.1])


def loop_fn(x):
    y = x
    for i in range(3):
        y = jnp.sin(y) * x
    return y


def branch_fn(x):
    total = 0.0
    for row in x:
        if jnp.sum(row) > 1.5:
            total = total + jnp.sum(row ** 2)
        else:
            total = total - jnp.sum(jnp.exp(row))
    return total


def while_fn(x):
    s = jnp.sum(x)
    n = 0
    while n < 4:
        s = s * 0.5 + jnp.sum(x * x)
        n = n + 1
    return s


def helper(a, b):
    return jnp.tanh(a) * b


def calls_fn(x):
    return helper(x, 2.0) + helper(x * x, x)


def reassign_fn(x):
    y = x * 2
    y = y * y
    x = x + y
    return x * 3


def early_return_fn(x):
    if jnp.max(x) > 2:
        return jnp.sum(x)
    z = x * x
    return jnp.sum(z * x)
'''

X = [[0.15, 0.32, 0.47], [0.58, 0.71, 0.86]]

CASES = [
    # elementwise
    "x * 3", "2 / x", "x / 3", "x ** 3", "-x", "jnp.power(2.0, x)", "jnp.power(x, 1.5)",
    "jnp.sin(x)", "jnp.cos(x)", "jnp.tan(x)", "jnp.tanh(x)", "jnp.exp(x)", "jnp.log(x)",
    "jnp.log1p(x)", "jnp.expm1(x)", "jnp.sqrt(x)", "jnp.arcsin(x)", "jnp.arccos(x)",
    "jnp.arctan(x)", "jnp.sinh(x)", "jnp.cosh(x)", "jnp.abs(x - 0.5)", "jnp.square(x)",
    "jnp.reciprocal(x)", "jnp.maximum(x, 0.4)", "jnp.minimum(x, 0.4)", "jnp.clip(x, 0.2, 0.6)",
    "jnp.where(x > 0.4, x * x, -x)", "jnp.arctan2(x, 0.7)", "jnp.logaddexp(x, 0.3)",
    # broadcasting
    "x * c", "x + c", "x - c", "c / x", "x * r", "(x + r) ** 2",
    # reductions
    "jnp.mean(x)", "jnp.max(x, axis=0) * r", "jnp.min(x, axis=1) * c[:, 0]", "jnp.prod(x)",
    "jnp.var(x)", "jnp.std(x, axis=0) * r", "jnp.sum(x, axis=1, keepdims=True) * c",
    "jnp.cumsum(x, axis=1) * x", "jnp.linalg.norm(x)", "x.sum(axis=0) * r", "x.mean(axis=1) * c[:, 0]",
    "jnp.max(x)",
    # linear algebra
    "x @ w", "jnp.dot(x, w) ** 2", "jnp.matmul(x, w) * jnp.array([1.0, -2.0])", "x[0] @ x[1]",
    "jnp.outer(x[0], x[1]) * w.T[0]", "jnp.einsum('ij,jk->ik', x, w) ** 2", "jnp.einsum('ij,ij->i', x, x)",
    "(x.T @ x) * 0.5",
    # shapes and indexing
    "jnp.reshape(x, (3, 2)) * w", "jnp.transpose(x) * w", "x.T * w", "jnp.stack([x, x * 2]) * 1.5",
    "jnp.concatenate([x, x ** 2], axis=1) * jnp.arange(6.0)", "x[0, 1:] * 3", "x[:, ::2] ** 2",
    "x[jnp.array([0, 1, 1])] * r", "jnp.flip(x, 0) * c", "jnp.expand_dims(x, 0) * 2",
    "jnp.tile(x, (2, 1)) * jnp.arange(3.0)", "jnp.broadcast_to(x[0], (4, 3)) * r", "x.reshape(6) * jnp.arange(6.0)",
    "jnp.squeeze(x[:1]) * r", "jnp.swapaxes(x, 0, 1) * w", "jnp.hstack([x, x]) * 2", "jnp.vstack([x, x]) ** 2",
    "jnp.take(x, jnp.array([2, 0]), axis=1) * c",
    # jax.nn
    "jax.nn.sigmoid(x)", "jax.nn.softplus(x - 0.5)", "jax.nn.relu(x - 0.5)", "jax.nn.silu(x)",
    "jax.nn.gelu(x)", "jax.nn.softmax(x) * c", "jax.nn.log_softmax(x, axis=0) * r", "jax.nn.logsumexp(x)",
    # Python control flow, calls and reassignment
    "loop_fn(x)", "branch_fn(x)", "while_fn(x)", "calls_fn(x)", "reassign_fn(x)", "early_return_fn(x)",
]


# Whole programs: the transformation family, pytrees, closures, higher order. Each case is a
# Jaxon expression and the float64 finite-difference computation of what it should give.
PROGRAMS = [
    ("jax.grad(jax.grad(cubic))(0.7)", lambda e: second_derivative(e["cubic"], 0.7)),
    ("jax.jacrev(vec_fn)(v0)", lambda e: jacobian(e["vec_fn"], e["v0"])),
    ("jax.jacfwd(vec_fn)(v0)", lambda e: jacobian(e["vec_fn"], e["v0"])),
    ("jax.jacrev(lambda v: jnp.sin(v) * 2.0)(v0)", lambda e: jacobian(lambda v: np.sin(v) * 2.0, e["v0"])),
    ("jax.hessian(scalar_fn)(v0)", lambda e: jacobian(lambda v: gradient(e["scalar_fn"], v), e["v0"])),
    ("jax.jacfwd(jax.jacrev(scalar_fn))(v0)", lambda e: jacobian(lambda v: gradient(e["scalar_fn"], v), e["v0"])),
    ("jax.jit(jax.jacfwd(jax.jacrev(logistic_sum)))(t0)", lambda e: jacobian(lambda v: gradient(e["logistic_sum"], v), e["t0"])),
    ("jax.jvp(vec_fn, (v0,), (t0,))[1]", lambda e: jacobian(e["vec_fn"], e["v0"]) @ e["t0"]),
    ("jax.vjp(vec_fn, v0)[1](t0)[0]", lambda e: e["t0"] @ jacobian(e["vec_fn"], e["v0"])),
    ("jax.grad(tree_loss)(params0, x0)['w']", lambda e: gradient(lambda w: e["tree_loss"](dict(e["params0"], w=w), e["x0"]), e["params0"]["w"])),
    ("jax.grad(tree_loss)(params0, x0)['b']", lambda e: gradient(lambda b: e["tree_loss"](dict(e["params0"], b=b), e["x0"]), e["params0"]["b"])),
    ("jax.grad(list_loss)([v0, t0])[1]", lambda e: gradient(lambda t: e["list_loss"]([e["v0"], t]), e["t0"])),
    ("jax.grad(aux_fn, has_aux=True)(v0)[0]", lambda e: gradient(lambda v: e["aux_fn"](v)[0], e["v0"])),
    ("jax.grad(aux_fn, has_aux=True)(v0)[1]", lambda e: e["aux_fn"](e["v0"])[1]),
    ("jax.value_and_grad(aux_fn, has_aux=True)(v0)[0][0]", lambda e: e["aux_fn"](e["v0"])[0]),
    ("jax.grad(two_args, argnums=(0, 1))(v0, t0)[1]", lambda e: gradient(lambda b: e["two_args"](e["v0"], b), e["t0"])),
    ("jax.grad(two_args, argnums=1)(v0, t0)", lambda e: gradient(lambda b: e["two_args"](e["v0"], b), e["t0"])),
    ("jax.value_and_grad(scalar_fn)(v0)[0]", lambda e: e["scalar_fn"](e["v0"])),
    ("jax.value_and_grad(scalar_fn)(v0)[1]", lambda e: gradient(e["scalar_fn"], e["v0"])),
    ("jax.grad(lambda v: jnp.sum(jax.grad(scalar_fn)(v) ** 2))(v0)",
     lambda e: gradient(lambda v: np.sum(gradient(e["scalar_fn"], v, 1e-5) ** 2), e["v0"], 1e-4)),
    ("jax.grad(make_scaled(3.0))(v0)", lambda e: gradient(e["make_scaled"](3.0), e["v0"])),
    ("jax.grad(jax.grad(loop_scalar))(0.5)", lambda e: second_derivative(e["loop_scalar"], 0.5)),
    ("jax.grad(jax.grad(reassign_scalar))(0.7)", lambda e: second_derivative(e["reassign_scalar"], 0.7)),
    ("jax.grad(jax.grad(jax.grad(logistic_sum)))(1.0)", lambda e: third_derivative(e["logistic_sum"], 1.0)),
    ("jax.grad(zip_loss)(v0)", lambda e: gradient(e["zip_loss"], e["v0"])),
    ("jax.grad(enumerate_loss)(v0)", lambda e: gradient(e["enumerate_loss"], e["v0"])),
    ("jax.grad(generator_loss)([v0, t0])[0]", lambda e: gradient(lambda v: e["generator_loss"]([v, e["t0"]]), e["v0"])),
    ("jax.grad(generator_loss)([v0, t0])[1]", lambda e: gradient(lambda t: e["generator_loss"]([e["v0"], t]), e["t0"])),
    ("jax.grad(at_fn)(v0)", lambda e: gradient(lambda v: np.sum(np.array([v[0], v[0] * v[2], v[2]]) ** 2), e["v0"])),
    ("jax.jacobian(lambda v: jnp.array([v[0] ** 2 * v[1], jnp.sin(v[1]), v[2]]))(v0)",
     lambda e: jacobian(lambda v: np.array([v[0] ** 2 * v[1], np.sin(v[1]), v[2]]), e["v0"])),
    ("jax.jacfwd(lambda v: jnp.stack([v[0] * v[2], jnp.exp(v[1])]))(v0)",
     lambda e: jacobian(lambda v: np.stack([v[0] * v[2], np.exp(v[1])]), e["v0"])),
    ("jax.jacobian(lambda p: jnp.stack([p[0] * p[1], jnp.sin(p[0])]))((v0, t0))[1]",
     lambda e: jacobian(lambda t: np.stack([e["v0"] * t, np.sin(e["v0"])]), e["t0"])),
    ("jnp.sum(x0, axis=1, where=x0 > 0.15)", lambda e: np.sum(e["x0"], axis=1, where=e["x0"] > 0.15)),
    ("jnp.max(x0, axis=0, where=x0 < 0.35, initial=-1.0)", lambda e: np.max(e["x0"], axis=0, where=e["x0"] < 0.35, initial=-1.0)),
    ("jnp.mean(x0, where=x0 > 0)", lambda e: np.mean(e["x0"], where=e["x0"] > 0)),
    ("jnp.prod(x0 + 1, initial=2.0, where=x0 != 0.2)", lambda e: np.prod(e["x0"] + 1, initial=2.0, where=e["x0"] != 0.2)),
    ("jax.grad(lambda v: jnp.sum(v * jnp.sin(v), where=v > 0))(v0)", lambda e: gradient(lambda v: np.sum(v * np.sin(v), where=v > 0), e["v0"])),
    ("jax.grad(lambda v: jnp.mean(v ** 3, where=v < 1))(v0)", lambda e: gradient(lambda v: np.mean(v ** 3, where=v < 1), e["v0"])),
    ("jax.grad(lambda v: jnp.vdot(jax.grad(lambda y: jnp.sum(jnp.sin(y) * y ** 2))(v), t0))(v0)",
     lambda e: gradient(lambda v: np.vdot(np.sin(v) * 2 * v + np.cos(v) * v ** 2, e["t0"]), e["v0"])),
    ("jax.grad(lax_scan_fn)(v0)", lambda e: gradient(np_scan, e["v0"])),
    ("jax.grad(lax_cond_fn)(v0)", lambda e: gradient(np_cond, e["v0"])),
    ("jax.grad(lax_cond_fn)(-v0)", lambda e: gradient(np_cond, -e["v0"])),
    ("jax.grad(lax_loops_fn)(v0)", lambda e: gradient(np_loops, e["v0"])),
    ("jax.grad(lambda v: jax.lax.switch(1, [jnp.sum, lambda u: jnp.sum(u ** 3)], v))(v0)", lambda e: gradient(lambda v: np.sum(v ** 3), e["v0"])),
]

PROGRAM_PRELUDE = '''
v0 = jnp.array([0.3, -0.8, 1.2])
t0 = jnp.array([0.5, 0.25, -1.0])
x0 = jnp.array([[0.1, 0.2, 0.3], [0.4, -0.5, 0.6]])
params0 = {"w": jnp.array([[0.5, -0.2], [0.1, 0.3], [-0.4, 0.2]]), "b": jnp.array([0.05, -0.1])}


def cubic(s):
    return s ** 3 * jnp.sin(s)


def vec_fn(v):
    return jnp.sin(v) * jnp.sum(v * v)


def scalar_fn(v):
    return jnp.sum(jnp.sin(v) * v[::-1]) + jnp.prod(v)


def tree_loss(params, x):
    h = jnp.tanh(x @ params["w"] + params["b"])
    return jnp.sum(h ** 2) + 0.1 * jnp.sum(params["w"] ** 2)


def list_loss(pair):
    a, b = pair
    return jnp.sum(a * b ** 2)


def aux_fn(v):
    return jnp.sum(v ** 2 * jnp.cos(v)), v * 2


def two_args(a, b):
    return jnp.sum(a * jnp.exp(b))


def loop_scalar(s):
    y = s
    for i in range(3):
        y = jnp.sin(y) * s
    return y


def reassign_scalar(s):
    y = s * s
    y = jnp.exp(y) + s
    if y > 1:
        y = y * s
    return y


def logistic_sum(s):
    return jnp.sum(1.0 / (1.0 + jnp.exp(-s)))


def make_scaled(factor):
    def scaled(v):
        return factor * jnp.sum(jnp.tanh(v))
    return scaled


def zip_loss(ws):
    t = 0.0
    for a, b in zip(ws, ws[::-1]):
        t = t + a * b * b
    return t


def enumerate_loss(v):
    t = 0.0
    for i, w in enumerate(v):
        t = t + jnp.sin(w) * (i + 1)
    return t


def generator_loss(ps):
    return sum(jnp.sum(p ** 2) * k for k, p in enumerate(ps)) + sum([jnp.sum(jnp.tanh(p)) for p in ps if p.shape[0] > 2])

'''

# Jaxon only (NumPy arrays have no .at, NumPy has no lax): the reference in PROGRAMS writes the
# function out (np_* below).
PROGRAM_PRELUDE_JAXON = '''
def at_fn(v):
    return jnp.sum(v.at[1].set(v[0] * v[2]) ** 2)


def scan_step(c, x):
    c = jnp.tanh(c * 0.7 + x)
    return c, c * x


def lax_scan_fn(v):
    carry, ys = jax.lax.scan(scan_step, v[2], v)
    return carry + jnp.sum(ys)


def lax_cond_fn(v):
    return jax.lax.cond(v[0] > 0, lambda a, b: jnp.sin(a) * b, lambda a, b: a - b, v[1], v[2])


def lax_loops_fn(v):
    y = jax.lax.fori_loop(0, 3, lambda i, c: c * 0.5 + jnp.sin(c), v)
    return jnp.sum(jax.lax.while_loop(lambda c: jnp.sum(c) < 10.0, lambda c: c * 2.0 + 1.0, y ** 2))
'''


def np_scan(v):
    c, total = v[2], 0.0
    for x in v:
        c = np.tanh(c * 0.7 + x)
        total = total + c * x
    return c + total


def np_cond(v):
    return np.sin(v[1]) * v[2] if v[0] > 0 else v[1] - v[2]


def np_loops(v):
    y = v
    for i in range(3):
        y = y * 0.5 + np.sin(y)
    c = y ** 2
    while np.sum(c) < 10.0:
        c = c * 2.0 + 1.0
    return np.sum(c)


def gradient(f, x, h=1e-6):
    x = np.array(x, dtype=np.float64)
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[idx] += h
        down[idx] -= h
        g[idx] = (float(np.sum(f(up))) - float(np.sum(f(down)))) / (2 * h)
    return g


def jacobian(f, x, h=1e-6):
    x = np.array(x, dtype=np.float64)
    out = np.asarray(f(x))
    jac = np.zeros(out.shape + x.shape)
    for idx in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[idx] += h
        down[idx] -= h
        jac[(...,) + idx] = (np.asarray(f(up)) - np.asarray(f(down))) / (2 * h)
    return jac


def second_derivative(f, x, h=1e-4):
    return (f(x + h) - 2 * f(x) + f(x - h)) / (h * h)


def third_derivative(f, x, h=1e-2):
    return (f(x + 2 * h) - 2 * f(x + h) + 2 * f(x - h) - f(x - 2 * h)) / (2 * h ** 3)


def nn_namespace(np):
    def sigmoid(x):
        return 1 / (1 + np.exp(-x))

    def softmax(x, axis=-1):
        e = np.exp(x - np.max(x, axis=axis, keepdims=True))
        return e / np.sum(e, axis=axis, keepdims=True)

    erf = np.vectorize(math.erf)
    return SimpleNamespace(
        sigmoid=sigmoid,
        softplus=lambda x: np.log1p(np.exp(x)),
        relu=lambda x: np.maximum(x, 0),
        silu=lambda x: x * sigmoid(x),
        gelu=lambda x: x * (1 + erf(x / np.sqrt(2))) / 2,
        softmax=softmax,
        log_softmax=lambda x, axis=-1: np.log(softmax(x, axis)),
        logsumexp=lambda x: np.log(np.sum(np.exp(x))),
    )


def main():
    env = {"jnp": np, "jax": SimpleNamespace(nn=nn_namespace(np))}
    exec(PRELUDE, env)
    x0 = np.array(X, dtype=np.float64)
    lines = ["# generated by tests/tools/make_grad_table.py: expression, then d sum(expression) / dx by float64 central differences"]
    lines.append("PRELUDE\t" + PRELUDE.replace("\n", "\\n"))
    lines.append("X\t" + repr(X))
    h = 1e-6
    for expr in CASES:
        f = lambda x: float(np.sum(eval(expr, dict(env, x=x))))
        grad = np.zeros_like(x0)
        for idx in np.ndindex(x0.shape):
            up, down = x0.copy(), x0.copy()
            up[idx] += h
            down[idx] -= h
            grad[idx] = (f(up) - f(down)) / (2 * h)
        lines.append(expr + "\t" + " ".join(repr(float(v)) for v in grad.ravel()))
    penv = {"jnp": np, "np": np}
    exec(PROGRAM_PRELUDE, penv)
    lines.append("PROGRAM_PRELUDE\t" + (PROGRAM_PRELUDE + PROGRAM_PRELUDE_JAXON).replace("\n", "\\n"))
    for expr, reference in PROGRAMS:
        values = np.ravel(np.asarray(reference(penv), dtype=np.float64))
        lines.append("PROGRAM\t" + expr + "\t" + " ".join(repr(float(v)) for v in values))
    OUT.write_text("\n".join(lines) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(CASES)} expressions, {len(PROGRAMS)} programs)")


if __name__ == "__main__":
    main()
