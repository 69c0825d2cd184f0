#!/usr/bin/env python3
"""Generate the expected output (.out) of each golden program by running it as Python.

A Jaxon program in the Python subset is also a Python program, so CPython (plus real JAX when
`import jax` works, else the NumPy stand-in in tests/tools/jaxshim) is the reference.

    python3 tests/tools/make_golden.py                      # every tests/golden/**/*.jx
    python3 tests/tools/make_golden.py tests/golden/arrays/printing.jx examples/quickstart.jx ...

Each program runs in a fresh temporary folder as `name.py`, beside copies of the `.jx` modules
of its folder (`_helper.jx` becomes `_helper.py`, so `import _helper` works), with stdin closed
and a time limit. `name.out` is stdout + stderr + `[exit N]` when N != 0, after tracebacks are
normalised: file paths become base names with `.jx`, frames outside the golden programs (the
shim, JAX, NumPy, the standard library) are dropped, and CPython 3.11's caret marker lines under
a frame's source line are dropped (a SyntaxError keeps its caret line). Files whose names start
with `_` are modules, not programs. IPython's `%timeit stmt` lines (the tutorial's) run through a
stand-in that prints IPython's line; GoldenTest masks the figures. Programs run in parallel. tests/golden/REFERENCES.md records which reference produced
each output. Real JAX runs on its CPU backend unless JAX_PLATFORMS says otherwise.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
SHIM = Path(__file__).resolve().parent / "jaxshim"
REFERENCES = GOLDEN / "REFERENCES.md"
TIMEOUT_S = 120
SKIP_MARK = "# golden: skip-python"
# Programs whose output only real JAX can give (jax.random, transformations): with the NumPy
# stand-in they keep their committed .out, as does every program whose recorded reference
# (REFERENCES.md) is real JAX.
REAL_JAX_MARK = "# golden: needs-real-jax"

FRAME = re.compile(r'^  File "(?P<path>[^"]*)"(?P<tail>, line \d+.*\n?)$', re.S)
MARKER = re.compile(r"^ *[\^~]+ *$")
USES_JAX = re.compile(r"^\s*(import|from)\s+jax\b", re.M)
TIMEIT = re.compile(r"^(?P<indent>[ \t]*)%timeit +(?:-[nr] *\d+ +)*(?P<stmt>.*)$", re.M)
# Stands in for IPython's %timeit: the same line's form (the figures are masked by GoldenTest).
TIMEIT_PRELUDE = """def __timeit(stmt):
    import timeit as _t
    timer = _t.Timer(stmt)
    loops, _ = timer.autorange()
    per = [t / loops for t in timer.repeat(7, loops)]
    mean = sum(per) / 7
    std = (sum((t - mean) ** 2 for t in per) / 7) ** 0.5
    def fmt(t):
        for unit, scale in (("s", 1), ("ms", 1e3), ("\u00b5s", 1e6), ("ns", 1e9)):
            if t >= 1 / scale or unit == "ns":
                return f"{t * scale:.3g} {unit}"
    print(f"{fmt(mean)} \u00b1 {fmt(std)} per loop (mean \u00b1 std. dev. of 7 runs, {loops:,} loop{'s' if loops > 1 else ''} each)")
