#!/bin/sh
# kill-ops.sh - SIGKILL at seeded random moments, many times each, during
# `pmdrill sync` (to a shared folder and to lighttpd WebDAV on 127.0.0.1),
# `group push` (to both), `import` (a large generated Moodle file) and
# `doctor --repair` (a large damaged cache). Each delay is drawn from
# [0, 1.25 x the operation's duration), measured by an unkilled run first
# and again every tenth round (the machine's load changes). After every
# kill, once the process has exited: the store passes PRAGMA
# integrity_check and holds only acknowledged events (drilled, with a
# "Rated" line each, or inserted), each once and unchanged, none of its
# own missing; a reader that then syncs unkilled finds no partial segment
# and takes every event the killed sync recorded as pushed; the group
# board reads every member file whole; an import's output is absent or
# identical to an unkilled import's (which lint accepts); no partial
# temporary file is left on a shared folder or beside the output (also
# when killed the moment one appears, a few more runs each); a repaired
# cache is either untouched or wholly repaired. At the end unkilled runs
# converge: identical logs and cards. The four operations run side by
# side, each in its own scratch folder.
# KILL_ROUNDS (default 50) kills per operation (sync and group push split
# them between the two remotes), KILL_SEED the seed, KILL_DEBUG=1 prints
# every kill. The summary (kills, mid-operation, time) goes to stderr.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cd "$(dirname "$0")/../.."
. tests/lib/scratch.sh
ROUNDS=${KILL_ROUNDS:-50}
HALF=$(((ROUNDS + 1) / 2))
SEED=${KILL_SEED:-9137}
BULK=2000	# events a profile adds before each of its killed syncs
. tests/sync/lib.sh
. tests/lib/kill.sh
export PMDRILL_BANKS="$T/banks" PMDRILL_SYNC_PASSWORD=pw
started_ms=$(now_ms)

# ---- acknowledged events, kept outside every profile ----

ack_init() {
	sqlite3 "$T/ack.db" "CREATE TABLE ack (device TEXT, seq INTEGER, kind INTEGER,
		bank TEXT, qid TEXT, time_ms INTEGER, rating INTEGER, answer TEXT,
		PRIMARY KEY (device, seq))"
}
OWN="(SELECT value FROM main.settings WHERE key = 'device-id')"
PUSHED="coalesce((SELECT CAST(value AS INTEGER) FROM main.settings WHERE key = 'sync-pushed-seq'), 0)"
ACKNOWLEDGE="INSERT OR IGNORE INTO a.ack SELECT device, seq, kind, bank, qid, time_ms, rating,
	answer FROM main.events WHERE device = $OWN;"

# bulk_sql N BANK QIDS PREFIX FIRST [CONDITION]: SQL adding N own reviews
# straight into the log (as sync-dav.sh does), answered 'a', over QIDS
# questions PREFIX FIRST, PREFIX FIRST+1, ...; acknowledged at once
bulk_sql() {
	echo "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1),
		top(s) AS (SELECT coalesce(max(seq), 0) FROM events WHERE device = $OWN)
		INSERT INTO main.events (device, seq, kind, bank, qid, content_hash, time_ms,
		                         rating, correct, mode, answer)
		SELECT $OWN, s + i, 0, '$2', '$4' || ($5 + (s + i) % $3), '0000000000000000',
		       1795000000000 + (s + i) * 1000, 3, 1, 'drill', 'a' FROM n, top
		WHERE ${6:-1};
		$ACKNOWLEDGE"
}
bulk() {	# bulk PROFILE N BANK QIDS PREFIX FIRST
	local p=$1
	shift
	sqlite3 "$T/p/$p/progress.db" "ATTACH '$T/ack.db' AS a; $(bulk_sql "$@")"
}

