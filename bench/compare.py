# Reads RESULT lines from both backends (stdin) and prints the comparison table: one row per
# workload and size, Jaxon eager and jit (a workload measured as NAME-jit) beside NumPy.
import sys

results = {}
engine = "unknown"
for line in sys.stdin:
    parts = line.split()
    if parts and parts[0] == "ENGINE":
        engine = " ".join(parts[1:])
    if len(parts) == 6 and parts[0] == "RESULT":
        _, backend, name, size, median, runs = parts
        column = backend
        if name.endswith("-jit"):
            name, column = name[:-len("-jit")], backend + "-jit"
        results.setdefault((name, int(size)), {})[column] = float(median)


def fmt(seconds):
    if seconds is None:
        return "-"
    for unit, scale in (("s", 1), ("ms", 1e3), ("us", 1e6)):
        if seconds * scale >= 1:
            return f"{seconds * scale:.3g} {unit}"
    return f"{seconds * 1e9:.3g} ns"


def ratio(numpy, jaxon):
    return f"{numpy / jaxon:.2f}x" if numpy and jaxon else "-"


print(f"Truffle runtime: {engine}" + ("" if engine.startswith("GraalVM") else "  <-- NOT OPTIMIZING: figures are void"))
print(f"{'workload':<24}{'size':>10}{'Jaxon eager':>13}{'Jaxon jit':>11}{'NumPy':>10}{'NumPy/eager':>13}{'NumPy/jit':>11}")
for (name, size), r in results.items():
    eager, jitted, numpy = r.get("jaxon"), r.get("jaxon-jit"), r.get("numpy")
    print(f"{name:<24}{size:>10}{fmt(eager):>13}{fmt(jitted):>11}{fmt(numpy):>10}{ratio(numpy, eager):>13}{ratio(numpy, jitted):>11}")
print("(medians; a ratio above 1 means Jaxon is faster than NumPy)")
