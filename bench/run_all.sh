#!/bin/sh
# Runs every benchmark with modest durations (about 15 minutes on 2 cores); results in bench/results/.
# --encoder-threads 2 runs are the baseline of the earlier two-thread libvpx setting;
# --busy-procs 2 adds two busy-loop processes (a fully busy machine), as other work would.
set -e
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
$PY bench/pipeline_bench.py --seconds 15
$PY bench/pipeline_bench.py --seconds 15 --encoder-threads 2
$PY bench/pipeline_bench.py --seconds 15 --busy-procs 2
$PY bench/pipeline_bench.py --seconds 15 --busy-procs 2 --encoder-threads 2
$PY bench/viewers_bench.py --seconds 5
$PY bench/viewers_bench.py --seconds 5 --encoder-threads 2
$PY bench/latency_bench.py --seconds 10 --joins 10 --baseline-joins 3
$PY bench/guard_bench.py
$PY bench/beauty_bench.py --seconds 20
$PY bench/degrade_bench.py
$PY bench/beauty_quality.py
$PY bench/commerce_bench.py --chromium-pages 0
$PY bench/commerce_bench.py
$PY bench/guests_bench.py --seconds 20
$PY bench/network_bench.py  # needs root: network namespaces