# log_sql SCHEMA [DEVICE UPTO]: SQL printing three lines about the log
# of SCHEMA, "ok", "0", "0" when all is well: PRAGMA integrity_check;
# events that are not an acknowledged one, unchanged (invented, changed,
# or one review twice); acknowledged events of its own device (and of
# DEVICE up to seq UPTO, SQL expressions) that are missing
log_sql() {
	echo "PRAGMA $1.integrity_check;
	SELECT count(*) FROM $1.events e WHERE NOT EXISTS (SELECT 1 FROM a.ack k WHERE
		k.device = e.device AND k.seq = e.seq AND k.kind = e.kind AND k.bank = e.bank AND
		k.qid = e.qid AND k.time_ms = e.time_ms AND k.rating = e.rating AND
		k.answer = e.answer);
	SELECT count(*) FROM a.ack k WHERE (k.device = (SELECT value FROM $1.settings WHERE
		key = 'device-id') OR (k.device = ${2:-''} AND k.seq <= ${3:-0})) AND NOT EXISTS
		(SELECT 1 FROM $1.events e WHERE e.device = k.device AND e.seq = k.seq);"
}

# probe PROFILE SQL: one sqlite3 run on the profile's database (never
# while pmdrill runs on it) with the acknowledged events attached as a;
# PROBE is its output, one line of words
probe() {
	PROBE=$(sqlite3 "$T/p/$1/progress.db" 2>&1 <<EOF
ATTACH '$T/ack.db' AS a;
$2
EOF
)
	# shellcheck disable=SC2086
	PROBE=$(echo $PROBE)
}

# drill_ack PROFILE TIME ANSWERS: a plain-line drill of group-test; as
# many new own events as "Rated" lines, all of them then acknowledged
drill_ack() {
	local before after rated
	before=$(sqlite3 "$T/p/$1/progress.db" "SELECT count(*) FROM events WHERE device = $OWN")
	printf '%b' "$3" | PMDRILL_NOW=$2 pm "$1" drill --bank group-test --no-shuffle \
		>"$T/drill.out" 2>&1 || { ko "drill $1 at $2"; cat "$T/drill.out"; }
	rated=$(grep -c '^Rated ' "$T/drill.out")
	after=$(sqlite3 "$T/p/$1/progress.db" "ATTACH '$T/ack.db' AS a; $ACKNOWLEDGE
		SELECT count(*) FROM events WHERE device = $OWN")
	check "drill $1 at $2: $rated confirmed, $((after - before)) stored" [ "$rated" = $((after - before)) ]
	drilled=$((drilled + rated))
}

# lacks FILE TEXT: no line of FILE holds TEXT (read by the shell)
lacks() {
	local line
	while IFS= read -r line; do
		case $line in *"$2"*) return 1 ;; esac
	done <"$1"
	return 0
}

# holds_db PROFILE PID: the process has the profile's database open
holds_db() { holds_file "$T/p/$1/progress.db" "$2"; }

# ---- the kill loop ----

# kill_loop KIND LABEL ROUNDS SEED: ROUNDS rounds of KIND_prep I, KIND_run
# DELAY (kill_at with that delay) and KIND_check WHAT. The delay is a
# seeded fraction of 1.25 x the last unkilled KIND_run's time; there is one
# before the first round and one every tenth round, each checked too.
kill_loop() {
	local kind=$1 label=$2 i=0 u ms=0 longest=0 dm
	kills=0 mid=0 finished=0
	for u in $(kill_fractions "$3" "$4"); do
		if [ $((i % 10)) = 0 ]; then
			${kind}_prep "$i"
			timed ${kind}_run none
			check "$label: unkilled run $i succeeds (exit $KILL_RC)" [ "$KILL_RC" = 0 ]
			[ "$KILL_RC" = 0 ] || cat "$T/kill.out"
			ms=$TIMED_MS
			[ "$ms" -gt "$longest" ] && longest=$ms
			${kind}_check "$label unkilled run $i"
		fi
		i=$((i + 1))
		${kind}_prep "$i"
		dm=$((u * ms * 5 / 4 / 10000))
		seconds "$dm"
		${kind}_run "$SECONDS_OF"
		[ -n "${KILL_DEBUG:-}" ] && echo "$label $i ${dm}ms: exit $KILL_RC, mid $KILL_MID" >&2
		case $KILL_RC in
		137) kills=$((kills + 1)) mid=$((mid + KILL_MID)) ;;
		0) finished=$((finished + 1)) ;;
		*) ko "$label kill $i: exit $KILL_RC (neither killed nor 0)"; cat "$T/kill.out" ;;
		esac
		${kind}_check "$label kill $i"
	done
	printf '%s: %s killed (%s mid-operation), %s finished first; unkilled run up to %s ms\n' \
		"$label" "$kills" "$mid" "$finished" "$longest" >>"$T/summary"
	[ -n "${KILL_DEBUG:-}" ] && echo "$label: done at $(($(now_ms) - started_ms)) ms" >&2
	return 0
}

