#!/usr/bin/env bash
# On a machine where real JAX is installed (the device machine): regenerate the expected output of
# every golden program that uses JAX, and of examples/quickstart.jx, on JAX's CPU backend; then
# record XLA's float32 math bit for bit on the CPU and on the default backend.
#     tests/tools/real_jax_references.sh OUT_DIR
set -u
cd "$(dirname "$0")/../.."
out=${1:?usage: real_jax_references.sh OUT_DIR}
mkdir -p "$out"
python3 -c "import sys, jax, numpy; print('python', sys.version.split()[0], 'jax', jax.__version__, 'numpy', numpy.__version__, jax.devices())"
programs=$(grep -rlE '^\s*(import|from)\s+jax' tests/golden --include='*.jx' | grep -v '/_')
python3 tests/tools/make_golden.py $programs examples/quickstart.jx
JAX_PLATFORMS=cpu python3 tests/tools/dump_xla_math.py "$out/xla_cpu"
JAX_PLATFORMS= python3 tests/tools/dump_xla_math.py "$out/xla_default"
