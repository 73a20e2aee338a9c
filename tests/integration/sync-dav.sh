#!/bin/sh
# sync-dav.sh - sync through real WebDAV servers started on 127.0.0.1
# (lighttpd, nginx + dav-ext, Apache mod_dav, rclone serve webdav;
# tests/sync/dav.sh): profiles syncing in every order converge; wrong
# credentials and a missing base folder stop with exit 5 and a message
# naming the URL; the password comes from the environment, ~/.netrc or a
# private file; https is verified (sync-ca-file); with nginx, injected
# faults (500, 507, a cut PUT, a redirect, a hostile PROPFIND answer, a
# corrupt segment, the server down or killed mid-sync) leave the store
# unchanged and a later clean sync converges, and a server refusing
# DELETE costs compaction (one warning), never a review. A server that
# cannot start fails the test.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cd "$(dirname "$0")/../.."
. tests/lib/scratch.sh
. tests/sync/lib.sh
. tests/lib/wait.sh
export PMDRILL_SYNC_PASSWORD=pw
export DAV_USERS="u1:pw u2:pw u3:pw u4:pw u5:pw u6:pw f:pw k:pw t:pw c:pw n:pw"

start() {	# start SERVER: sets DAV_URL, DAV_PORT; counts a failure loudly
	DAV_DIR=$T/dav-$1
	export DAV_DIR
	if ! out=$(bash tests/sync/dav.sh start "$1"); then
		ko "$1 did not start"
		DAV_DIR=
		return 1
	fi
	eval "$out"
}
stop() {
	bash tests/sync/dav.sh stop
	DAV_DIR=
}

for server in lighttpd nginx apache rclone; do
	start $server || continue
	i=0
	for order in "A B C" "A C B" "B A C" "B C A" "C A B" "C B A"; do
		i=$((i + 1))
		# shellcheck disable=SC2086
		scenario "$DAV_URL" "u$i" $order
	done
	# wrong password: says so, stops, exit 5
	PMDRILL_SYNC_PASSWORD=nope pm A sync >"$T/out" 2>&1
	check "$server: wrong password exits 5" [ $? = 5 ]
	check "$server: wrong password says so" grep -q \
		"^pmdrill: PROPFIND $DAV_URL/u6/: 401 Unauthorized: the server refused the user name or password" "$T/out"
	# a base folder that is not there: MKCOL 409 names it (nginx: 403,
	# its access rule sees "nothere" as another user's folder)
	pm Z sync setup "$DAV_URL/nothere" --user u1 >"$T/out" 2>&1
	check "$server: missing base folder: exit 5" [ $? = 5 ]
	if [ $server = nginx ]; then
		want="^pmdrill: MKCOL $DAV_URL/nothere/u1/: 403 Forbidden: the server does not let user 'u1'"
	else
		want="^pmdrill: MKCOL $DAV_URL/nothere/u1/: 409 Conflict: the folder $DAV_URL/nothere/ does not exist on the server\$"
	fi
	check "$server: missing base folder: says which" grep -q "$want" "$T/out"
	check "$server: missing base folder: one line" [ "$(wc -l <"$T/out")" = 1 ]
	check "$server: password never printed" sh -c "! grep -q nope '$T/out'"
	if [ $server = lighttpd ]; then
		# the password from ~/.netrc, then from a private password file
		mkdir -p "$T/home"
		printf 'machine 127.0.0.1 login u6 password pw\n' >"$T/home/.netrc"
		chmod 600 "$T/home/.netrc"
		check "password from ~/.netrc" env -u PMDRILL_SYNC_PASSWORD HOME="$T/home" \
			PMDRILL_HOME="$T/p/A" "$PMDRILL" sync >/dev/null
		printf 'pw\n' >"$T/pwfile"
		chmod 644 "$T/pwfile"
		pm A config sync-password-file "$T/pwfile"
		env -u PMDRILL_SYNC_PASSWORD HOME="$T/nohome" PMDRILL_HOME="$T/p/A" "$PMDRILL" sync >"$T/out" 2>&1
		check "password file readable by others: exit 5" [ $? = 5 ]
		check "password file readable by others: refused" grep -q 'may be read by others' "$T/out"
		chmod 600 "$T/pwfile"
		check "password from a private file" env -u PMDRILL_SYNC_PASSWORD HOME="$T/nohome" \
			PMDRILL_HOME="$T/p/A" "$PMDRILL" sync >/dev/null
		pm A config sync-password-file ''
	fi
	# compaction: 40 syncs leave a bounded folder (old segments deleted
	# on this server), and a profile halfway and a new one converge
	rm -rf "$T/p/K" "$T/p/L" "$T/p/M"
	for p in K L M; do pm $p sync setup "$DAV_URL" --user c >/dev/null; done
	n=0
	while [ $n -lt 40 ]; do
		n=$((n + 1))
		drill K "$(date -u -d "2026-12-01 + $n days" +%Y-%m-%dT08:00Z)" 'a\nb\n1.5\nabc\n'
		sync_ok K
		[ $n = 20 ] && sync_ok L
	done
	segs=$(find "$DAV_DIR/root" -path '*/c/*' -name '*.seg' | wc -l)
	check "$server: compaction leaves segments ($segs)" [ "$segs" -ge 1 ]
	check "$server: compaction keeps the folder bounded ($segs segments)" [ "$segs" -le 33 ]
	sync_ok L M
	NODOCTOR=1 same K L M
	stop
