#!/bin/sh
# Every benchmark at the sizes quoted in benchmarks/README.md, one table each.
#   sh benchmarks/run_all.sh          # about an hour and a half on 2 cores
#   QUICK=1 sh benchmarks/run_all.sh  # small sizes, a few minutes: does it all still run?
# Needs GNU gettext (msgfmt, msgmerge) and translate-toolkit (pip install -e '.[bench]').
set -eu
cd "$(dirname "$0")/.."
if [ "${QUICK:-}" ]; then
    RUN="--documents 50 200"; UPDATE="--sizes 2000 10000"; REPORT="--sizes 2000 10000"
    CHECK="--entries 5000 --defects 50"; PREFILL="--segments 200 --latency 0.02"
else
    RUN="--documents 200 2000"; UPDATE="--sizes 10000 100000"; REPORT="--sizes 10000 100000"
    CHECK="--entries 100000 --defects 200"; PREFILL="--segments 2000 --latency 0.1"
fi
for bench in "run $RUN" "report $REPORT" "update $UPDATE" "check $CHECK" "prefill $PREFILL"; do
    set -- $bench
    name=$1; shift
    echo "## $name: python benchmarks/bench_$name.py $*"
    python "benchmarks/bench_$name.py" "$@"
    echo
done