# kill_on_temps KIND LABEL GLOB N: N more runs, each killed the moment a
# file matching GLOB (a temporary file) appears, if one does; checked too.
kill_on_temps() {
	local i=0 seen=0
	while [ $i -lt "$4" ]; do
		i=$((i + 1))
		${1}_prep "$i"
		${1}_run "on:$3"
		[ -n "$KILL_SEEN" ] && seen=$((seen + 1))
		${1}_check "$2 killed when a temporary file appears, $i"
	done
	echo "$2: $seen of $4 runs saw a temporary file (and were killed then)" >>"$T/summary"
}

# no_temps GLOB: no file matches GLOB (temporary files left behind);
# those found are removed, so that each counts once
no_temps() {
	local f found=0
	for f in $1; do
		[ -e "$f" ] || continue
		echo "left behind: $f"
		rm -f "$f"
		found=1
	done
	return $found
}

# ---- sync ----

# A and B take turns at the sync that is killed: it pulls what the other
# pushed and pushes BULK new events of its own (every fifth turn a
# drill's too). Then V, a reader, syncs unkilled: it must find no partial
# segment and take every event the killed sync recorded as pushed. One
# sqlite3 run checks both logs and gives the killed profile its next BULK.
sync_prep() {
	K=A
	[ $(($1 % 2)) = 0 ] && K=B
	[ $(($1 % 5)) = 0 ] && [ "$1" != 0 ] &&
		drill_ack $K "2026-11-$((20 + $1 / 5))T09:00Z" 'a\nb\na\n'
	return 0
}
sync_run() { kill_at "$1" "holds_db $K" env PMDRILL_HOME="$T/p/$K" "$PMDRILL" sync; }
sync_check() {
	pm V sync >"$T/out" 2>&1 || { ko "$1: sync of V after"; cat "$T/out"; }
	check "$1: no partial segment on the server" lacks "$T/out" 'not complete yet'
	check "$1: no temporary file left on the remote" no_temps "$SYNC_TEMPS"
	probe $K "$SYNC_SQL"
	check "$1: $K's log and V's ok, V has all $K pushed (got: $PROBE)" \
		[ "${PROBE% *}" = "ok 0 0 ok 0 0" ]
}

# sync_kills LABEL URL USER SEED REMOTE-FOLDER [TEMPS]: REMOTE-FOLDER is
# the user's folder on disk (for leftover temporary files); with TEMPS,
# five runs are also killed the moment a temporary file appears there.
sync_kills() {
	local label=$1 url=$2 user=$3 p
	for p in A B V; do
		check "$label: setup of $p" pm $p sync setup "$url" --user "$user" >/dev/null
	done
	for p in A B; do
		drill_ack $p 2026-11-20T08:00Z 'a\nb\n'
		bulk $p "$BULK" bulk 200 q 0
	done
	SYNC_SQL="ATTACH '$T/p/V/progress.db' AS v;
		$(log_sql main) $(log_sql v "$OWN" "$PUSHED") SELECT $PUSHED;
		$(bulk_sql "$BULK" bulk 200 q 0 "(SELECT count(*) FROM main.events
			WHERE device = $OWN AND seq > $PUSHED) < $BULK")"
	SYNC_TEMPS="$5/*/.[!.]*"
	kill_loop sync "$label" "$HALF" "$4"
	[ -n "${6:-}" ] && kill_on_temps sync "$label" "$SYNC_TEMPS" 5
	sync_ok A B A V
	pm C sync setup "$url" --user "$user" >/dev/null
	sync_ok C
	check "$label: a new profile finds no partial segment" lacks "$T/sync.out" 'not complete yet'
	# the inserted events bypassed the card cache: rebuild it, then compare
	pm A doctor --repair >/dev/null
	pm B doctor --repair >/dev/null
	same A B V C
}