done

# TLS is always verified: a self-signed server is refused until its
# certificate is given as sync-ca-file.
if DAV_TLS=1 start nginx; then
	pm T sync setup "$DAV_URL" --user t >"$T/out" 2>&1
	check "https, unknown CA: exit 5" [ $? = 5 ]
	check "https, unknown CA: says why" grep -qi 'certificate' "$T/out"
	cp "$DAV_DIR/cert.pem" "$T/ca.pem"
	pm T config sync-ca-file "$T/ca.pem"
	check "https with sync-ca-file: setup" pm T sync setup "$DAV_URL" --user t >/dev/null
	drill T 2026-11-20T08:00Z 'a\n'
	check "https with sync-ca-file: sync" pm T sync >/dev/null
	stop
fi

# Plain http:// to another host is refused before any connection.
pm Z sync setup http://192.0.2.1/dav --user f >"$T/out" 2>&1
check "http to a remote host: refused (exit 2)" [ $? = 2 ]
check "http to a remote host: says https" grep -q 'use https://' "$T/out"

# ---- faults, with nginx ----
start nginx || { echo "$pass passed, $fail failed"; exit 1; }
rm -rf "$T/p"
pm A sync setup "$DAV_URL" --user f >/dev/null
pm B sync setup "$DAV_URL" --user f >/dev/null
drill A 2026-11-20T08:00Z 'a\nb\n'
drill B 2026-11-20T09:00Z 'c\n'
sync_ok A B A

fault() {	# fault NAME FILE WHAT: sync of A fails cleanly under the fault
	drill A "$1" 'a\n'
	before=$(dump A)
	touch "$DAV_DIR/$2"
	pm A sync >"$T/out" 2>&1
	rc=$?
	rm -f "$DAV_DIR/$2"
	check "$2: exit 5" [ $rc = 5 ]
	check "$2: still pending" sh -c "PMDRILL_HOME='$T/p/A' '$PMDRILL' sync status | grep -q '^pending: *[1-9]'"
	check "$2: one line" [ "$(wc -l <"$T/out")" = 1 ]
	check "$2: says $3" grep -q "$3" "$T/out"
	check "$2: store unchanged" [ "$before" = "$(dump A)" ]
	sync_ok A B A
	same A B
}
fault 2026-11-21T08:00Z fault-500 "PROPFIND $DAV_URL/f/: 500 Internal Server Error: the server failed"
fault 2026-11-22T08:00Z fault-507 "PUT $DAV_URL/f/[0-9a-f]*/[0-9a-f-]*\\.seg: 507 Insufficient Storage: the server is out of space"
fault 2026-11-23T08:00Z fault-propfind "PROPFIND $DAV_URL/f/: the server's folder listing has a DOCTYPE"
fault 2026-11-23T10:00Z fault-cut "PUT $DAV_URL/f/[0-9a-f]*/[0-9a-f-]*\\.seg: cannot reach the sync server: "
fault 2026-11-23T12:00Z fault-redirect "PROPFIND $DAV_URL/f/: 302 Found: the server redirects to http://127.0.0.2:9/elsewhere/; set up sync with the final URL"

