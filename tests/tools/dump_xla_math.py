#!/usr/bin/env python3
"""Record what real JAX (XLA) computes for float32 math functions, sums and products, bit for bit.

    JAX_PLATFORMS=cpu python3 tests/tools/dump_xla_math.py OUT_DIR

Printed float32 results show every last-bit difference, so a script's output equals JAX's only
where Jaxon rounds as XLA does. OUT_DIR/NAME.npy holds the inputs (inputs_*.npy) and XLA's
results for each function; reductions use random data of many lengths to expose XLA's
summation order. Compare with tests/tools/compare_xla_math.py.
"""
import os
import sys

import numpy as np
import jax
import jax.numpy as jnp

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(0)

grid = np.concatenate([
    np.linspace(-10, 10, 4001), np.linspace(-1, 1, 2001), np.geomspace(1e-8, 1e4, 2000),
    -np.geomspace(1e-8, 1e4, 2000), rng.standard_normal(4000) * 3,
    np.array([0.0, -0.0, 0.5, 1.0, 2.0, np.pi, 88.0, 89.0, -87.0, -104.0, 1e-38, 3e38]),
]).astype(np.float32)
unit = np.concatenate([np.linspace(-1, 1, 4001), rng.uniform(-1, 1, 4000)]).astype(np.float32)
positive = np.abs(grid) + np.float32(1e-30)
np.save(f"{out}/inputs_grid.npy", grid)
np.save(f"{out}/inputs_unit.npy", unit)

unary = {
    "exp": (jnp.exp, grid), "log": (jnp.log, positive), "log1p": (jnp.log1p, np.abs(grid)),
    "expm1": (jnp.expm1, grid), "sqrt": (jnp.sqrt, positive), "sin": (jnp.sin, grid),
    "cos": (jnp.cos, grid), "tan": (jnp.tan, grid), "tanh": (jnp.tanh, grid),
    "arcsin": (jnp.arcsin, unit), "arccos": (jnp.arccos, unit), "arctan": (jnp.arctan, grid),
    "sinh": (jnp.sinh, grid), "cosh": (jnp.cosh, grid), "erf": (jax.scipy.special.erf, grid),
    "sigmoid": (jax.nn.sigmoid, grid), "softplus": (jax.nn.softplus, grid),
    "gelu": (jax.nn.gelu, grid), "log2": (jnp.log2, positive), "log10": (jnp.log10, positive),
    "exp2": (jnp.exp2, grid), "cbrt": (jnp.cbrt, grid), "square_pow": (lambda v: v ** 2.5, positive),
    "erfinv": (jax.scipy.special.erfinv, unit), "rsqrt": (jax.lax.rsqrt, positive),
    "erfc": (jax.scipy.special.erfc, grid), "gelu_exact": (lambda v: jax.nn.gelu(v, approximate=False), grid),
}
for name, (fn, xs) in unary.items():
    try:
        np.save(f"{out}/{name}.npy", np.asarray(jax.jit(fn)(xs)))
    except Exception as e:  # a function this JAX lacks: record the others
        print(name, "failed:", e)
np.save(f"{out}/arctan2.npy", np.asarray(jnp.arctan2(grid, grid[::-1])))
np.save(f"{out}/power.npy", np.asarray(jnp.power(positive, grid[::-1] / 4)))

# Reductions: data of length n (1..5000 and some larger), each reduced whole and along axes.
lengths = list(range(1, 130)) + [255, 256, 257, 1000, 1023, 1024, 1025, 4096, 5000, 100000]
data = rng.standard_normal(100000).astype(np.float32) * 10 + 3
np.save(f"{out}/reduce_data.npy", data)
rows = []
for n in lengths:
    v = jnp.asarray(data[:n])
    rows.append([jnp.sum(v), jnp.mean(v), jnp.var(v), jnp.std(v), jnp.dot(v, v), jnp.linalg.norm(v),
                 jnp.sum(v, dtype=jnp.float32), jnp.cumsum(v)[-1], jnp.prod(v[:30] / 8)])
np.save(f"{out}/reduce_lengths.npy", np.array(lengths))
np.save(f"{out}/reduce_results.npy", np.asarray(rows, dtype=np.float32))
m = jnp.asarray(data[:60000].reshape(200, 300))
np.save(f"{out}/reduce_axis0.npy", np.asarray(jnp.sum(m, axis=0)))
np.save(f"{out}/reduce_axis1.npy", np.asarray(jnp.sum(m, axis=1)))
np.save(f"{out}/mean_axis1.npy", np.asarray(jnp.mean(m, axis=1)))
for (a, b, c) in [(3, 4, 5), (10, 100, 10), (64, 64, 64), (100, 300, 50), (1, 1000, 1), (7, 513, 3)]:
    x = jnp.asarray(data[:a * b].reshape(a, b))
    y = jnp.asarray(data[-b * c:].reshape(b, c))
    np.save(f"{out}/matmul_{a}x{b}x{c}.npy", np.asarray(x @ y))
print("dumped", len(os.listdir(out)), "files on", jax.devices()[0].platform)
