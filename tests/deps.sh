#!/bin/sh
# deps.sh - install the Debian packages pmdrill needs to build and test,
# only those missing. Not root: use sudo when it works without a password,
# otherwise print the exact apt-get line and fail.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

BUILD="gcc make pkg-config libxml2-dev libreadline-dev libcurl4-openssl-dev libsqlite3-dev libssl-dev"
# tests: xmllint (benchmarks, schema), sqlite3 (store tests), tmux (the
# pseudo-terminal shell test), WebDAV servers for the sync tests, a
# browser for the HTML reports, the Debian packaging tools (make deb),
# openssl (the group-bank test signs files with it, as an attacker would).
TESTS="bc curl libxml2-utils openssl sqlite3 tmux lighttpd lighttpd-mod-webdav nginx libnginx-mod-http-dav-ext apache2 rclone apache2-utils chromium dpkg-dev debhelper lintian fakeroot"

missing=""
for p in $BUILD $TESTS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "pmdrill: installing missing packages:$missing"
if [ "$(id -u)" = 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	SUDO="sudo"
else
	echo "pmdrill: cannot install packages without root; run:" >&2
	echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# nginx, lighttpd and apache2 must not start system services on port 80 as a
# side effect (the tests start their own on 127.0.0.1, tests/sync/dav.sh).
if [ ! -e /usr/sbin/policy-rc.d ]; then
	printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
	$SUDO chmod 755 /usr/sbin/policy-rc.d
	trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT
fi
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
