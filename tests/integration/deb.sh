#!/bin/sh
# deb.sh - the Debian package (make deb, tools/deb.sh): dpkg-buildpackage
# builds it, lintian reports no error or warning, and the package installs
# into a scratch root with the real dpkg (--root: no change to this
# machine, so two runs never collide), where its pmdrill lists and lints
# its own banks, has its man pages, completion and DEP-5 copyright; then it
# is purged and leaves no file behind.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cd "$(dirname "$0")/../.."
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { what=$1; shift; if "$@"; then ok; else ko "$what"; fi; }

for tool in dpkg-buildpackage dh lintian dpkg; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "SKIP: $tool is missing, so the package cannot be built here (Debian: dpkg-dev debhelper lintian)"
		echo "0 passed, 0 failed"
		exit 0
	fi
done

# the unit tests ran already in this make check: nocheck saves the time
DEB_BUILD_OPTIONS=nocheck sh tools/deb.sh "$T/deb" >"$T/out" 2>&1
check "the package builds and lintian is clean: $(tail -n 5 "$T/out" | tr '\n' ' ')" test $? = 0
deb=$(tail -n 1 "$T/out")
check "a .deb was made ($deb)" test -f "$deb"
check "lintian printed no tag" sh -c "! grep -Eq '^[EWIP]: ' '$T/deb/lintian.log'"

R=$T/root
mkdir -p "$R/var/lib/dpkg/info" "$R/var/lib/dpkg/updates"
: >"$R/var/lib/dpkg/status"
dpkg --root="$R" --log=/dev/null --force-not-root --force-depends --force-script-chrootless \
	-i "$deb" >"$T/install" 2>&1
check "dpkg installs it: $(tail -n 3 "$T/install" | tr '\n' ' ')" test $? = 0
check "the program is in /usr/bin" test -x "$R/usr/bin/pmdrill"
for f in usr/share/man/man1/pmdrill.1.gz usr/share/man/man5/pmdrill-bank.5.gz \
	usr/share/bash-completion/completions/pmdrill usr/share/doc/pmdrill/copyright \
	usr/share/pmdrill/schema/bank.rng; do
	check "the package has /$f" test -s "$R/$f"
done
for b in pmp-2026 prince2-7-foundation prince2-7-practitioner pm-certifications; do
	check "the bank $b is under /usr/share/pmdrill" test -s "$R/usr/share/pmdrill/banks/$b.xml"
done
# the installed program on its own: no source tree, no system banks
env -i PATH=/usr/bin:/bin HOME="$T/home" XDG_DATA_DIRS="$T/none" NO_COLOR=1 \
	"$R/usr/bin/pmdrill" banks >"$T/banks" 2>&1
check "installed pmdrill banks runs ($(head -n 2 "$T/banks" | tr '\n' ' '))" test $? = 0
for b in pmp-2026 prince2-7-foundation prince2-7-practitioner pm-certifications; do
	check "installed pmdrill finds $b" grep -q "$b" "$T/banks"
done
env -i PATH=/usr/bin:/bin HOME="$T/home" NO_COLOR=1 \
	"$R/usr/bin/pmdrill" lint --strict "$R"/usr/share/pmdrill/banks/*.xml >"$T/lint" 2>&1
check "installed pmdrill lints its own banks clean ($(head -n 2 "$T/lint" | tr '\n' ' '))" test $? = 0
check "the installed binary is hardened (RELRO, now)" sh -c "readelf -d '$R/usr/bin/pmdrill' | grep -q 'BIND_NOW\|FLAGS.*NOW'"

dpkg --root="$R" --log=/dev/null --force-not-root --force-script-chrootless -P pmdrill >"$T/purge" 2>&1
check "dpkg purges it: $(tail -n 2 "$T/purge" | tr '\n' ' ')" test $? = 0
left=$(cd "$R" && find . ! -type d ! -path './var/lib/dpkg/*' | head -n 5)
check "nothing of the package is left ($left)" test -z "$left"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
