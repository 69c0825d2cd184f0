# jit selu over 1e7 float32 elements, median of 3 s after 12 s of warm-up (one core also compiles the SIMD kernels); bench/cores runs it on
# one core and on all of them (the bar: 2 cores at least 1.6x faster than 1).
import time
import jax
import jax.numpy as jnp


def selu(x):
    return 1.05 * jnp.where(x > 0, x, 1.67 * jnp.exp(x) - 1.67)


f = jax.jit(selu)
x = (jnp.arange(10000000, dtype=jnp.float32) / 10000000 - 0.5) * 4
warm_until = time.perf_counter() + 12
while time.perf_counter() < warm_until:
    f(x).block_until_ready()
times = []
stop = time.perf_counter() + 3
while time.perf_counter() < stop:
    t0 = time.perf_counter()
    f(x).block_until_ready()
    times.append(time.perf_counter() - t0)
times.sort()
print(times[len(times) // 2])
