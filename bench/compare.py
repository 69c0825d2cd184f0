# Reads RESULT lines from both backends (stdin) and prints the comparison table.
import sys

results = {}
engine = "unknown"
for line in sys.stdin:
    parts = line.split()
    if parts and parts[0] == "ENGINE":
        engine = " ".join(parts[1:])
    if len(parts) == 6 and parts[0] == "RESULT":
        _, backend, name, size, median, runs = parts
        results.setdefault((name, int(size)), {})[backend] = float(median)


def fmt(seconds):
    for unit, scale in (("s", 1), ("ms", 1e3), ("us", 1e6), ("ns", 1e9)):
        if seconds * scale >= 1:
            return f"{seconds * scale:.3g} {unit}"
    return f"{seconds * 1e9:.3g} ns"


print(f"Truffle runtime: {engine}" + ("" if engine.startswith("GraalVM") else "  <-- NOT OPTIMIZING: figures are void"))
print(f"{'workload':<26}{'size':>10}{'Jaxon eager':>14}{'NumPy':>12}{'NumPy/Jaxon':>13}")
for (name, size), r in results.items():
    j, n = r.get("jaxon"), r.get("numpy")
    ratio = f"{n / j:.2f}x" if j and n else "-"
    print(f"{name:<26}{size:>10}{fmt(j) if j else '-':>14}{fmt(n) if n else '-':>12}{ratio:>13}")
print("(medians; NumPy/Jaxon > 1 means Jaxon is faster)")