"""


def find_reference():
    """The JAX to use: real JAX when importable (returns its version), else the shim."""
    probe = subprocess.run([sys.executable, "-c", "import jax; print(jax.__version__)"],
                           capture_output=True, text=True, stdin=subprocess.DEVNULL,
                           env=child_env(None))
    if probe.returncode == 0:
        return None, f"JAX {probe.stdout.strip()}"
    import numpy
    return SHIM, f"NumPy {numpy.__version__} via jaxshim"


def child_env(shim):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(PYTHONHASHSEED="0", PYTHONDONTWRITEBYTECODE="1", PYTHONIOENCODING="utf-8")
    env.setdefault("JAX_PLATFORMS", "cpu")  # on a GPU, float32 matmuls may round through TF32
    if shim is not None:
        env["PYTHONPATH"] = str(shim)
    return env


def as_python(source):
    """The program as plain Python: %timeit lines call the stand-in."""
    if not TIMEIT.search(source):
        return source
    return TIMEIT_PRELUDE + TIMEIT.sub(lambda m: f"{m['indent']}__timeit(lambda: {m['stmt']})", source)


def run_program(program, shim):
    """Run one program as Python; returns (stdout, stderr, exit status)."""
    with tempfile.TemporaryDirectory(prefix="golden-") as tmp:
        for module in program.parent.glob("*.jx"):
            (Path(tmp) / (module.stem + ".py")).write_text(as_python(module.read_text()))
        try:
            done = subprocess.run([sys.executable, program.stem + ".py"], cwd=tmp,
                                  capture_output=True, text=True, stdin=subprocess.DEVNULL,
                                  env=child_env(shim), timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            sys.exit(f"{program}: no result within {TIMEOUT_S} s")
        return done.stdout, normalise_traceback(done.stderr, Path(tmp).resolve()), done.returncode


def normalise_traceback(stderr, folder):
    """Keep only the golden programs' own frames, named by base name with .jx."""
    out = []
    frame = None  # None outside a frame, else "keep", "keep-carets" (SyntaxError) or "drop"
    for line in stderr.splitlines(keepends=True):
        header = FRAME.match(line)
        if header:
            path = Path(header["path"])
            ours = (folder / path).resolve().parent == folder and (folder / path).exists()
            syntax = ", in " not in header["tail"]  # a SyntaxError's location has no function
            frame = ("keep-carets" if syntax else "keep") if ours else "drop"
            if ours:
                name = path.stem + ".jx" if path.suffix == ".py" else path.name
                out.append(f'  File "{name}"{header["tail"]}')
            continue
        if frame and line.startswith("    "):
            if frame == "drop" or frame == "keep" and MARKER.match(line.rstrip("\n")):
                continue
            out.append(line)
            continue
        frame = None
        out.append(line)
    return "".join(out)


def expected_output(stdout, stderr, status):
    text = stdout + stderr
    if status != 0:
        if text and not text.endswith("\n"):
            text += "\n"
        text += f"[exit {status}]\n"
    return text


def read_references():
    rows = {}
    if REFERENCES.exists():
        for line in REFERENCES.read_text().splitlines():
            cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
            if len(cells) == 2 and cells[0].endswith(".jx"):
                rows[cells[0]] = cells[1]
    return rows


def write_references(rows):
    programs = {str(p.relative_to(GOLDEN)) for p in golden_programs([])}
    lines = ["# Golden program references", "",
             "Generated by `python3 tests/tools/make_golden.py`; do not edit by hand.",
             "Each `.out` is the output of its `.jx` run as a Python program under this reference.",
             "", "| program | reference |", "|---|---|"]
    lines += [f"| `{name}` | {rows[name]} |" for name in sorted(rows) if name in programs]
    REFERENCES.write_text("\n".join(lines) + "\n")


def name(program):
    """A program's name: relative to tests/golden, or to the repository for examples."""
    return str(program.relative_to(GOLDEN if program.is_relative_to(GOLDEN) else ROOT))


def golden_programs(args):
    paths = [Path(a).resolve() for a in args] or sorted(GOLDEN.rglob("*.jx"))
    return [p for p in paths if not p.name.startswith("_")]


def main(args):
    shim, jax_reference = find_reference()
    python_reference = "CPython {}.{}".format(*sys.version_info[:2])
    rows = read_references()
    todo = []
    for program in golden_programs(args):
        source = program.read_text()
        if SKIP_MARK in source:
            print(f"skip  {name(program)} (not a Python program)")
        elif shim is not None and (REAL_JAX_MARK in source or rows.get(name(program), "").startswith("JAX")):
            print(f"keep  {name(program)} (its reference must be real JAX)")
        else:
            todo.append(program)
    with ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:
        results = pool.map(lambda program: run_program(program, shim), todo)
        for program, (stdout, stderr, status) in zip(todo, results):
            program.with_suffix(".out").write_text(expected_output(stdout, stderr, status))
            source = program.read_text()
            uses_jax = USES_JAX.search(source) or any(
                USES_JAX.search(m.read_text()) for m in program.parent.glob("_*.jx")
                if re.search(rf"\b{m.stem}\b", source))
            reference = jax_reference if uses_jax else f"{python_reference} only"
            if program.is_relative_to(GOLDEN):
                rows[name(program)] = reference
            print(f"wrote {name(program.with_suffix('.out'))} [exit {status}] ({reference})")
    write_references(rows)


if __name__ == "__main__":
    main(sys.argv[1:])
