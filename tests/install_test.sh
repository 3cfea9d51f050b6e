#!/bin/sh
# Installs mechcheck into a scratch DESTDIR with PREFIX=/usr and checks the
# result: pkg-config finds the installed mechcheck.pc, a tiny program
# compiles and links against the installed headers and library, the
# installed binary runs and the man page renders without warnings.
#   sh tests/install_test.sh            (from the repository root; BUILD=dir optional)
set -eu
cd "$(dirname "$0")/.."
build=${BUILD:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
root=$tmp/root

make --no-print-directory BUILD="$build" install DESTDIR="$root" PREFIX=/usr >"$tmp/make.log" 2>&1 ||
    { cat "$tmp/make.log" >&2; echo "install_test: make install failed" >&2; exit 1; }

for f in usr/bin/mechcheck usr/lib/libmechcheck.a usr/lib/pkgconfig/mechcheck.pc \
         usr/include/mechcheck/num.h usr/include/mechcheck/spe.h usr/share/man/man1/mechcheck.1; do
    [ -f "$root/$f" ] || { echo "install_test: $f was not installed" >&2; exit 1; }
done

# The .pc says prefix=/usr; the files sit under DESTDIR, so redefine prefix.
export PKG_CONFIG_PATH="$root/usr/lib/pkgconfig"
pc() { pkg-config --define-variable=prefix="$root/usr" "$@" mechcheck; }
pc --exists || { echo "install_test: pkg-config does not find mechcheck" >&2; exit 1; }
[ "$(pc --modversion)" = "0.1.0" ] || { echo "install_test: wrong version $(pc --modversion)" >&2; exit 1; }
grep -q '^prefix=/usr$' "$root/usr/lib/pkgconfig/mechcheck.pc" ||
    { echo "install_test: prefix in mechcheck.pc is not /usr" >&2; exit 1; }

cat >"$tmp/prog.c" <<'C'
#include <stdio.h>
#include <string.h>
#include <mechcheck/num.h>
#include <mechcheck/spe.h>

int main(void)
{
    mc_q a = MC_Q_ZERO, b = MC_Q_ZERO;
    mc_q_set_frac(&b, 1, 3);
    mc_q_add(&a, &b, &b); /* 2/3 */
    char buf[32];
    mc_q_snprint(buf, sizeof buf, &a);
    mc_q_clear(&a);
    mc_q_clear(&b);
    printf("%s %s\n", buf, mc_stage_class_name(MC_STAGE_MULTI_NE));
    return strcmp(buf, "2/3") != 0;
}
C
# shellcheck disable=SC2046
cc -std=c11 -Wall -Werror -o "$tmp/prog" "$tmp/prog.c" $(pc --cflags --libs) ||
    { echo "install_test: a program does not build against the installed library" >&2; exit 1; }
out=$("$tmp/prog")
[ "$out" = "2/3 MULTI-NE" ] || { echo "install_test: program printed '$out'" >&2; exit 1; }

[ "$("$root/usr/bin/mechcheck" --version)" = "mechcheck 0.1.0" ] ||
    { echo "install_test: installed binary does not run" >&2; exit 1; }
warn=$(groff -man -Tutf8 -ww -z "$root/usr/share/man/man1/mechcheck.1" 2>&1)
[ -z "$warn" ] || { echo "install_test: man page warnings: $warn" >&2; exit 1; }

echo "install_test: ok (make install, pkg-config, compile and link, binary, man page)"