# ---- group push ----

# Member g1 (a long log, answers shared) is killed while it pushes;
# member g2's board must then read g1's files whole.
group_prep() { :; }
group_run() { kill_at "$1" "holds_db G1" env PMDRILL_HOME="$T/p/G1" "$PMDRILL" group push; }
group_check() {
	local line
	probe G1 "$(log_sql main)"
	check "$1: g1's log ok (got: $PROBE)" [ "$PROBE" = "ok 0 0" ]
	pm G2 group board --json >"$T/board" 2>"$T/err"
	check "$1: the board reads every file (exit $?)" [ $? = 0 ]
	check "$1: the board has no warning" [ ! -s "$T/err" ]
	read -r line <"$T/board"
	check "$1: g1 is on the board" [ "${line#*\"id\":\"$G1ID\"}" != "$line" ]
	check "$1: g1's folder holds only whole pushes" only_pushes "$G1DIR"
}
# only_pushes DIR: nothing but summary, answers and joined files (others found
# are removed, so that each counts once)
only_pushes() {
	local f found=0
	for f in "$1"/* "$1"/.*; do
		case ${f##*/} in
		summary-*.tsv | answers-*.tsv | joined-*.tsv | . | ..) ;;
		*) echo "unexpected $f"; rm -f "$f"; found=1 ;;
		esac
	done
	return $found
}
one_file() {	# one_file DIR PREFIX: exactly one PREFIX-*.tsv in DIR
	set -- "$1"/"$2"-*.tsv
	[ $# = 1 ] && [ -e "$1" ]
}

# group_kills LABEL URL DIR SEED [TEMPS]: with TEMPS, five runs are also
# killed the moment a temporary file appears in g1's folder (named by its
# member id) in DIR.
group_kills() {
	local label=$1 m
	GROUP_DIR=$3
	for m in 1 2; do
		pm G$m group join "$2" --name "Member $m" --user g$m --share-answers \
			--exam group-test >"$T/out" 2>&1 || { ko "$label: join g$m"; cat "$T/out"; }
	done
	# member folders are named by each profile's member id
	G1ID=$(sqlite3 "$T/p/G1/progress.db" "SELECT value FROM settings WHERE key = 'group-member'")
	G1DIR=$GROUP_DIR/$G1ID
	bulk G1 10000 group-test 4 g 1
	drill_ack G2 2026-11-20T08:00Z 'a\nb\na\na\n'
	check "$label: push g2" pm G2 group push >/dev/null
	kill_loop group "$label" "$HALF" "$4"
	[ -n "${5:-}" ] && kill_on_temps group "$label" "$G1DIR/.[!.]*" 5
	check "$label: last push" pm G1 group push >/dev/null
	check "$label: one summary file left" one_file "$G1DIR" summary
	check "$label: one answers file left" one_file "$G1DIR" answers
	pm G2 group items group-test --csv >"$T/items" 2>"$T/err"
	check "$label: items read the answers (exit $?)" [ $? = 0 ]
	check "$label: items without warnings" [ ! -s "$T/err" ]
	check "$label: items of g1" grep -q '^g1,alpha,' "$T/items"
}

# ---- import ----

# A Moodle XML file of 1,000 single-choice questions, each fed back, is
# imported to out.xml; odd rounds start without out.xml, even ones with
# the whole one an earlier round left.
import_prep() {
	[ $(($1 % 2)) = 1 ] && rm -f "$T/imp/out.xml"
	HAD=0
	[ -e "$T/imp/out.xml" ] && HAD=1
	return 0
}
import_run() { kill_at "$1" "has_read $IN_BYTES" "$PMDRILL" import "$T/imp/in.xml" -o "$T/imp/out.xml"; }
import_check() {
	local f
	if [ -e "$T/imp/out.xml" ]; then
		check "$1: the output is whole" cmp -s "$T/imp/ref.xml" "$T/imp/out.xml"
	else
		check "$1: an earlier whole output is still there" [ $HAD = 0 ]
	fi
	for f in "$T"/imp/*; do
		case ${f##*/} in in.xml | ref.xml | out.xml) continue ;; esac
		LEFTOVER=$((LEFTOVER + 1))
		check "$1: no partial temporary file (${f##*/})" cmp -s "$T/imp/ref.xml" "$f"
		rm -f "$f"
	done
}

