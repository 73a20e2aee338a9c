#!/bin/sh
# group.sh - study groups (docs/groups.md) against a real WebDAV server
# on 127.0.0.1 (lighttpd, tests/sync/dav.sh) and a shared folder: members
# join, drill scripted sessions, push; the board's numbers match the hand
# computation below; `group items` flags the question whose key is wrong;
# answers are shared only with --share-answers; hostile member files are
# reported in one line and skipped; leave --purge withdraws a member.
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
PMDRILL=${PMDRILL:-$PWD/pmdrill}
case $PMDRILL in /*) ;; *) PMDRILL=$PWD/$PMDRILL ;; esac
T=$(mktemp -d)
chmod 711 "$T"	# servers run as nobody when we are root
DAV_DIR=
cleanup() {
	[ -n "$DAV_DIR" ] && DAV_DIR=$DAV_DIR bash tests/sync/dav.sh stop
	[ "${KEEP:-}" ] || rm -rf "$T"
}
trap cleanup EXIT
pass=0 fail=0
export NO_COLOR=1 PMDRILL_BANKS="$T/banks" PMDRILL_SYNC_PASSWORD=pw
unset PMDRILL_NOW
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() {	# check DESCRIPTION COMMAND...
	what=$1
	shift
	if "$@"; then ok; else ko "$what"; fi
}
has() { grep -q -- "$2" "$1"; }	# has FILE PATTERN
hasnt() { ! grep -q -- "$2" "$1"; }
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
	check "$L: fay's summary is there" sh -c "ls '$dir'/fay/summary-*.tsv >/dev/null"
	check "$L: fay shared no answers" sh -c "! ls '$dir'/fay/answers-* 2>/dev/null | grep -q ."
	check "$L: answers carry only option ids" [ -z "$(awk -F '\t' 'NR > 1 && $1 != "end" && $5 !~ /^[ab]$/' "$dir"/ann/answers-*.tsv)" ]
	before=$(sqlite3 "$T/p/ann/progress.db" "SELECT count(*) FROM events")

	now ann group board --sort accuracy >"$T/board" 2>"$T/err" || { ko "$L: board"; cat "$T/err"; }
	check "$L: board row ann" has "$T/board" '^  ann  *Member ann  *2026-11-20  *1  *4  *4  *75\.0 '
	check "$L: board row bob is behind" has "$T/board" '^! bob  *Member bob  *2026-11-15  *0  *4  *4  *75\.0 '
	check "$L: board row cat" has "$T/board" '^  cat  *Member cat  *2026-11-20  *1  *4  *4  *25\.0 '
	check "$L: board sorted by accuracy" [ "$(sed -n 's/^[ !] \([a-z][a-z]*\) .*/\1/p' "$T/board" | tr '\n' ' ')" = "ann bob fay cat " ]
	check "$L: weakest domains" has "$T/board" '^Weakest domains: beta 50.0% (4/8), alpha 75.0% (6/8)$'
	now ann group board --json >"$T/json" 2>"$T/err"
	check "$L: json bob behind" has "$T/json" '"id":"bob","name":"Member bob","last_day":"2026-11-15","streak":0,"reviews_7d":4,"reviews_30d":4,"accuracy":75.0,'
	check "$L: json cat domains" has "$T/json" '"accuracy":25.0,.*"domains":\[{"id":"alpha","answered":2,"right":0,[^]]*{"id":"beta","answered":2,"right":1,'
	check "$L: json weakest" has "$T/json" '"weakest_domains":\[{"id":"beta","answered":8,"right":4,"accuracy":50.0},{"id":"alpha","answered":8,"right":6,"accuracy":75.0}\]'
	check "$L: json not behind with --behind 6" sh -c "PMDRILL_NOW=2026-11-20T12:00Z PMDRILL_HOME='$T/p/ann' '$PMDRILL' group board --json --behind 6 2>/dev/null | grep -q '\"id\":\"bob\"[^}]*\"behind\":false'"

	# items: dan answers like ann, eve like cat
	drill dan 2026-11-20T08:00Z a
	drill eve 2026-11-20T08:00Z b
	now dan group push >/dev/null 2>&1 || ko "$L: push dan"
	now eve group push >/dev/null 2>&1 || ko "$L: push eve"
	now ann group items group-test --csv >"$T/items" 2>"$T/err" || { ko "$L: items"; cat "$T/err"; }
	check "$L: items g1" has "$T/items" '^g1,alpha,5,3,0.60,1.00,a\*=3 b=2 c=0 d=0,dead-distractor$'
	check "$L: items g4 negative" has "$T/items" '^g4,beta,5,2,0.40,-1.00,a=3 b\*=2 c=0 d=0,negative dead-distractor$'
	check "$L: only g4 negative" [ "$(grep -c negative "$T/items")" = 1 ]
	now ann group items group-test >"$T/items.txt" 2>&1
	check "$L: items table" has "$T/items.txt" '^  g4  *beta  *5  *0.40  *-1.00  a=3 b\*=2 c=0 d=0  *negative dead-distractor$'

	# hostile members: huge, malformed, wrong types; each one line, skipped
	mkdir -p "$dir/mal" "$dir/huge" "$dir/types" "$dir/ans"
	printf 'pmdrill-group-summary\t1\nname\tMal\n' >"$dir/mal/summary-0000000000001.tsv"
	head -c 1100000 /dev/zero | tr '\0' 'x' >"$dir/huge/summary-0000000000001.tsv"
	sed 's/^streak\t.*/streak\tlots/' "$(ls "$dir"/ann/summary-*.tsv | tail -n 1)" \
		>"$dir/types/summary-0000000000001.tsv"
	cp "$(ls "$dir"/ann/summary-*.tsv | tail -n 1)" "$dir/ans/summary-0000000000001.tsv"
	printf 'pmdrill-group-answers\t1\tgroup-test\ng1\tnoon\t1\tdrill\ta\nend\t1\n' \
		>"$dir/ans/answers-0000000000001.tsv"
	chmod -R a+rwX "$dir"
	now ann group board >"$T/board" 2>"$T/err"
	check "$L: board still works with hostile files" [ $? = 0 ]
	check "$L: malformed summary: one line" has "$T/err" "^pmdrill: warning: member 'mal': summary-0000000000001.tsv: line 3: ends before 'bank'; skipped$"
	check "$L: huge summary: one line" has "$T/err" "^pmdrill: warning: member 'huge': summary-0000000000001.tsv: .*; skipped$"
	check "$L: wrong type: one line" has "$T/err" "^pmdrill: warning: member 'types': summary-0000000000001.tsv: line 6: bad streak; skipped$"
	check "$L: bad answers: one line" has "$T/err" "^pmdrill: warning: member 'ans': answers-0000000000001.tsv: line 2: bad time (or out of order); skipped$"
	check "$L: four warnings only" [ "$(wc -l <"$T/err")" = 4 ]
	check "$L: hostile members not on the board" hasnt "$T/board" '^. \(mal\|huge\|types\) '
	now ann group items group-test --csv >"$T/items2" 2>/dev/null
	check "$L: items unchanged by hostile answers" cmp -s "$T/items" "$T/items2"
	check "$L: reader's progress unchanged" [ "$before" = "$(sqlite3 "$T/p/ann/progress.db" "SELECT count(*) FROM events")" ]

	# leave --purge withdraws cat; a plain leave keeps fay's last push
	now cat group leave --purge >/dev/null 2>&1 || ko "$L: cat leaves"
	now fay group leave >/dev/null 2>&1 || ko "$L: fay leaves"
	now ann group board >"$T/board" 2>/dev/null
	check "$L: purged member gone" hasnt "$T/board" '^. cat '
	check "$L: purge deletes the member's files and folder" [ ! -e "$dir/cat" ]
	check "$L: a push keeps only its newest summary" [ "$(ls "$dir"/ann/summary-*.tsv | wc -l)" = 1 ]
	check "$L: plain leave keeps the last push" has "$T/board" '^  fay '
	pm cat group push >"$T/out" 2>&1
	check "$L: after leave, push refuses" [ $? != 0 ]
}

