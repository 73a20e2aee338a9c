#!/bin/sh
# group.sh - study groups (docs/groups.md) against a real WebDAV server
# on 127.0.0.1 (lighttpd and Apache, tests/sync/dav.sh) and a shared folder: members
# join, drill scripted sessions, push; the board's numbers match the hand
# computation below; `group items` flags the question whose key is wrong;
# answers are shared only with --share-answers; hostile member files
# (malformed, huge, or claiming another member's id) are reported in one
# line and skipped; version 1 folders are still read; leave --purge
# withdraws a member. Then three members on ONE server account, and three
# on ONE shared folder, each keep their own row through pushes in all six
# orders; a display name in use is refused; joining again keeps the id;
# a missing group folder is named with the way to make it, and --create
# makes it (MKCOL on WebDAV, mkdir -p on a folder).
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The bank (written below): four single-choice questions, g1 g2 in domain
# alpha, g3 g4 in beta. g1-g3 are keyed "a"; g4 is keyed "b" although "a"
# is the true answer (the deliberate mistake). Every member answers every
# question with the same letter, so the drill's question order does not
# matter:
#   ann  "a" on 2026-11-20: g1 g2 g3 right, g4 wrong -> 3/4 = 75.0%
#        alpha 2/2, beta 1/2; last day 2026-11-20, streak 1
#   bob  "a" on 2026-11-15: the same 75.0%; last active 5 days before
#        the board day 2026-11-20, so behind (default 3 days), streak 0,
#        but still 4 reviews in the last 7 and 30 days
#   cat  "b" on 2026-11-20: only g4 right -> 1/4 = 25.0%
#        alpha 0/2, beta 1/2
#   fay  "a" on 2026-11-20 like ann, but joined without --share-answers
# Group domains: alpha 2+2+0+2 = 6 of 8 = 75.0%; beta 1+1+1+1 = 4 of 8 =
# 50.0%, so beta is the weakest. Sorted by accuracy: ann, bob, fay (75.0,
# ties broken by id), then cat.
# Items, with dan ("a") and eve ("b") added so n = 5 (PMD_ITEM_MIN_N):
#   strong members ann bob dan: rest score 1 on every item but g4's rest
#   (g1-g3) = 1, and weak cat eve: g4 right, rest (g1-g3) = 0.
#   g1: facility 3/5 = 0.60, right exactly when the rest score is high:
#       discrimination +1.00.  g4: facility 2/5 = 0.40, right exactly when
#       the rest score is low: discrimination -1.00 -> flagged negative.
#   Nobody picks c or d: every item has a dead distractor.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/scratch.sh
. tests/lib/check.sh
export NO_COLOR=1 PMDRILL_BANKS="$T/banks" PMDRILL_SYNC_PASSWORD=pw
unset PMDRILL_NOW
mid() { sqlite3 "$T/p/$1/progress.db" "SELECT value FROM settings WHERE key = 'group-member'"; }
pm() {	# pm PROFILE ARGS...
	p=$1
	shift
	PMDRILL_HOME="$T/p/$p" "$PMDRILL" "$@"
}
now() { PMDRILL_NOW=2026-11-20T12:00Z pm "$@"; }
drill() {	# drill PROFILE TIME LETTER: answer all four questions with LETTER
	printf '%s\n%s\n%s\n%s\n' "$3" "$3" "$3" "$3" | PMDRILL_NOW=$2 pm "$1" drill \
		--bank group-test --no-shuffle >"$T/drill.out" 2>&1 || { ko "drill $1"; cat "$T/drill.out"; }
}

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
    <choice id="a" correct="true">Right one</choice><choice id="b">Wrong b</choice>
    <choice id="c">Wrong c</choice><choice id="d">Wrong d</choice></question>
  <question id="g2" type="single" domain="alpha"><stem>Two?</stem>
    <choice id="a" correct="true">Right two</choice><choice id="b">Wrong b</choice>
    <choice id="c">Wrong c</choice><choice id="d">Wrong d</choice></question>
  <question id="g3" type="single" domain="beta"><stem>Three?</stem>
    <choice id="a" correct="true">Right three</choice><choice id="b">Wrong b</choice>
    <choice id="c">Wrong c</choice><choice id="d">Wrong d</choice></question>
  <question id="g4" type="single" domain="beta"><stem>Four? (keyed wrong on purpose)</stem>
    <choice id="a">Truly right</choice><choice id="b" correct="true">Keyed right</choice>
    <choice id="c">Wrong c</choice><choice id="d">Wrong d</choice></question>
</bank>
EOF

