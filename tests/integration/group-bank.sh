#!/bin/sh
# group-bank.sh - the instructor's loop (docs/groups.md) on a shared folder
# and on lighttpd WebDAV on 127.0.0.1: an instructor makes a key (mode
# 600, never overwritten) and publishes a bank; members take it, at join or
# later, with the key's fingerprint shown and pinned. A revision with one
# question reworded, one whose key moved, one added and one retired arrives
# with `group push`: the change list is shown once, the card of the moved
# key starts over, the others keep their schedule, the retired question
# leaves the drill but keeps its history; `group items` keeps the answers
# to a question's old and new text apart. Then, in the group folder: a
# tampered copy, the instructor's file overwritten in place, a bank signed
# by another member's key, an old revision under a new name (rollback), and
# hostile XML signed with the instructor's own key (by openssl, which also
# signs a valid bank to show the forging is right) are each refused with
# their cause, and the member keeps the bank it had, byte for byte; one
# who joins with --key FINGERPRINT takes only the instructor's file; a
# member still on revision 1 takes revision 3 with `sync`.
# Finally SIGKILL at seeded random moments (and the moment the temporary
# file appears) during a member's update: the installed bank is always the
# old or the new one whole, and the next update finishes the job.
# KILL_ROUNDS (default 12) kills per remote, KILL_SEED the seed.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cd "$(dirname "$0")/../.."
. tests/lib/scratch.sh
ROUNDS=${KILL_ROUNDS:-12}
SEED=${KILL_SEED:-2020}
. tests/lib/kill.sh
pass=0 fail=0 kills=0 mid=0 seen=0
. tests/lib/check.sh
export NO_COLOR=1 PMDRILL_BANKS="$T/none" PMDRILL_SYNC_PASSWORD=pw
unset PMDRILL_NOW XDG_DATA_HOME
mkdir -p "$T/none" "$T/src"
pm() {	# pm PROFILE ARGS...: each profile has its own data folder too
	p=$1
	shift
	PMDRILL_HOME="$T/p/$p" XDG_DATA_HOME="$T/x/$p" "$PMDRILL" "$@"
}
installed() { echo "$T/x/$1/pmdrill/banks/cohort.xml"; }
setting() { sqlite3 "$T/p/$1/progress.db" "SELECT value FROM settings WHERE key = '$2'"; }
cards() { sqlite3 "$T/p/$1/progress.db" "SELECT qid FROM cards WHERE bank = 'cohort' ORDER BY qid" | tr '\n' ' '; }
due() { sqlite3 "$T/p/$1/progress.db" "SELECT due_ms FROM cards WHERE bank = 'cohort' AND qid = '$2'"; }
events_of() { sqlite3 "$T/p/$1/progress.db" "SELECT count(*) FROM events WHERE bank = 'cohort' AND qid = '$2'"; }
files() { ls "$1/bank" 2>/dev/null | grep -c '^bank-[0-9]\{13\}\.pmdbank$'; }
newest() { ls "$1/bank" | grep '^bank-[0-9]\{13\}\.pmdbank$' | sort | tail -1; }
# later NAME K: a published file name K seconds after NAME's
later() { ms=${1#bank-}; echo "bank-$((${ms%.pmdbank} + $2 * 1000)).pmdbank"; }

# bank FILE VERSION QUESTIONS...: a bank "cohort" of the questions below,
# each one line of XML
q_c1='<question id="c1" type="single" domain="p"><stem>One?</stem><choice id="a" correct="true">Right one</choice><choice id="b">Wrong one</choice></question>'
q_c1_moved='<question id="c1" type="single" domain="p"><stem>One?</stem><choice id="a">Right one</choice><choice id="b" correct="true">Wrong one</choice></question>'
q_c2='<question id="c2" type="single" domain="p"><stem>Two?</stem><choice id="a" correct="true">Right two</choice><choice id="b">Wrong two</choice></question>'
q_c2_reworded='<question id="c2" type="single" domain="p"><stem>Two, reworded?</stem><choice id="a" correct="true">Right two</choice><choice id="b">Wrong two</choice></question>'
q_c3='<question id="c3" type="single" domain="p"><stem>Three?</stem><choice id="a" correct="true">Right three</choice><choice id="b">Wrong three</choice></question>'
q_c4='<question id="c4" type="single" domain="p"><stem>Four?</stem><choice id="a" correct="true">Right four</choice><choice id="b">Wrong four</choice></question>'
q_c5='<question id="c5" type="single" domain="p"><stem>Five?</stem><choice id="a" correct="true">Right five</choice><choice id="b">Wrong five</choice></question>'
bank() {
	f=$1 v=$2
	shift 2
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo "<bank id=\"cohort\" format=\"1\" exam=\"PMP\" title=\"Cohort\" lang=\"en\" version=\"$v\">"
		echo '  <blueprint><domain id="p" name="P" weight="100"/></blueprint>'
		for q in "$@"; do echo "  $q"; done
		echo '</bank>'
	} >"$f"
}
bank "$T/src/v1.xml" 1 "$q_c1" "$q_c2" "$q_c3" "$q_c4"
bank "$T/src/v2.xml" 2 "$q_c1_moved" "$q_c2_reworded" "$q_c4" "$q_c5"
bank "$T/src/v3.xml" 3 "$q_c1_moved" "$q_c2_reworded" "$q_c4" "$q_c5" "$q_c3"
printf '<?xml version="1.0"?>\n<bank id="cohort" format="1" exam="PMP" title="Broken" version="9">\n  <blueprint><domain id="p" name="P" weight="100"/></blueprint>\n  <question id="x" type="single" domain="p"><stem>No key?</stem><choice id="a">A</choice><choice id="b">B</choice></question>\n</bank>\n' >"$T/src/broken.xml"
printf '<?xml version="1.0"?>\n<!DOCTYPE bank [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n<bank id="cohort" format="1" exam="PMP" title="&c;" version="9"><blueprint><domain id="p" name="P" weight="100"/></blueprint></bank>\n' >"$T/src/bomb.xml"

# forge KEYFILE REVISION XML OUT: a published file for XML signed with
# KEYFILE's secret by openssl, as group publish would sign it
forge() {
	seed=$(sed -n 's/^secret\t//p' "$1")
	pub=$(sed -n 's/^public\t//p' "$1")
	perl -e 'print pack("H*", "302e020100300506032b657004220420" . $ARGV[0])' "$seed" >"$T/k.der"
	openssl pkey -inform DER -in "$T/k.der" -out "$T/k.pem" 2>/dev/null
	{
		printf 'bank\tcohort\nrevision\t%s\npublished\t%s\nkey\t%s\nsize\t%s\n' "$2" \
			"$(now_ms)" "$pub" "$(wc -c <"$3")"
		cat "$3"
	} >"$T/signed"
	openssl pkeyutl -sign -inkey "$T/k.pem" -rawin -in "$T/signed" -out "$T/sig"
	{
		printf 'pmdrill-group-bank\t1\nsignature\t%s\n' "$(od -An -v -tx1 "$T/sig" | tr -d ' \n')"
		cat "$T/signed"
	} >"$4"
	rm -f "$T/k.der" "$T/k.pem"
}

# refused L DIR WHAT CAUSE: ann's pull refuses the planted file with CAUSE
# and keeps revision 2 byte for byte
refused() {
	pm ann group pull >"$T/out" 2>&1
	rc=$?
	check "$1: $3: pull fails" [ $rc = 5 ]
	check "$1: $3: the cause is named" has "$T/out" "^pmdrill: warning: refused bank-[0-9]*\\.pmdbank in the group's bank folder: $4"
	grep -q "$4" "$T/out" || cat "$T/out"
	check "$1: $3: the member keeps its bank" has "$T/out" "^pmdrill: no published bank taken; you keep bank 'cohort'$"
	check "$1: $3: installed bytes unchanged" cmp -s "$(installed ann)" "$T/src/v2.xml"
	check "$1: $3: revision 2 still held" [ "$(setting ann group-bank-revision)" = 2 ]
}

# scenario LABEL URL DIR: the whole loop against one remote; DIR is the
# group's folder on disk, where members plant files.
scenario() {
	L=$1 url=$2 dir=$3
	rm -rf "$T/p" "$T/x"
	pm teach group keygen >"$T/out" 2>&1 || { ko "$L: keygen"; cat "$T/out"; }
	key=$T/p/teach/group-key
	fp=$(sed -n 's/^fingerprint: //p' "$T/out")
	check "$L: keygen prints a fingerprint" sh -c "echo '$fp' | grep -qx '[0-9a-f]\{4\}\( [0-9a-f]\{4\}\)\{7\}'"
	check "$L: the key file is mode 600" [ "$(stat -c %a "$key")" = 600 ]
	cp "$key" "$T/key.copy"
	pm teach group keygen >"$T/out" 2>&1
	check "$L: a second keygen fails" [ $? = 1 ]
	check "$L: ... and says the key stays" has "$T/out" "group-key already exists; it stays"
	check "$L: ... and leaves it as it was" cmp -s "$key" "$T/key.copy"
	pm teach group join "$url" --name Teach --user teach >/dev/null 2>&1 || ko "$L: join teach"
	pm ann group join "$url" --name Ann --user ann --share-answers >"$T/out" 2>&1 ||
		{ ko "$L: join ann"; cat "$T/out"; }
	check "$L: nothing published: join pins nothing" [ -z "$(setting ann group-bank-key)" ]
	check "$L: nothing published: join says nothing of it" hasnt "$T/out" "signed"
	pm ann group pull >"$T/out" 2>&1
	check "$L: pull with nothing published" has "$T/out" "^no bank is published in $url yet$"

	# publish: a bank with errors is refused, a good one goes up signed
	pm teach group publish "$T/src/broken.xml" >"$T/out" 2>&1
	check "$L: a bank with errors: exit 3" [ $? = 3 ]
	check "$L: ... not published" [ "$(files "$dir")" = 0 ]
	chmod 644 "$key"
	pm teach group publish "$T/src/v1.xml" >"$T/out" 2>&1
	check "$L: a key others may read is refused" has "$T/out" "group-key may be read by others (mode 644); run 'chmod 600"
	chmod 600 "$key"
	pm teach group publish "$T/src/v1.xml" >"$T/out" 2>&1 || { ko "$L: publish v1"; cat "$T/out"; }
	check "$L: published as revision 1" has "$T/out" "^published bank 'cohort' (4 questions) to $url as revision 1$"
	check "$L: ... signed by the key made" has "$T/out" "^signed by key $fp$"
	check "$L: one published file" [ "$(files "$dir")" = 1 ]
	cp "$dir/bank/$(newest "$dir")" "$T/rev1.pmdbank"

	# members take it: ann by pull, bob at join; both see the fingerprint
	pm ann group pull >"$T/out" 2>&1 || { ko "$L: ann pull v1"; cat "$T/out"; }
	check "$L: ann sees the fingerprint" has "$T/out" "^    $fp$"
	check "$L: ann is told it is pinned" has "$T/out" "^Pinned: a later revision is taken only with this key's signature"
	check "$L: ann has the exact bytes" cmp -s "$(installed ann)" "$T/src/v1.xml"
	check "$L: ann pinned the public key" [ "$(setting ann group-bank-key)" = "$(sed -n 's/^public\t//p' "$key")" ]
	check "$L: ann holds revision 1" [ "$(setting ann group-bank-revision)" = 1 ]
	check "$L: the group's bank is now cohort" [ "$(setting ann group-bank)" = cohort ]
	pm bob group join "$url" --name Bob --user bob >"$T/out" 2>&1 || { ko "$L: join bob"; cat "$T/out"; }
	check "$L: bob sees the fingerprint at join" has "$T/out" "^    $fp$"
	check "$L: bob has the exact bytes" cmp -s "$(installed bob)" "$T/src/v1.xml"

	# ann answers all four right, pushes; then revision 2 arrives with push
	printf 'a\na\na\na\n' | PMDRILL_NOW=2026-12-01T08:00Z pm ann drill --bank cohort \
		--no-shuffle >"$T/drill" 2>&1 || { ko "$L: drill"; cat "$T/drill"; }
	check "$L: four cards" [ "$(cards ann)" = "c1 c2 c3 c4 " ]
	due2=$(due ann c2) due4=$(due ann c4) ev3=$(events_of ann c3)
	pm teach group publish "$T/src/v2.xml" >"$T/out" 2>&1 || { ko "$L: publish v2"; cat "$T/out"; }
	check "$L: published as revision 2" has "$T/out" "as revision 2$"
	check "$L: the older file is gone" [ "$(files "$dir")" = 1 ]
	PMDRILL_NOW=2026-12-02T08:00Z pm ann group push >"$T/out" 2>&1 || { ko "$L: push"; cat "$T/out"; }
	check "$L: revision 2 announced" has "$T/out" "^Bank 'cohort' revision 2 (you had revision 1) from the group, 4 questions:$"
	check "$L: no fingerprint the second time" hasnt "$T/out" "Pinned"
	check "$L: change: c1's key" has "$T/out" "^  new key  c1$"
	check "$L: change: c2 reworded" has "$T/out" "^  changed  c2$"
	check "$L: change: c5 added" has "$T/out" "^  added    c5$"
	check "$L: change: c3 retired" has "$T/out" "^  retired  c3$"
	check "$L: change: c4 not listed" hasnt "$T/out" " c4$"
	check "$L: change counts" has "$T/out" "^1 added, 1 changed, 1 with a new key, 1 retired; 4 questions in all (version 2, was 1)\\.$"
	check "$L: the new key's card starts over" has "$T/out" "^1 question with a new key starts over in your progress$"
	check "$L: push still pushes" has "$T/out" "^pushed your summary and answers to $url as Ann$"
	check "$L: ann has revision 2's bytes" cmp -s "$(installed ann)" "$T/src/v2.xml"
	check "$L: c1 reset, c3's history kept" [ "$(cards ann)" = "c2 c3 c4 " ]
	check "$L: c2 (reworded) keeps its schedule" [ "$(due ann c2)" = "$due2" ]
	check "$L: c4 keeps its schedule" [ "$(due ann c4)" = "$due4" ]
	check "$L: c3's reviews kept" [ "$(events_of ann c3)" = "$ev3" ] && [ "$ev3" -ge 1 ]
	pm ann group pull >"$T/out" 2>&1
	check "$L: the change list is shown once" has "$T/out" "^bank 'cohort' revision 2 is the newest published (signed by key $fp)$"
	check "$L: ... and only once" hasnt "$T/out" "added"
	printf 'a\na\na\na\na\n' | PMDRILL_NOW=2027-06-01T08:00Z pm ann drill --bank cohort \
		--no-shuffle >"$T/drill" 2>&1
	check "$L: the retired question is not asked" hasnt "$T/drill" "Three?"
	check "$L: the added one is" has "$T/drill" "Five?"
	check "$L: the moved key is asked anew" has "$T/drill" "One?"
	# the item analysis per text: ann answered c1 right on its old key and
	# wrong ("a") on the new one; c2 right on both texts; c4 never changed
	pm ann group push >/dev/null 2>&1 || ko "$L: push answers"
	pm teach group items "$T/src/v2.xml" --csv >"$T/items" 2>&1 || { ko "$L: items"; cat "$T/items"; }
	check "$L: items: c1 now and before" has "$T/items" '^c1,p,1,0,0.00,,a=1 b\*=0,,1,1.00,$'
	check "$L: items: c2 now and before" has "$T/items" '^c2,p,1,1,1.00,,a\*=1 b=0,,1,1.00,$'
	check "$L: items: c4 has one text" has "$T/items" '^c4,p,1,1,1.00,,a\*=1 b=0,,0,,$'
	check "$L: items: c3 is not in revision 2" hasnt "$T/items" '^c3,'
	pm teach group items "$T/src/v2.xml" >"$T/items" 2>&1
	check "$L: items table: earlier column" has "$T/items" '^  c1  *p  *1  *0.00  *-  *1.00 - n=1  *a=1 b\*=0 *$'
	check "$L: the publisher's group bank is the file it published" [ "$(setting teach group-bank)" = "$T/src/v2.xml" ]
	pm teach group report -o "$T/report.html" >"$T/out" 2>&1 || { ko "$L: report"; cat "$T/out"; }
	check "$L: report: c1's earlier text beside" has "$T/report.html" '>c1</a></td><td>p</td><td data-v="n">1</td><td data-v="right">0</td><td data-v="facility">0.00</td><td data-v="discrimination">-</td><td>1.00, -, 1</td>'

	# what members plant in the group folder is refused
	name=$(newest "$dir")
	sed 's/Five?/Fivf?/' "$dir/bank/$name" >"$dir/bank/$(later "$name" 1)"
	refused "$L" "$dir" "tampered copy" "the signature does not verify"
	rm -f "$dir/bank/$(later "$name" 1)"
	cp "$dir/bank/$name" "$T/rev2.pmdbank"
	sed 's/Five?/Fivf?/' "$T/rev2.pmdbank" >"$dir/bank/$name"
	refused "$L" "$dir" "overwritten in place" "the signature does not verify"
	cp "$T/rev2.pmdbank" "$dir/bank/$name"
	pm mal group keygen >/dev/null 2>&1
	pm mal group join "$url" --name Mal --user mal >/dev/null 2>&1
	# a hostile member's pmdrill need not keep its pin
	sqlite3 "$T/p/mal/progress.db" "DELETE FROM settings WHERE key LIKE 'group-bank-%'"
	pm mal group publish "$T/src/v3.xml" >"$T/out" 2>&1 || { ko "$L: mal publish"; cat "$T/out"; }
	malfp=$(sed -n 's/^signed by key //p' "$T/out")
	check "$L: mal's publish deletes nobody else's file" [ -e "$dir/bank/$name" ]
	refused "$L" "$dir" "another member's key" "signed by another key ($malfp), not the pinned $fp"
	# a new member who joins with the instructor's fingerprint passes over
	# mal's newer file (typed in capitals, without spaces)
	upper=$(echo "$fp" | tr -d ' ' | tr a-f A-F)
	pm cy group join "$url" --name Cy --user bob --key "$upper" >"$T/out" 2>&1 ||
		{ ko "$L: join cy --key"; cat "$T/out"; }
	check "$L: --key: mal's file refused" has "$T/out" "signed by key $malfp, not the expected $fp"
	check "$L: --key: the instructor's revision taken" cmp -s "$(installed cy)" "$T/src/v2.xml"
	check "$L: --key: said so" has "$T/out" "^you gave with --key\.$"
	pm cy group join "$url" --name Cy --user bob --key "$malfp" >"$T/out" 2>&1
	check "$L: --key: another key once pinned is refused" [ $? = 2 ]
	check "$L: --key: ... saying what is pinned" has "$T/out" "pinned the key $fp for this group's bank"
	pm cy group join "$url" --name Cy --user bob --key 12ab >"$T/out" 2>&1
	check "$L: --key: a bad fingerprint is refused" [ $? = 2 ]
	rm -f "$dir/bank/$(newest "$dir")"
	check "$L: the instructor's file is still there" [ "$(newest "$dir")" = "$name" ]
	cp "$T/rev1.pmdbank" "$dir/bank/$(later "$name" 2)"
	refused "$L" "$dir" "rollback" "revision 1 is older than revision 2 held here (a rollback)"
	rm -f "$dir/bank/$(later "$name" 2)"
	forge "$key" 3 "$T/src/bomb.xml" "$dir/bank/$(later "$name" 3)"
	refused "$L" "$dir" "hostile XML signed by the instructor's key" "not a valid bank"
	rm -f "$dir/bank/$(later "$name" 3)"
	forge "$key" 3 "$T/src/v3.xml" "$dir/bank/$(later "$name" 4)"
	pm ann group pull >"$T/out" 2>&1
	check "$L: a valid bank forged the same way is taken" cmp -s "$(installed ann)" "$T/src/v3.xml"
	check "$L: ... as revision 3" [ "$(setting ann group-bank-revision)" = 3 ]
	check "$L: ... and c3 is back" has "$T/out" "^  added    c3$"
	# bob, still on revision 1, takes revision 3 with a progress sync
	mkdir -p "$T/sync-$L"
	pm bob sync setup "$T/sync-$L" >/dev/null 2>&1 || ko "$L: bob sync setup"
	pm bob sync >"$T/out" 2>&1 || { ko "$L: bob sync"; cat "$T/out"; }
	check "$L: sync takes the new revision" has "$T/out" "^Bank 'cohort' revision 3 (you had revision 1) from the group"
	check "$L: ... and installs it" cmp -s "$(installed bob)" "$T/src/v3.xml"

	# SIGKILL during an update: the old bank or the new one, whole
	kill_fractions "$ROUNDS" "$SEED" >"$T/fractions"
	round=0 span=0
	while read -r frac; do
		round=$((round + 1))
		v=$((round + 3))
		if [ $((round % 2)) = 0 ]; then
			bank "$T/src/k.xml" "$v" "$q_c1" "$q_c2" "$q_c4" "$q_c5"
		else
			bank "$T/src/k.xml" "$v" "$q_c1_moved" "$q_c2_reworded" "$q_c3" "$q_c4"
		fi
		cp "$(installed ann)" "$T/before.xml"
		held=$(setting ann group-bank-revision)
		pm teach group publish "$T/src/k.xml" >"$T/out" 2>&1 || { ko "$L: publish round $round"; cat "$T/out"; }
		if [ $((round % 3)) = 0 ] || [ "$span" = 0 ]; then
			delay="on:$(installed ann).tmp*"
		else
			seconds $((frac * span * 5 / 40000))
			delay=$SECONDS_OF
		fi
		kill_at "$delay" running env PMDRILL_HOME="$T/p/ann" XDG_DATA_HOME="$T/x/ann" \
			"$PMDRILL" group pull
		kills=$((kills + 1)) mid=$((mid + KILL_MID))
		[ -n "$KILL_SEEN" ] && seen=$((seen + 1))
		if cmp -s "$(installed ann)" "$T/before.xml" || cmp -s "$(installed ann)" "$T/src/k.xml"; then
			ok
		else
			ko "$L: round $round ($delay): the installed bank is neither the old nor the new"
		fi
		now_held=$(setting ann group-bank-revision)
		if [ "$now_held" = "$held" ] || cmp -s "$(installed ann)" "$T/src/k.xml"; then
			ok
		else
			ko "$L: round $round: revision $now_held held without its bank"
		fi
		timed pm ann group pull >"$T/out" 2>&1 || { ko "$L: round $round: the next pull"; cat "$T/out"; }
		span=$TIMED_MS
		check "$L: round $round: the next pull installs the new bank" cmp -s "$(installed ann)" "$T/src/k.xml"
		check "$L: round $round: and holds its revision" [ "$(setting ann group-bank-revision)" -gt "$held" ]
		check "$L: round $round: the store is whole" [ "$(sqlite3 "$T/p/ann/progress.db" 'PRAGMA integrity_check')" = ok ]
	done <"$T/fractions"
}

# 1. WebDAV (lighttpd): the group is a folder open to every user.
export DAV_USERS="teach:pw ann:pw bob:pw mal:pw"
DAV_DIR=$T/dav
export DAV_DIR
if out=$(bash tests/sync/dav.sh start lighttpd); then
	eval "$out"
	mkdir -p "$DAV_DIR/root/dav/group"
	chmod 777 "$DAV_DIR/root/dav/group"
	scenario dav "$DAV_URL/group" "$DAV_DIR/root/dav/group"
	DAV_DIR=$DAV_DIR bash tests/sync/dav.sh stop
else
	ko "lighttpd did not start"
fi
DAV_DIR=

# 2. A shared folder: every member can write every file.
mkdir -p "$T/share"
scenario folder "$T/share" "$T/share"

echo "group-bank: $kills kills, $mid mid-update, $seen at the temporary file" >&2
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
