# Benchmark workloads, written once for every side: run by Jaxon (bin/jaxon) it uses Jaxon's
# jax.numpy, run by CPython it uses NumPy, or real JAX when JAXON_BENCH_BACKEND=jax (bench/device
# runs that beside Jaxon on the GPU machine). Each line printed is one measurement:
#   RESULT <backend> <workload>[-jit] <size> <median seconds> <runs>
# bench/compare.py turns the lines of all sides into one table.
import sys
import time

# Each workload warms up for this long (and longer while it still gets faster), then is timed for as
# long again.
SECONDS_PER_WORKLOAD = 2.0
try:
    import jaxon  # a module only Jaxon has
    BACKEND = LABEL = "jaxon"
except ImportError:
    import os
    BACKEND = "jax" if os.environ.get("JAXON_BENCH_BACKEND") == "jax" else "numpy"
    LABEL = os.environ.get("JAXON_BENCH_LABEL", BACKEND)  # e.g. jax-cpu1, jax-gpu
    SECONDS_PER_WORKLOAD = float(os.environ.get("JAXON_BENCH_SECONDS", SECONDS_PER_WORKLOAD))
if BACKEND == "numpy":
    import numpy as xp
else:
    import jax
    import jax.numpy as xp
    from jax import random
JAX_API = BACKEND != "numpy"  # Jaxon and real JAX run the same program: jit, grad, vmap, random


def block(x):
    return x.block_until_ready() if JAX_API else x


def timed_runs(fn, seconds, at_least):
    # The sorted times of runs of fn for this many seconds, and at least at_least of them.
    times = []
    stop = time.perf_counter() + seconds
    while time.perf_counter() < stop or len(times) < at_least:
        t0 = time.perf_counter()
        block(fn())
        times.append(time.perf_counter() - t0)
    times.sort()
    return times


def measure(name, size, fn):
    # Warm up (Truffle compiles hot code in the background) for the budget, and on while the
    # compilers are still making it faster (a batch's median 3% or more below the last one's), for
    # at most four budgets more; then time runs until the budget is spent.
    warm_until = time.perf_counter() + SECONDS_PER_WORKLOAD
    while time.perf_counter() < warm_until:
        block(fn())
    median = lambda times: times[len(times) // 2]
    last = median(timed_runs(fn, SECONDS_PER_WORKLOAD / 4, 3))
    give_up = time.perf_counter() + 4 * SECONDS_PER_WORKLOAD
    while time.perf_counter() < give_up:
        now = median(timed_runs(fn, SECONDS_PER_WORKLOAD / 4, 3))
        if now > last * 0.97:
            break
        last = now
    times = timed_runs(fn, SECONDS_PER_WORKLOAD, 5)
    print("RESULT", LABEL, name, size, median(times), len(times))
    sys.stdout.flush()


def allocation(name, size, fn):
    # Jaxon only: heap bytes allocated per call by all threads (the fewest over five windows of
    # 20 calls, so that a compiler thread's work in one window does not count).
    if BACKEND != "jaxon":
        return
    per_call = []
    for window in range(5):
        before = jaxon.allocated_bytes()
        for i in range(20):
            block(fn())
        per_call.append((jaxon.allocated_bytes() - before) / 20)
    print("ALLOC", LABEL, name, size, int(min(per_call)))
    sys.stdout.flush()


def vector(n):
    return (xp.arange(n, dtype=xp.float32) / n - 0.5) * 4


def selu(x):
    alpha = 1.67
    lmbda = 1.05
    return lmbda * xp.where(x > 0, x, alpha * xp.exp(x) - alpha)


def chain(x):
    return 2 * x + xp.sin(x) * xp.exp(-x * x) - 0.5


if BACKEND == "jaxon":
    print("ENGINE", jaxon.engine_name())

small_a = vector(10)
small_b = vector(10)
measure("add", 10, lambda: small_a + small_b)
if JAX_API:  # NumPy has no jit: its column is the eager one
    add_jit = jax.jit(lambda a, b: a + b)
    measure("add-jit", 10, lambda: add_jit(small_a, small_b))
    # The first call of a fresh jitted selu over 1e6, compilation included (one sample).
    x = vector(1000000)
    t0 = time.perf_counter()
    block(jax.jit(selu)(x))
    print("RESULT", LABEL, "selu-first-call-jit", 1000000, time.perf_counter() - t0, 1)
    selu_jit = jax.jit(selu)
    chain_jit = jax.jit(chain)
for n in [100000, 1000000, 10000000]:
    x = vector(n)
    measure("selu", n, lambda: selu(x))
    if JAX_API:
        measure("selu-jit", n, lambda: selu_jit(x))
        allocation("selu-jit", n, lambda: selu_jit(x))
    measure("2x+sin(x)exp(-x^2)-0.5", n, lambda: chain(x))
    if JAX_API:
        measure("2x+sin(x)exp(-x^2)-0.5-jit", n, lambda: chain_jit(x))
# The gradient of the summed chain: jax.grad; NumPy evaluates the derivative written out.
x = vector(1000000)
# Twice: through a call of the function chain, and with the chain written inside the function.
if JAX_API:
    chain_grad = jax.jit(jax.grad(lambda v: xp.sum(chain(v))))
    measure("grad-sum-chain-jit", 1000000, lambda: chain_grad(x))
    inline_grad = jax.jit(jax.grad(lambda v: xp.sum(2 * v + xp.sin(v) * xp.exp(-v * v) - 0.5)))
    measure("grad-sum-chain-inline-jit", 1000000, lambda: inline_grad(x))
else:
    for name in ("grad-sum-chain", "grad-sum-chain-inline"):
        measure(name, 1000000, lambda: 2 + xp.exp(-x * x) * (xp.cos(x) - 2 * x * xp.sin(x)))
big = vector(10000000)
measure("x*2+1", 10000000, lambda: big * 2 + 1)
if JAX_API:
    affine_jit = jax.jit(lambda v: v * 2 + 1)
    measure("x*2+1-jit", 10000000, lambda: affine_jit(big))
else:
    measure("x*2", 10000000, lambda: big * 2)  # the bar for jit x*2+1: one read, one write
measure("sum", 10000000, lambda: xp.sum(big))
m = xp.reshape(vector(1000000), (1000, 1000))
measure("matmul", 1000, lambda: m @ m)

# Random numbers: threefry + erfinv (Jaxon, JAX) against NumPy's PCG64 + ziggurat (different
# algorithms, the same job: a float32 standard-normal array).
if JAX_API:
    key = random.PRNGKey(0)
    normal = lambda shape: random.normal(key, shape)
    uniform = lambda shape: random.uniform(key, shape)
else:
    rng = xp.random.default_rng(0)
    normal = lambda shape: rng.standard_normal(shape, dtype=xp.float32)
    uniform = lambda shape: rng.random(shape, dtype=xp.float32)
measure("random.uniform", 3000 * 3000, lambda: uniform((3000, 3000)))
measure("random.normal", 3000 * 3000, lambda: normal((3000, 3000)))

# The tutorial's batched matrix-vector product: vmap (one matrix product) against the naive
# Python loop. NumPy's side writes the batched product by hand (batch @ mat.T).
mat = xp.reshape(vector(150 * 100), (150, 100))
batch = xp.reshape(vector(10 * 100), (10, 100))


def apply_matrix(v):
    return mat @ v


batched_apply = jax.vmap(apply_matrix) if JAX_API else (lambda b: b @ mat.T)
measure("matvec-x10-naive-loop", 10, lambda: xp.stack([apply_matrix(v) for v in batch]))
measure("matvec-x10-vmap", 10, lambda: batched_apply(batch))
