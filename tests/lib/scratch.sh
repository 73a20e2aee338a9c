# scratch.sh - sourced first by the integration tests that start WebDAV
# servers, from the top of the tree: PMDRILL as an absolute path, a
# scratch folder T (mode 711: the servers run as nobody when we are root)
# and an exit trap that stops the server DAV_DIR names, if any, and
# removes T unless KEEP is set.
# SPDX-License-Identifier: GPL-3.0-or-later
PMDRILL=${PMDRILL:-$PWD/pmdrill}
case $PMDRILL in /*) ;; *) PMDRILL=$PWD/$PMDRILL ;; esac
T=$(mktemp -d)
chmod 711 "$T"
DAV_DIR=
cleanup() {
	[ -n "$DAV_DIR" ] && DAV_DIR=$DAV_DIR bash tests/sync/dav.sh stop
	[ "${KEEP:-}" ] || rm -rf "$T"
}
trap cleanup EXIT
