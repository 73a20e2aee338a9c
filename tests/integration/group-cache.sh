#!/bin/sh
# group-cache.sh - a second look at a group's board on WebDAV (lighttpd on
# 127.0.0.1) fetches only what changed, counted in the server's own access
# log: the first look GETs every member's summary and answers, the second
# none, after one member pushes again only that member's two new files; the
# board reads the same each time. A damaged or truncated copy in the cache
# is fetched again, never shown; a member who leaves has their copies
# removed; a shared folder is never copied.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cd "$(dirname "$0")/../.."
. tests/lib/scratch.sh
. tests/lib/check.sh
export NO_COLOR=1 PMDRILL_BANKS="$PWD/tests/banks/good" PMDRILL_SYNC_PASSWORD=pw
unset PMDRILL_NOW
pm() {	# pm PROFILE ARGS...
	p=$1
	shift
	PMDRILL_HOME="$T/p/$p" PMDRILL_NOW=2026-11-20T12:00Z "$PMDRILL" "$@"
}
# gets: GET requests for the group in the access log since mark.
# lighttpd writes its log about once a second: settle asks for /settle-N
# and waits until that line is in the log, so every request before it is
# there too (lighttpd is one process, and logs in order).
log() { echo "$DAV_DIR/logs/access.log"; }
settle() {
	SETTLE=$(date +%s%N)	# unique also in a subshell
	curl -s -o /dev/null "http://127.0.0.1:$DAV_PORT/settle-$SETTLE" || true
	i=0
	until grep -q "GET /settle-$SETTLE " "$(log)" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 3000 ] && { ko "the access log never showed /settle-$SETTLE"; return; }
		sleep 0.01
	done
}
mark() { settle; MARK=$(wc -l <"$(log)"); }
gets() { settle; tail -n +$((MARK + 1)) "$(log)" | grep -c '"GET /dav/group/'; }
cached() { find "$T/p/ann/group-cache" -type f 2>/dev/null | wc -l; }
look() {	# look NAME: ann's board into $T/NAME, counting its GETs into GETS
	mark
	pm ann group board >"$T/$1" 2>"$T/$1.err" || { ko "board $1"; cat "$T/$1.err"; }
	GETS=$(gets)
}

export DAV_USERS="ann:pw bob:pw cat:pw"
DAV_DIR=$T/dav
export DAV_DIR
if ! out=$(bash tests/sync/dav.sh start lighttpd); then
	ko "lighttpd did not start"
	echo "$pass passed, $fail failed"
	exit 1
fi
eval "$out"
mkdir -p "$DAV_DIR/root/dav/group"
chmod 777 "$DAV_DIR/root/dav/group"
url=$DAV_URL/group
for m in ann bob cat; do
	pm $m group join "$url" --name "$m" --user $m --share-answers --exam example-every-type \
		>/dev/null 2>&1 || ko "join $m"
	printf 'a\na\na\n' | PMDRILL_NOW=2026-11-20T08:00Z PMDRILL_HOME="$T/p/$m" "$PMDRILL" drill \
		--bank example-every-type --no-shuffle >/dev/null 2>&1
	pm $m group push >/dev/null 2>&1 || ko "push $m"
done

look first
check "first look: one GET per file (3 summaries, 3 answers)" [ "$GETS" = 6 ]
check "first look: the board has three members" [ "$(grep -c '^  [abc][a-z]* ' "$T/first")" = 3 ]
check "first look: six copies kept" [ "$(cached)" = 6 ]
look second
check "second look: no GET" [ "$GETS" = 0 ]
check "second look: the same board" cmp -s "$T/first" "$T/second"
printf 'a\n' | PMDRILL_NOW=2026-11-20T09:00Z PMDRILL_HOME="$T/p/bob" "$PMDRILL" drill \
	--bank example-every-type --no-shuffle >/dev/null 2>&1
pm bob group push >/dev/null 2>&1 || ko "push bob again"
look third
check "after bob pushes: only bob's two new files" [ "$GETS" = 2 ]
check "after bob pushes: the board shows it" sh -c "! cmp -s '$T/second' '$T/third'"
check "after bob pushes: bob's old copies are gone" [ "$(cached)" = 6 ]

# a damaged copy is fetched again; the board is as it was
f=$(find "$T/p/ann/group-cache" -name 'summary-*' | head -1)
[ -n "$f" ] && head -c 40 "$f" >"$f.cut" && mv "$f.cut" "$f"
look damaged
check "a truncated copy: fetched again" [ "$GETS" = 1 ]
check "a truncated copy: the same board" cmp -s "$T/third" "$T/damaged"
check "a truncated copy: no warning" [ ! -s "$T/damaged.err" ]
f=$(find "$T/p/ann/group-cache" -name 'answers-*' | head -1)
[ -n "$f" ] && printf 'garbage\n' >"$f"
mark
pm ann group items example-every-type --csv >"$T/items" 2>"$T/items.err"
check "a garbage answers copy: fetched again" [ "$(gets)" = 1 ]
check "a garbage answers copy: no warning" [ ! -s "$T/items.err" ]
look after
check "and then: no GET" [ "$GETS" = 0 ]

# a member who leaves: their copies go
pm cat group leave --purge >/dev/null 2>&1 || ko "cat leaves"
look left
check "cat left: two members" [ "$(grep -c '^  [abc][a-z]* ' "$T/left")" = 2 ]
check "cat left: cat's copies removed" [ "$(cached)" = 4 ]

# a shared folder is not copied
mkdir -p "$T/share"
pm dan group join "$T/share" --name dan --exam example-every-type >/dev/null 2>&1 || ko "join dan"
pm dan group push >/dev/null 2>&1 || ko "push dan"
pm dan group board >/dev/null 2>&1 || ko "board dan"
check "a shared folder: no cache" [ ! -e "$T/p/dan/group-cache" ]

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