# scenario LABEL URL GROUPDIR: the whole story against one remote; GROUPDIR
# is the group's folder on disk, for planting hostile files.
scenario() {
	L=$1 url=$2 dir=$3
	rm -rf "$T/p"
	# nothing is shared without join
	pm ann group push >"$T/out" 2>&1
	check "$L: push before join fails" [ $? != 0 ]
	check "$L: push before join says so" has "$T/out" 'not in a group'
	for m in ann bob cat dan eve; do
		pm $m group join "$url" --name "Member $m" --user $m --share-answers \
			--exam group-test >"$T/out" 2>&1 || { ko "$L: join $m"; cat "$T/out"; }
	done
	pm fay group join "$url" --name "Fay" --user fay --exam group-test >/dev/null 2>&1 ||
		ko "$L: join fay"
	drill ann 2026-11-20T08:00Z a
	drill bob 2026-11-15T08:00Z a
	drill cat 2026-11-20T08:00Z b
	drill fay 2026-11-20T08:00Z a
	for m in ann bob cat fay; do
		now $m group push >"$T/out" 2>&1 || { ko "$L: push $m"; cat "$T/out"; }
	done
	ann=$(mid ann) bob=$(mid bob) cat=$(mid cat) fay=$(mid fay)
	check "$L: member ids are 32 hex digits" sh -c "echo '$ann' | grep -qx '[0-9a-f]\{32\}'"
	check "$L: each profile has its own id" [ "$(for m in ann bob cat dan eve fay; do mid $m; done | sort -u | wc -l)" = 6 ]
	check "$L: fay's summary is there" sh -c "ls '$dir'/$fay/summary-*.tsv >/dev/null"
	check "$L: fay shared no answers" sh -c "! ls '$dir'/$fay/answers-* 2>/dev/null | grep -q ."
	check "$L: answers carry only option ids" [ -z "$(awk -F '\t' 'NR > 1 && $1 != "end" && $5 !~ /^[ab]$/' "$dir"/$ann/answers-*.tsv)" ]
	before=$(sqlite3 "$T/p/ann/progress.db" "SELECT count(*) FROM events")

	now ann group board --sort accuracy >"$T/board" 2>"$T/err" || { ko "$L: board"; cat "$T/err"; }
	check "$L: board row ann" has "$T/board" "^  Member ann  *${ann%????????????????????????}  *2026-11-20  *1  *4  *4  *75\\.0 "
	check "$L: board row bob is behind" has "$T/board" "^! Member bob  *${bob%????????????????????????}  *2026-11-15  *0  *4  *4  *75\\.0 "
	check "$L: board row cat" has "$T/board" "^  Member cat  *${cat%????????????????????????}  *2026-11-20  *1  *4  *4  *25\\.0 "
	check "$L: board sorted by accuracy (ties by id)" [ "$(sed -n '3,$ s/^[ !] \(Member \)\{0,1\}\([A-Z]*[a-z]*\) .*/\2/p' "$T/board" | tr '\n' ' ')" = "$(printf '%s ann\n%s bob\n%s Fay\n' "$ann" "$bob" "$fay" | LC_ALL=C sort | cut -d' ' -f2 | tr '\n' ' ')cat " ]
	check "$L: weakest domains" has "$T/board" '^Weakest domains: beta 50.0% (4/8), alpha 75.0% (6/8)$'
	now ann group board --json >"$T/json" 2>"$T/err"
	check "$L: json bob behind" has "$T/json" '"id":"'"$bob"'","name":"Member bob","last_day":"2026-11-15","streak":0,"reviews_7d":4,"reviews_30d":4,"accuracy":75.0,'
	check "$L: json cat domains" has "$T/json" '"accuracy":25.0,.*"domains":\[{"id":"alpha","answered":2,"right":0,[^]]*{"id":"beta","answered":2,"right":1,'
	check "$L: json weakest" has "$T/json" '"weakest_domains":\[{"id":"beta","answered":8,"right":4,"accuracy":50.0},{"id":"alpha","answered":8,"right":6,"accuracy":75.0}\]'
	check "$L: json not behind with --behind 6" sh -c "PMDRILL_NOW=2026-11-20T12:00Z PMDRILL_HOME='$T/p/ann' '$PMDRILL' group board --json --behind 6 2>/dev/null | grep -q '\"id\":\"$bob\"[^}]*\"behind\":false'"

	# items: dan answers like ann, eve like cat
	drill dan 2026-11-20T08:00Z a
	drill eve 2026-11-20T08:00Z b
	now dan group push >/dev/null 2>&1 || ko "$L: push dan"
	now eve group push >/dev/null 2>&1 || ko "$L: push eve"
	now ann group items group-test --csv >"$T/items" 2>"$T/err" || { ko "$L: items"; cat "$T/err"; }
	check "$L: items g1" has "$T/items" '^g1,alpha,5,3,0.60,1.00,a\*=3 b=2 c=0 d=0,dead-distractor,0,,$'
	check "$L: items g4 negative" has "$T/items" '^g4,beta,5,2,0.40,-1.00,a=3 b\*=2 c=0 d=0,negative dead-distractor,0,,$'
	check "$L: only g4 negative" [ "$(grep -c negative "$T/items")" = 1 ]
	now ann group items group-test >"$T/items.txt" 2>&1
	check "$L: items table" has "$T/items.txt" '^  g4  *beta  *5  *0.40  *-1.00  *-  *a=3 b\*=2 c=0 d=0  *negative dead-distractor$'

	# hostile members: malformed, huge, wrong types, bad answers, and a copy
	# of ann's files claiming her id from another folder: each one line,
	# skipped. A version 1 folder (named by a user name) is still read,
	# unless a member id folder now shows its name.
	m1=11111111111111111111111111111111 m2=22222222222222222222222222222222
	m3=33333333333333333333333333333333 m4=44444444444444444444444444444444
	m5=55555555555555555555555555555555
	mkdir -p "$dir/$m1" "$dir/$m2" "$dir/$m3" "$dir/$m4" "$dir/$m5" "$dir/oldann" "$dir/olddon"
	newest=$(ls "$dir"/$ann/summary-*.tsv | tail -n 1)
	printf 'pmdrill-group-summary\t2\nmember\t%s\nname\tMal\n' $m1 >"$dir/$m1/summary-0000000000001.tsv"
	head -c 1100000 /dev/zero | tr '\0' 'x' >"$dir/$m2/summary-0000000000001.tsv"
	sed "s/^streak\t.*/streak\tlots/; s/^member\t.*/member\t$m3/" "$newest" >"$dir/$m3/summary-0000000000001.tsv"
	sed "s/^member\t.*/member\t$m4/; s/^name\t.*/name\tAns/" "$newest" >"$dir/$m4/summary-0000000000001.tsv"
	printf 'pmdrill-group-answers\t2\tgroup-test\t%s\ng1\tnoon\t1\tdrill\ta\nend\t1\n' $m4 \
		>"$dir/$m4/answers-0000000000001.tsv"
	cp "$newest" "$dir/$m5/summary-0000000000001.tsv"
	cp "$dir"/$ann/answers-*.tsv "$dir/$m5/answers-0000000000001.tsv"
	v1() {	# v1 NAME ACCURACY: a version 1 summary
		printf 'pmdrill-group-summary\t1\nname\t%s\nbank\tgroup-test\npushed\t1\nlast-day\t2026-11-19\nstreak\t1\nreviews\t2\t2\naccuracy\t%s\nreadiness\t-\nexam\t-\t-\nend\n' "$1" "$2"
	}
	v1 "Member ann" 10.0 >"$dir/oldann/summary-0000000000001.tsv"
	v1 "Don" 50.0 >"$dir/olddon/summary-0000000000001.tsv"
	chmod -R a+rwX "$dir"
	now ann group board >"$T/board" 2>"$T/err"
	check "$L: board still works with hostile files" [ $? = 0 ]
	check "$L: malformed summary: one line" has "$T/err" "^pmdrill: warning: member '$m1': summary-0000000000001.tsv: line 4: ends before 'bank'; skipped$"
	check "$L: huge summary: one line" has "$T/err" "^pmdrill: warning: member '$m2': summary-0000000000001.tsv: .*; skipped$"
	check "$L: wrong type: one line" has "$T/err" "^pmdrill: warning: member '$m3': summary-0000000000001.tsv: line 7: bad streak; skipped$"
	check "$L: bad answers: one line" has "$T/err" "^pmdrill: warning: member '$m4': answers-0000000000001.tsv: line 2: bad time (or out of order); skipped$"
	check "$L: another member's id: one line" has "$T/err" "^pmdrill: warning: member '$m5': summary-0000000000001.tsv: the summary is another member id's; skipped$"
	check "$L: five warnings only" [ "$(wc -l <"$T/err")" = 5 ]
	check "$L: hostile members not on the board" hasnt "$T/board" '^. Mal '
	check "$L: bad answers keep the summary's row" has "$T/board" "^  Ans  *44444444 "
	check "$L: ann shown once" [ "$(grep -c '^. Member ann ' "$T/board")" = 1 ]
	check "$L: ann's row is her member id's" has "$T/board" "^  Member ann  *${ann%????????????????????????}  *2026-11-20 .* 75\\.0 "
	check "$L: version 1 folder still read" has "$T/board" '^  Don  *olddon  *2026-11-19  *1  *2  *2  *50\.0 '
	now ann group items group-test --csv >"$T/items2" 2>/dev/null
	check "$L: items unchanged by hostile answers" cmp -s "$T/items" "$T/items2"
	check "$L: reader's progress unchanged" [ "$before" = "$(sqlite3 "$T/p/ann/progress.db" "SELECT count(*) FROM events")" ]
	rm -rf "${dir:?}/$m1" "$dir/$m2" "$dir/$m3" "$dir/$m4" "$dir/$m5" "$dir/oldann" "$dir/olddon"

	# leave --purge withdraws cat; a plain leave keeps fay's last push
	now cat group leave --purge >/dev/null 2>&1 || ko "$L: cat leaves"
	now fay group leave >/dev/null 2>&1 || ko "$L: fay leaves"
	now ann group board >"$T/board" 2>/dev/null
	check "$L: purged member gone" hasnt "$T/board" '^. Member cat '
	check "$L: purge deletes the member's files and folder" [ ! -e "$dir/$cat" ]
	check "$L: a push keeps only its newest summary" [ "$(ls "$dir"/$ann/summary-*.tsv | wc -l)" = 1 ]
	check "$L: plain leave keeps the last push" has "$T/board" '^  Fay '
	pm cat group push >"$T/out" 2>&1
	check "$L: after leave, push refuses" [ $? != 0 ]
	pm fay group join "$url" --name "Fay" --user fay --exam group-test >"$T/out" 2>&1
	check "$L: joining again after leave keeps the name" [ $? = 0 ]
	check "$L: joining again after leave keeps the id" [ "$(mid fay)" = "$fay" ]
}

