#!/bin/sh
# The main job, run by `make run` with the path of the built binary: writes
# the verification report of every paper (mechcheck report --all, one line
# per claim), then solves the bundled example games.  Exit status: 2 if a
# run failed with an error, else 0 -- a claim that FAILS is a finding of
# the reports, not a failure of the job.
set -u
bin=${1:?usage: scripts/run_main.sh PATH-TO-mechcheck}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
cd "$(dirname "$0")/.." || exit 2
reports=$(dirname "$bin")/reports

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

echo "\$ mechcheck report --all -o $reports"
"$bin" report --all -o "$reports"
s=$?
if [ "$s" -ge 2 ]; then
    worst=2
elif [ "$s" -eq 1 ]; then
    echo "(some claims FAIL: the counterexamples are in the reports)"
fi
echo "Markdown reports: $reports/PAPER.md (HTML with plots: mechcheck report PAPER --format html)"
echo "Committed reports: proofs/PAPER.md (regenerate with make proofs)"
echo

# perfect information: backward induction; private information: maximin
for f in centipede entry auction; do
    run solve "tests/data/examples/$f.efg" --spe --witness
done
for f in kuhn agv_e3; do
    run solve "tests/data/examples/$f.efg" --maximin 1
done

[ "$worst" -ge 2 ] && exit 2
exit 0