import_kills() {	# import_kills SEED
	LEFTOVER=0
	mkdir -p "$T/imp"
	awk -v n=1000 'BEGIN {
		print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>"
		print "<question type=\"category\"><category><text>$course$/top/PMP/Bulk</text></category></question>"
		for (i = 1; i <= n; i++) {
			printf "<question type=\"multichoice\"><name><text>BULK-%05d</text></name>\n", i
			printf "<questiontext format=\"html\"><text><![CDATA[<p>Question %d: EV is %d and AC is %d. What is the CPI?</p>]]></text></questiontext>\n", i, i * 10, i * 10 + 5
			printf "<generalfeedback><text>CPI = EV / AC.</text></generalfeedback><idnumber>bulk-%05d</idnumber><single>true</single>\n", i
			printf "<answer fraction=\"100\"><text>Right %d</text><feedback><text>Yes.</text></feedback></answer>\n", i
			for (c = 1; c <= 3; c++)
				printf "<answer fraction=\"0\"><text>Wrong %d-%d</text><feedback><text>No.</text></feedback></answer>\n", i, c
			print "</question>"
		}
		print "</quiz>" }' >"$T/imp/in.xml"
	IN_BYTES=$(wc -c <"$T/imp/in.xml")
	"$PMDRILL" import "$T/imp/in.xml" -o "$T/imp/ref.xml" >"$T/out" 2>&1
	check "import: an unkilled import succeeds (exit $?)" [ $? = 0 ]
	check "import: its output passes lint" "$PMDRILL" lint "$T/imp/ref.xml" >/dev/null 2>&1
	check "import: all 1000 questions" [ "$(grep -c '<question ' "$T/imp/ref.xml")" = 1000 ]
	kill_loop import import "$ROUNDS" "$1"
	kill_on_temps import import "$T/imp/out.xml?* $T/imp/.out.xml?*" 5
	echo "import: $LEFTOVER temporary files left behind (each must be whole)" >>"$T/summary"
}

# ---- doctor --repair ----

# D has 12,000 reviews of 600 questions; its cache, once repaired, is
# kept as a.repaired, then damaged and kept as a.damaged. After each run
# one sqlite3 run checks the log, counts the cards that differ from
# either, and damages the cache again.
doctor_prep() { :; }
doctor_run() { kill_at "$1" "holds_db D" env PMDRILL_HOME="$T/p/D" "$PMDRILL" doctor --repair; }
doctor_check() {
	probe D "$DOCTOR_SQL"
	case $PROBE in
	"ok 0 0 0 "*) REPAIRED=$((REPAIRED + 1)); ok ;;
	"ok 0 0 "*" 0") UNTOUCHED=$((UNTOUCHED + 1)); ok ;;
	*) ko "$1: the log changed, or the cache is half repaired (got: $PROBE)" ;;
	esac
}
differ() {	# differ TABLE: SQL counting rows in main.cards or TABLE, not both
	echo "SELECT (SELECT count(*) FROM (SELECT * FROM main.cards EXCEPT SELECT * FROM $1))
		+ (SELECT count(*) FROM (SELECT * FROM $1 EXCEPT SELECT * FROM main.cards));"
}

