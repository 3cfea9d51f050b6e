#!/bin/sh
# Runs every benchmark program built in $1/bench (make bench).
dir=$1
for b in "$dir"/bench/*; do
    [ -x "$b" ] || continue
    echo "== $(basename "$b")"
    "$b" || exit 1
done
