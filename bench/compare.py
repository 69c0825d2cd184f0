# Reads RESULT lines of all sides (stdin) and prints the comparison table: one row per workload
# and size, Jaxon eager and jit (a workload measured as NAME-jit) beside NumPy, and beside real
# JAX when its lines are there (bench/device: labels jax-cpu1, jax-cpu, jax-gpu).
import sys

results = {}
allocations = []  # (workload, size, bytes per call): Jaxon's heap allocation
labels = []
engine = "unknown"
for line in sys.stdin:
    parts = line.split()
    if parts and parts[0] == "ENGINE":
        engine = " ".join(parts[1:])
    if len(parts) == 5 and parts[0] == "ALLOC":
        allocations.append((parts[2], int(parts[3]), int(parts[4])))
    if len(parts) == 6 and parts[0] == "RESULT":
        _, label, name, size, median, runs = parts
        jitted = name.endswith("-jit")
        if jitted:
            name = name[:-len("-jit")]
        results.setdefault((name, int(size)), {})[(label, jitted)] = float(median)
        if label not in labels:
            labels.append(label)
others = [label for label in labels if label not in ("jaxon", "numpy")]


def fmt(seconds):
    if seconds is None:
        return "-"
    for unit, scale in (("s", 1), ("ms", 1e3), ("us", 1e6)):
        if seconds * scale >= 1:
            return f"{seconds * scale:.3g} {unit}"
    return f"{seconds * 1e9:.3g} ns"


def ratio(other, jaxon):
    return f"{other / jaxon:.2f}x" if other and jaxon else "-"


print(f"Truffle runtime: {engine}" + ("" if engine.startswith("GraalVM") else "  <-- NOT OPTIMIZING: figures are void"))
header = f"{'workload':<24}{'size':>10}{'Jaxon eager':>13}{'Jaxon jit':>11}{'NumPy':>10}{'NumPy/eager':>13}{'NumPy/jit':>11}"
for label in others:
    header += f"{label:>11}{label + '/Jaxon':>15}"
print(header)
for (name, size), r in results.items():
    eager, jitted, numpy = r.get(("jaxon", False)), r.get(("jaxon", True)), r.get(("numpy", False))
    row = f"{name:<24}{size:>10}{fmt(eager):>13}{fmt(jitted):>11}{fmt(numpy):>10}{ratio(numpy, eager):>13}{ratio(numpy, jitted):>11}"
    for label in others:  # JAX's jitted time against Jaxon's jitted one where both exist, else eager against eager
        kind = True if (label, True) in r and jitted else False
        theirs = r.get((label, kind))
        row += f"{fmt(theirs):>11}{ratio(theirs, jitted if kind else eager):>15}"
    print(row)
print("(medians; a ratio above 1 means Jaxon is faster)")
for name, size, allocated in allocations:
    print(f"Jaxon {name} {size}: {allocated} bytes allocated per call, {allocated / (4 * size):.2f}x its float32 output")
