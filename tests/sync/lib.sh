# lib.sh - helpers for the sync integration tests (sourced, not run):
# profiles that drill example-every-type at fixed times, sync them in a
# given order, and compare their review logs and card tables.
# Needs: PMDRILL, T (a scratch folder). Sets pass/fail counters.
# SPDX-License-Identifier: GPL-3.0-or-later
pass=${pass:-0} fail=${fail:-0}
export NO_COLOR=1 PMDRILL_BANKS="$PWD/tests/banks/good"
unset PMDRILL_NOW

ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() {	# check DESCRIPTION COMMAND...
	local what=$1
	shift
	if "$@"; then ok; else ko "$what"; fi
}

# pm PROFILE ARGS...: run pmdrill in the profile's folder
pm() {
	local p=$1
	shift
	PMDRILL_HOME="$T/p/$p" "$PMDRILL" "$@"
}

# drill PROFILE TIME ANSWERS [ARGS...]: one drill session, answers one a line
drill() {
	local p=$1 now=$2 answers=$3
	shift 3
	printf '%b' "$answers" | PMDRILL_NOW=$now pm "$p" drill --bank example-every-type \
		--no-shuffle "$@" >"$T/drill.out" 2>&1 || { ko "drill $p at $now"; cat "$T/drill.out"; }
}

# Everything that must agree after a full sync.
dump() {
	sqlite3 "$T/p/$1/progress.db" \
		"SELECT device, seq, kind, bank, qid, content_hash, time_ms, utc_offset_min, rating,
		        correct, response_ms, mode, answer, target_device, target_seq
		 FROM events ORDER BY device, seq;
		 SELECT * FROM cards ORDER BY bank, qid;"
}
events() { sqlite3 "$T/p/$1/progress.db" "SELECT count(*) FROM events"; }
own_events() {
	sqlite3 "$T/p/$1/progress.db" "SELECT count(*) FROM events WHERE device =
		(SELECT value FROM settings WHERE key = 'device-id')"
}

# event_ids PROFILE: the (device, seq) of every event in its log
event_ids() { sqlite3 "$T/p/$1/progress.db" "SELECT device || ':' || seq FROM events"; }

# same P1 P2...: identical dumps, doctor happy, and each log holds every
# event that any of them holds, once (nothing lost, nothing twice). Counted
# over the logs rather than per device id: a copied or restored profile
# retires its old id (docs/store.md), and that id's events must arrive too.
same() {
	local first=$1 p total
	total=$(for p in "$@"; do event_ids "$p"; done | sort -u | wc -l)
	for p in "$@"; do
		dump "$p" >"$T/dump.$p"
		if [ "$p" != "$first" ]; then
			if cmp -s "$T/dump.$first" "$T/dump.$p"; then
				ok
			else
				ko "$p has the same log and cards as $first"
				diff "$T/dump.$first" "$T/dump.$p" | head -n 5
			fi
		fi
		check "$p has all $total events" [ "$(events "$p")" = "$total" ]
		[ -n "${NODOCTOR:-}" ] || check "doctor is happy with $p" pm "$p" doctor >/dev/null 2>&1
	done
}

# sync_ok PROFILE...: each syncs, in that order, and succeeds
sync_ok() {
	local p
	for p in "$@"; do
		if ! pm "$p" sync >"$T/sync.out" 2>&1; then
			ko "sync of $p"
			cat "$T/sync.out"
		fi
	done
}

# scenario URL USER X Y Z: three profiles drill different and overlapping
# questions, sync in the order X Y Z, drill again, sync in other orders;
# all three must end equal.
scenario() {
	local url=$1 user=$2 x=$3 y=$4 z=$5 p
	rm -rf "$T/p"
	for p in A B C; do
		check "setup of $p" pm $p sync setup "$url" --user "$user" >/dev/null
	done
	drill A 2026-11-20T08:00Z 'a\nb\n1.5\nabc\n'
	drill B 2026-11-20T09:00Z 'b?\n:undo\nb!\n' --task PPL-2
	drill C 2026-11-20T10:00Z 'c\nb\n2\nfoo\nbar\n'
	sync_ok $x $y $z
	drill $x 2026-11-21T08:30Z 'a\nb\nc\nd\n'
	drill $y 2026-11-21T09:30Z 'b\n'
	sync_ok $z $y $x
	sync_ok $x $y $z
	same A B C
}
