#!/bin/sh
# `make proofs`: regenerates every committed verification report from its
# suite: proofs/PAPER.suite.json -> proofs/PAPER.md (deterministic, compared
# byte for byte by the report tests) and proofs/PAPER.timings.md (not
# compared).  A failing claim is a finding, not an error: only exit status 2
# (an error) fails the target.
set -u
bin=${1:?usage: scripts/proofs.sh PATH-TO-mechcheck}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
cd "$(dirname "$0")/.." || exit 2

status=0
for suite in proofs/*.suite.json; do
    [ -e "$suite" ] || continue
    paper=$(basename "$suite" .suite.json)
    "$bin" report "$paper" --suite "$suite" -o "proofs/$paper.md" \
        --timings "proofs/$paper.timings.md"
    s=$?
    if [ "$s" -ge 2 ]; then
        echo "proofs: $paper: mechcheck report failed (exit $s)" >&2
        status=2
    fi
done
exit "$status"