# shared LABEL URL GROUPDIR [JOIN OPTIONS]: three members, one account (or
# one shared folder): sam answers "a" (75.0%), sue "b" (25.0%), sid "c"
# (0.0%). The group folder does not exist yet: join says which one and
# how to make it; --create makes it. Every order of three pushers keeps
# all three rows with their own numbers.
shared() {
	L=$1 url=$2 dir=$3
	shift 3
	rm -rf "$T/p"
	pm sam group join "$url" --name Sam --exam group-test "$@" >"$T/out" 2>&1
	check "$L: missing group folder fails" [ $? = 5 ]
	check "$L: missing group folder named with the way to make it" has "$T/out" "^pmdrill: the group folder $url does not exist; add --create to make it"
	check "$L: missing: one line" [ "$(wc -l <"$T/out")" = 1 ]
	check "$L: missing: nothing made" [ ! -e "$dir" ]
	pm sam group join "$url" --name Sam --exam group-test --create "$@" >"$T/out" 2>&1 ||
		{ ko "$L: join --create"; cat "$T/out"; }
	check "$L: --create says so" has "$T/out" "^created the group folder $url\$"
	check "$L: --create made the folder" [ -d "$dir" ]
	for m in sue sid; do
		pm $m group join "$url" --name "$(echo $m | sed 's/^s/S/')" --exam group-test "$@" \
			>"$T/out" 2>&1 || { ko "$L: join $m"; cat "$T/out"; }
	done
	sam=$(mid sam)
	drill sam 2026-11-20T08:00Z a
	drill sue 2026-11-20T08:00Z b
	drill sid 2026-11-20T08:00Z c
	for order in "sam sue sid" "sam sid sue" "sue sam sid" "sue sid sam" "sid sam sue" "sid sue sam"; do
		for m in $order; do
			now $m group push >"$T/out" 2>&1 || { ko "$L: push $m ($order)"; cat "$T/out"; }
		done
		now sid group board >"$T/board" 2>"$T/err" || { ko "$L: board ($order)"; cat "$T/err"; }
		check "$L: $order: Sam's row" has "$T/board" '^  Sam  *[0-9a-f]\{8\}  *2026-11-20  *1  *4  *4  *75\.0 '
		check "$L: $order: Sue's row" has "$T/board" '^  Sue  *[0-9a-f]\{8\}  *2026-11-20  *1  *4  *4  *25\.0 '
		check "$L: $order: Sid's row" has "$T/board" '^  Sid  *[0-9a-f]\{8\}  *2026-11-20  *1  *4  *4  *0\.0 '
		check "$L: $order: three rows, no warning" [ "$(grep -c '^  S[a-z]* ' "$T/board")" = 3 ] && [ ! -s "$T/err" ]
	done
	check "$L: three member folders" [ "$(ls "$dir" | grep -c '^[0-9a-f]\{32\}$')" = 3 ]
	# a name in use is refused and nothing is stored
	pm sal group join "$url" --name Sue --exam group-test "$@" >"$T/out" 2>&1
	check "$L: name clash fails" [ $? = 1 ]
	check "$L: name clash message" has "$T/out" "^pmdrill: the name 'Sue' is already used in the group $url by another member; choose another with --name\$"
	check "$L: name clash stores nothing" sh -c "! PMDRILL_HOME='$T/p/sal' '$PMDRILL' group push 2>/dev/null"
	check "$L: name clash: no new folder" [ "$(ls "$dir" | grep -c '^[0-9a-f]\{32\}$')" = 3 ]
	# joining again from the same profile keeps the id and the row
	pm sam group join "$url" --name Sam --exam group-test "$@" >"$T/out" 2>&1 ||
		{ ko "$L: sam joins again"; cat "$T/out"; }
	check "$L: joining again keeps the id" [ "$(mid sam)" = "$sam" ]
	now sam group board >"$T/board" 2>/dev/null
	check "$L: joining again keeps the row" has "$T/board" "^  Sam  *${sam%????????????????????????}  *2026-11-20  *1  *4  *4  *75\\.0 "
	check "$L: still three member folders" [ "$(ls "$dir" | grep -c '^[0-9a-f]\{32\}$')" = 3 ]
	# a profile that joined before member ids must join again to push
	sqlite3 "$T/p/sid/progress.db" "DELETE FROM settings WHERE key = 'group-member'"
	now sid group push >"$T/out" 2>&1
	check "$L: version 1 profile: push refused" [ $? = 1 ]
	check "$L: version 1 profile: told to join again" has "$T/out" "^pmdrill: this profile joined the group $url before member ids; run 'pmdrill group join $url --name NAME' again"
}

