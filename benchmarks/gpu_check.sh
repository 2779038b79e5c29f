#!/usr/bin/env bash
# What one GPU box does (issue 21), in one prepared run of at most 8 minutes:
#   setup       a Python that trains (the image's own CUDA torch when python3 has one), timed
#   env         python, torch, the device; nvidia-smi: the GPU's name and driver
#   cuda-tests  pytest -m gpu (every test marked gpu)
#   images      DCGAN on MNIST-sized synthetic data: Trainer vs a bare loop, images/s, peak memory
#   toy         the default toy run on the GPU vs one CPU core (JSON "placement": where to train)
#   runs        N = 1, 8, 32, 64 toy runs at once on the GPU, one worker process each
#   load-test   benchmarks/load_test.py with 50 protocol clients against a server on this box
# Every step runs under `timeout` (and the whole under GPU_CHECK_BUDGET seconds, default 470; 900
# for a dry run): a stuck or failed step is recorded with its reason and the next one runs.
#
#   bash benchmarks/gpu_check.sh [--out DIR]        # on the GPU machine ($OUT when set)
#   bash benchmarks/gpu_check.sh --cpu-dry-run      # every step on the CPU, tiny sizes (3-6 min)
#   bash benchmarks/gpu_check.sh --only "setup images"   # just these steps (a rerun)
#
# Writes DIR/gpu_results.md (every figure), DIR/gpu_results.json (the same, machine-readable)
# and DIR/gpu_check.log (every step's output). Exit 0 when every step passed.
# Offline set-up: put wheels for ganlab's missing dependencies in .whl/ (see RESULTS.md).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
ROOT=$PWD
DRY=${GPU_CHECK_DRY_RUN:-0}
ONLY=""
OUTDIR=${OUT:-}
while [ $# -gt 0 ]; do
  case $1 in
    --cpu-dry-run) DRY=1 ;;
    --out) OUTDIR=${2:?--out needs a folder}; shift ;;
    --only) ONLY=" ${2:?--only needs step names} "; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "gpu_check.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
OUTDIR=${OUTDIR:-$(mktemp -d /tmp/ganlab-gpu-check.XXXXXX)}
mkdir -p "$OUTDIR" || exit 2
WORK=$(mktemp -d /tmp/ganlab-gpu-work.XXXXXX) || exit 2
trap 'rm -rf "$WORK"' EXIT
LOG=$OUTDIR/gpu_check.log
: > "$LOG"
: > "$WORK/steps.tsv"
# 470 s leaves the 8 minutes' margin on the GPU box; a dry run on a small shared CPU box is slower.
BUDGET=${GPU_CHECK_BUDGET:-$([ "$DRY" = 1 ] && echo 900 || echo 470)}
START=$SECONDS
DRYFLAG=()
[ "$DRY" = 1 ] && DRYFLAG=(--dry-run)
# ganlab imports from the checkout even if its install fails; one thread per CPU-side run.
export PYTHONPATH=$ROOT${PYTHONPATH:+:$PYTHONPATH} PYTHONUNBUFFERED=1 OMP_NUM_THREADS=1
export WORK ROOT

record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "${4//$'\t'/ }" >> "$WORK/steps.tsv"; }

# step NAME LIMIT CMD...: CMD (a command or an exported function) under min(LIMIT, budget left)
# seconds. SIGINT first, so Python cleans up (load_test.py stops its server); SIGKILL 45 s later.
step() {
  local name=$1 limit=$2 left=$((BUDGET - (SECONDS - START)))
  shift 2
  if [ -n "$ONLY" ] && [[ "$ONLY" != *" $name "* ]]; then
    record "$name" skipped 0 "not in --only"
    return
  fi
  [ "$limit" -gt "$left" ] && limit=$left
  if [ "$limit" -lt 5 ]; then
    record "$name" skipped 0 "the ${BUDGET} s budget was spent"
    return
  fi
  echo "=== $name (at most ${limit} s): $*" | tee -a "$LOG"
  local t0=$SECONDS rc
  timeout -s INT -k 45 "$limit" bash -c '"$@"' _ "$@" > "$WORK/$name.log" 2>&1
  rc=$?
  cat "$WORK/$name.log" >> "$LOG"
  local took=$((SECONDS - t0)) last
  last=$(grep -v '^\s*$' "$WORK/$name.log" | tail -n 1 | cut -c1-300)
  if [ $rc -eq 0 ]; then record "$name" ok $took ""
  elif [ $rc -eq 124 ] || [ $rc -eq 137 ]; then record "$name" failed $took "timed out after ${limit} s"
  else record "$name" failed $took "exit $rc: ${last//|/\\|}"
  fi
  echo "    $name: exit $rc after ${took} s" | tee -a "$LOG"
}

