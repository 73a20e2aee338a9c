#!/bin/sh
# deb.sh - build the Debian package (make deb): copy the tracked and new
# files of this tree into OUT/pmdrill-VERSION/ (so the build leaves this tree
# alone), run `dpkg-buildpackage -us -uc -b` there, then lintian, which must
# report no error and no warning (overrides: debian/pmdrill.lintian-overrides,
# each with its reason). Prints the .deb's path last.
# usage: deb.sh [OUT]   (default build/deb)
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/.."
out=${1:-build/deb}
version=$(sed -n '1s/^pmdrill (\([^)]*\)).*/\1/p' debian/changelog)
src=$out/pmdrill-$version
rm -rf "$out"
mkdir -p "$src"
git ls-files --cached --others --exclude-standard -z |
	xargs -0 cp --parents -t "$src" 2>/dev/null || {
	echo "deb.sh: cannot copy the source tree" >&2
	exit 1
}
# files deleted in the work tree but still in the index are not copied
(cd "$src" && dpkg-buildpackage -us -uc -b >../build.log 2>&1) || {
	tail -n 30 "$out/build.log" >&2
	echo "deb.sh: dpkg-buildpackage failed; the log is $out/build.log" >&2
	exit 1
}
deb=$(ls "$out"/pmdrill_"$version"_*.deb)
lintian --fail-on error,warning --no-tag-display-limit "$out"/pmdrill_"$version"_*.changes \
	>"$out/lintian.log" 2>&1 || {
	cat "$out/lintian.log" >&2
	echo "deb.sh: lintian reports errors or warnings" >&2
	exit 1
}
cat "$out/lintian.log"
echo "$deb"
