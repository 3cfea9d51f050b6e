#!/bin/sh
# The main job, run by `make run` with the path of the built binary: solves
# the bundled example games and prints the results.  Exit status: the worst
# of the runs (0 all fine, 1 a re-check failed, 2 an error).
set -u
bin=${1:?usage: scripts/run_main.sh PATH-TO-mechcheck}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
cd "$(dirname "$0")/.." || exit 2

worst=0
run() {
    echo "\$ mechcheck $*"
    "$bin" "$@"
    s=$?
    [ "$s" -gt "$worst" ] && worst=$s
    echo
}

"$bin" --version || exit 2
echo
for f in tests/data/examples/*.efg; do
    run solve "$f" --spe --witness
done

# TODO(report): when `mechcheck report` is implemented, the main job is the
# papers' verification reports; enable this line (and keep the examples):
#   run report --all

exit "$worst"