# A corrupt segment on the server is skipped, then taken once repaired.
drill A 2026-11-24T08:00Z 'a\nb\n'
sync_ok A
seg=$(ls -t "$DAV_DIR"/root/dav/f/*/*.seg | head -n 1)
cp "$seg" "$T/good.seg"
printf 'X' | dd of="$seg" bs=1 seek=200 conv=notrunc 2>/dev/null
before=$(dump B)
check "corrupt segment: sync succeeds" pm B sync >"$T/out" 2>&1
check "corrupt segment: not complete yet" grep -q 'not complete yet' "$T/out"
check "corrupt segment: nothing imported" [ "$before" = "$(dump B)" ]
cp "$T/good.seg" "$seg"
sync_ok B
same A B

# A server that refuses DELETE: the compacting sync (the 33rd push) keeps
# the old segments beside the merged one and warns once; later syncs do
# not try again (no new merged segment). A profile that synced halfway
# (imports the merged segment over what it has) and a new one converge.
# Not every day has questions due: drill until 35 syncs pushed (bounded).
touch "$DAV_DIR/fault-delete"
for p in N O P; do pm $p sync setup "$DAV_URL" --user n >/dev/null; done
: >"$T/nodelete.err"
n=0 failed=0 pushes=0 halfway=
while [ $pushes -lt 35 ] && [ $n -lt 80 ]; do
	n=$((n + 1))
	drill N "$(date -u -d "2026-12-01 + $n days" +%Y-%m-%dT08:00Z)" 'a\nb\n'
	pm N sync >"$T/sync.out" 2>>"$T/nodelete.err" || failed=$((failed + 1))
	grep -q ' [1-9][0-9]* out' "$T/sync.out" && pushes=$((pushes + 1))
	if [ $pushes = 20 ] && [ -z "$halfway" ]; then sync_ok O; halfway=1; fi
done
rm -f "$DAV_DIR/fault-delete"
check "no DELETE: 35 syncs pushed ($pushes in $n)" [ $pushes = 35 ]
check "no DELETE: every sync exits 0 ($failed failed)" [ $failed = 0 ]
check "no DELETE: exactly one warning line" [ "$(wc -l <"$T/nodelete.err")" = 1 ]
check "no DELETE: the warning names the refused DELETE" grep -q \
	"^pmdrill: warning: the server refused DELETE; old sync segments are kept (compaction off for 30 days): DELETE $DAV_URL/n/[0-9a-f]*/[0-9a-f-]*\\.seg: 405 Method Not Allowed: " \
	"$T/nodelete.err"
segs=$(find "$DAV_DIR/root/dav/n" -name '*.seg' | wc -l)
check "no DELETE: 35 segments and one merged ($segs)" [ "$segs" = 36 ]
sync_ok O P
NODOCTOR=1 same N O P

# The server is down: exit 5, store unchanged; back up: converges.
port=$DAV_PORT
stop
drill A 2026-11-25T08:00Z 'a\n'
before=$(dump A)
pm A sync >"$T/out" 2>&1
check "server down: exit 5" [ $? = 5 ]
check "server down: says so" grep -q "^pmdrill: PROPFIND $DAV_URL/f/: cannot reach the sync server: ." "$T/out"
check "server down: store unchanged" [ "$before" = "$(dump A)" ]
DAV_PORT=$port start nginx

# Killed mid-sync: a long backlog (80,000 events written straight into
# the log), the server killed -9 as soon as the sync has made its device
# folder, so while it uploads.
pm K sync setup "$DAV_URL" --user k >/dev/null
pm L sync setup "$DAV_URL" --user k >/dev/null
drill K 2026-11-20T08:00Z 'a\n'
sqlite3 "$T/p/K/progress.db" "WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < 80000)
	INSERT INTO events (device, seq, kind, bank, qid, content_hash, time_ms, rating, correct, mode)
	SELECT (SELECT value FROM settings WHERE key = 'device-id'), i, 0, 'bulk', 'q' || (i % 500),
	       '0000000000000000', 1795000000000 + i * 1000, 3, 1, 'drill' FROM n"
pm K config desired-retention 0.9 >/dev/null	# rebuilds the card cache
before=$(dump K)
devK=$(sqlite3 "$T/p/K/progress.db" "SELECT value FROM settings WHERE key = 'device-id'")
pm K sync >"$T/out" 2>&1 &
spid=$!
# kill the server once the sync has begun to push: its device folder is there
wait_until test -d "$DAV_DIR/root/dav/k/$devK"
master=$(cat "$DAV_DIR/server.pid")
kill -9 $(pgrep -P "$master") "$master" 2>/dev/null
wait $spid
rc=$?
check "killed mid-sync: exit 5 (or finished first: 0)" [ $rc = 5 -o $rc = 0 ]
check "killed mid-sync: store unchanged" [ "$before" = "$(dump K)" ]
rm -f "$DAV_DIR/server.pid"
DAV_PORT=$port start nginx
sync_ok K L K
NODOCTOR=1 same K L

stop
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