# 1. WebDAV (lighttpd and Apache mod_dav): the group is a folder beside
# the per-user ones, open to every user of the server.
export DAV_USERS="ann:pw bob:pw cat:pw dan:pw eve:pw fay:pw"
for server in lighttpd apache; do
	DAV_DIR=$T/dav-$server
	export DAV_DIR
	if ! out=$(bash tests/sync/dav.sh start $server); then
		ko "$server did not start"
		DAV_DIR=
		continue
	fi
	eval "$out"
	L=dav-$server
	mkdir -p "$DAV_DIR/root/dav/group"
	chmod 777 "$DAV_DIR/root/dav/group"
	scenario $L "$DAV_URL/group" "$DAV_DIR/root/dav/group"
	# wrong password: join fails with exit 5 and stores nothing
	PMDRILL_SYNC_PASSWORD=nope pm zed group join "$DAV_URL/group" --name Z --user ann \
		--exam group-test >"$T/out" 2>&1
	check "$L: wrong password exits 5" [ $? = 5 ]
	check "$L: wrong password stores nothing" sh -c "! PMDRILL_HOME='$T/p/zed' '$PMDRILL' group push 2>/dev/null"
	check "$L: wrong password names the group" has "$T/out" "^pmdrill: cannot join the group $DAV_URL/group: .*401 Unauthorized: the server refused the user name or password"
	# three members on one server account; the group two levels deep
	shared $L-shared "$DAV_URL/shared/pmp" "$DAV_DIR/root/dav/shared/pmp" --user ann
	DAV_DIR=$DAV_DIR bash tests/sync/dav.sh stop
	DAV_DIR=
done

# 2. A shared folder.
mkdir -p "$T/share"
scenario folder "$T/share" "$T/share"
shared folder-shared "$T/share2/pmp" "$T/share2/pmp"
# a relative folder: refused with the way to make it, then made
(cd "$T" && PMDRILL_HOME="$T/p/rel" "$PMDRILL" group join rel/grp --name Rel \
	--exam group-test) >"$T/out" 2>&1
check "folder: missing relative folder named" has "$T/out" "^pmdrill: the group folder rel/grp does not exist; add --create to make it (mkdir -p)$"
(cd "$T" && PMDRILL_HOME="$T/p/rel" "$PMDRILL" group join rel/grp --name Rel \
	--exam group-test --create) >"$T/out" 2>&1
check "folder: relative folder made" [ -d "$T/rel/grp" ]
check "folder: relative folder stored absolute" has "$T/out" "^joined $T/rel/grp as Rel "
# the display name defaults to the login name
USER=zoe pm zoe group join "$T/share" --exam group-test >"$T/out" 2>&1
check "folder: display name defaults to the login name" has "$T/out" "^joined $T/share as zoe "

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