doctor_kills() {	# doctor_kills SEED
	local damage="UPDATE main.cards SET due_ms = 0;"
	UNTOUCHED=0 REPAIRED=0
	pm D config >/dev/null
	drill_ack D 2026-11-20T08:00Z 'a\nb\n'
	bulk D 12000 bulk 600 q 0
	pm D doctor --repair >/dev/null
	probe D "CREATE TABLE a.repaired AS SELECT * FROM main.cards; $damage
		CREATE TABLE a.damaged AS SELECT * FROM main.cards;"
	DOCTOR_SQL="$(log_sql main) $(differ a.repaired) $(differ a.damaged) $damage"
	kill_loop doctor doctor "$ROUNDS" "$1"
	echo "doctor: $UNTOUCHED caches left as they were, $REPAIRED repaired (unkilled runs included)" >>"$T/summary"
	check "doctor: a last repair" pm D doctor --repair >/dev/null
	check "doctor: then all is well" pm D doctor >/dev/null
}

# ---- four lanes at once ----

# Each lane has its own scratch folder (profiles, acknowledged events,
# outputs), counters and summary; a kill in one lane touches nothing of
# the others'. Side by side, the test stays short on a loaded machine,
# where most of its time is spent waiting for a CPU.
folder_lane() {
	mkdir -p "$T/share" "$T/group"
	sync_kills sync_folder "$T/share" kf $((SEED + 1)) "$T/share/kf" temps
	rm -rf "$T/p"
	group_kills group_folder "$T/group" "$T/group" $((SEED + 2)) temps
}
dav_lane() {
	[ -n "$DAV_DIR" ] || { ko "lighttpd did not start"; return; }
	sync_kills sync_dav "$DAV_URL" ka $((SEED + 3)) "$DAV_DIR/root/dav/ka"
	rm -rf "$T/p"
	group_kills group_dav "$DAV_URL/group" "$DAV_DIR/root/dav/group" $((SEED + 4))
}
import_lane() { import_kills $((SEED + 5)); }
doctor_lane() { doctor_kills $((SEED + 6)); }

mkdir -p "$T/banks"
cat >"$T/banks/group-test.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<bank id="group-test" format="1" exam="PMP" title="Group test" lang="en" version="1">
  <blueprint>
    <domain id="alpha" name="Alpha" weight="50"/>
    <domain id="beta" name="Beta" weight="50"/>
  </blueprint>
  <profile id="gt" title="Group test exam" questions="4" minutes="10"/>
  <question id="g1" type="single" domain="alpha"><stem>One?</stem>
    <choice id="a" correct="true">Right one</choice><choice id="b">Wrong b</choice></question>
  <question id="g2" type="single" domain="alpha"><stem>Two?</stem>
    <choice id="a" correct="true">Right two</choice><choice id="b">Wrong b</choice></question>
  <question id="g3" type="single" domain="beta"><stem>Three?</stem>
    <choice id="a" correct="true">Right three</choice><choice id="b">Wrong b</choice></question>
  <question id="g4" type="single" domain="beta"><stem>Four?</stem>
    <choice id="a" correct="true">Right four</choice><choice id="b">Wrong b</choice></question>
</bank>
EOF

DAV_DIR=$T/dav
export DAV_DIR DAV_USERS="ka:pw g1:pw g2:pw"
if out=$(bash tests/sync/dav.sh start lighttpd); then
	eval "$out"
	mkdir -p "$DAV_DIR/root/dav/group"
	chmod 777 "$DAV_DIR/root/dav/group"
else
	DAV_DIR=
fi
lanes="folder dav import doctor"
pids=
for lane in $lanes; do
	(
		trap - EXIT
		T=$T/$lane
		mkdir -p "$T/p"
		pass=0 fail=0 drilled=0
		: >"$T/summary"
		ack_init
		${lane}_lane
		echo "$pass $fail $drilled" >"$T/result"
	) >"$T/$lane.log" 2>&1 &
	pids="$pids $!"
done
for pid in $pids; do
	wait "$pid"
done
drilled=0
for lane in $lanes; do
	cat "$T/$lane.log"
	cat "$T/$lane/summary" >&2
	if read -r p f d <"$T/$lane/result"; then
		pass=$((pass + p)) fail=$((fail + f)) drilled=$((drilled + d))
	else
		ko "lane $lane did not finish"
	fi
done
echo "kill-ops: $drilled drilled reviews acknowledged; $(($(now_ms) - started_ms)) ms in all" >&2
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