setup_env() {  # choose the Python that trains, make ganlab installed in it; its path -> WORK/python
  local py how wheels=() iso=()
  [ -d .whl ] && wheels=(--no-index --find-links .whl)
  if [ -x .venv/bin/python ] && .venv/bin/python -c 'import ganlab, torch, streamlit, pytest'; then
    echo .venv/bin/python > "$WORK/python"
    echo "set-up: reused .venv, which has everything (nothing installed)" | tee "$WORK/setup.md"
    return 0
  elif python3 -c 'import sys, torch; sys.exit(sys.prefix == sys.base_prefix)'; then
    # The GPU image's python3 is a virtual environment holding a CUDA build of torch: install
    # ganlab beside it instead of downloading torch (gigabytes) into a new one.
    py=$(python3 -c 'import sys; print(sys.executable)') how="into $py, beside its torch"
  elif python3 -c 'import torch'; then
    python3 -m venv --system-site-packages .venv || return 1
    py=.venv/bin/python how="a new .venv that sees python3's torch"
  else
    python3 -m venv .venv || return 1
    py=.venv/bin/python how="a new .venv"
  fi
  echo "$py" > "$WORK/python"
  # Build ganlab with the setuptools already there when it can (no index needed), else isolated.
  "$py" -c 'import setuptools, wheel' 2>/dev/null && iso=(--no-build-isolation)
  local pip=("$py" -m pip install -q --disable-pip-version-check "${wheels[@]}")
  "${pip[@]}" "${iso[@]}" -e . pytest pytest-timeout || "${pip[@]}" -e . pytest pytest-timeout
  local rc=$?
  echo "set-up: $how; pip install -e . ${wheels[*]}: exit $rc;" \
    "$("$py" -c 'import sys, torch; print("python", sys.version.split()[0], "torch", torch.__version__)')" \
    | tee "$WORK/setup.md"
  return $rc
}

gpu_info() {
  nvidia-smi || return 1
  local q=name,driver_version,memory.total,power.limit,clocks.max.sm
  { echo "| ${q//,/ | } |"; echo "|---|---|---|---|---|"
    nvidia-smi --query-gpu=$q --format=csv,noheader | sed 's/, / | /g; s/^/| /; s/$/ |/'
  } > "$WORK/nvidia-smi.md"
  nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | head -n 1 |
    sed 's/^\(.*\), \(.*\)$/{"name": "\1", "driver": "\2"}/' > "$WORK/nvidia-smi.json"
}

cuda_tests() {  # every test file that marks a test gpu; the rest has nothing for this step
  local files
  files=$(grep -l 'mark\.gpu' tests/test_*.py | tr '\n' ' ')
  "$PY" -m pytest -p no:cacheprovider -q -rA -m gpu $files > "$WORK/cuda-tests.out" 2>&1
  local rc=$?
  cat "$WORK/cuda-tests.out"
  { echo "\`pytest -m gpu $files\`: $(tail -n 1 "$WORK/cuda-tests.out")"; echo
    grep -E '^(PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS)' "$WORK/cuda-tests.out" | sed 's/^/    /'
  } > "$WORK/cuda-tests.md"
  return $rc
}

bench() {  # bench SCRIPT NAME ARGS...: a bench_gpu*.py step writing WORK/NAME.{json,md}
  local script=$1 name=$2
  shift 2
  "$PY" "benchmarks/$script" "$@" --json "$WORK/$name.json" --md "$WORK/$name.md"
}
export -f setup_env gpu_info cuda_tests bench

step setup 180 setup_env
PY=$(cat "$WORK/python" 2>/dev/null || ls .venv/bin/python 2>/dev/null || command -v python3)
export PY
step env 60 bench bench_gpu.py env env "${DRYFLAG[@]}"
if [ "$DRY" = 1 ]; then record nvidia-smi skipped 0 "dry run: no GPU is used"
else step nvidia-smi 20 gpu_info
fi
step cuda-tests 120 cuda_tests
step images 90 bench bench_gpu.py images images "${DRYFLAG[@]}"
step toy 60 bench bench_gpu.py toy toy "${DRYFLAG[@]}"
step runs 150 bench bench_gpu_runs.py runs "${DRYFLAG[@]}"
step load-test 240 bench bench_gpu_load.py load-test "${DRYFLAG[@]}"

python3 benchmarks/bench_gpu_report.py "$WORK" "$OUTDIR" "${DRYFLAG[@]}"
echo "results: $OUTDIR/gpu_results.md, $OUTDIR/gpu_results.json; log: $LOG"
! cut -f2 "$WORK/steps.tsv" | grep -q failed