# 1. WebDAV (lighttpd): the group is a folder beside the per-user ones,
# open to every user of the server.
DAV_DIR=$T/dav
export DAV_DIR DAV_USERS="ann:pw bob:pw cat:pw dan:pw eve:pw fay:pw"
if out=$(bash tests/sync/dav.sh start lighttpd); then
	eval "$out"
	mkdir -p "$DAV_DIR/root/dav/group"
	chmod 777 "$DAV_DIR/root/dav/group"
	scenario dav "$DAV_URL/group" "$DAV_DIR/root/dav/group"
	# wrong password: join fails with exit 5 and stores nothing
	PMDRILL_SYNC_PASSWORD=nope pm zed group join "$DAV_URL/group" --name Z --user ann \
		--exam group-test >"$T/out" 2>&1
	check "dav: wrong password exits 5" [ $? = 5 ]
	check "dav: wrong password stores nothing" sh -c "! PMDRILL_HOME='$T/p/zed' '$PMDRILL' group push 2>/dev/null"
	DAV_DIR=$DAV_DIR bash tests/sync/dav.sh stop
	DAV_DIR=
else
	ko "lighttpd did not start"
	DAV_DIR=
fi

# 2. A shared folder.
mkdir -p "$T/share"
scenario folder "$T/share" "$T/share"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
