#!/bin/sh
# report.sh - `pmdrill report` and `pmdrill group report` rendered in a
# real browser (headless Chromium): each page loads with no console error
# (its own Content Security Policy included), every SVG chart has a
# non-empty bounding box, the page's numbers equal what `pmdrill stats`,
# `group board --json` and `group items --csv` print for the same profile,
# the group tables sort on a click, a screenshot is drawn, and bank and
# member strings with markup (<script>, <img onerror>) show as text and
# never run.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The bank: six single-choice questions keyed "a", in two domains; r6's
# stem and a choice carry markup. The candidate answers "a" on some days
# and "b" on others, so retention, lapses and weak questions are real.
set -u
cd "$(dirname "$0")/../.."
PMDRILL=${PMDRILL:-$PWD/pmdrill}
case $PMDRILL in /*) ;; *) PMDRILL=$PWD/$PMDRILL ;; esac
T=$(mktemp -d)
trap '[ "${KEEP:-}" ] || rm -rf "$T"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() {	# check DESCRIPTION COMMAND...
	what=$1
	shift
	if "$@"; then ok; else ko "$what"; fi
}
export NO_COLOR=1 PMDRILL_BANKS="$T/banks"
unset PMDRILL_NOW
pm() { p=$1; shift; PMDRILL_HOME="$T/p/$p" "$PMDRILL" "$@"; }

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
	echo "SKIP: no chromium (Debian package chromium; make deps installs it)"
	echo "0 passed, 1 failed"
	exit 1
fi
# browse FILE OUT: load file:// FILE, write the DOM after load to OUT and
# the browser's log to OUT.log. --no-sandbox: the suite may run as root.
browse() {
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
		--user-data-dir="$T/chromium" --enable-logging=stderr --v=0 \
		--dump-dom "file://$1" >"$2" 2>"$2.log"
}
shot() {	# shot FILE PNG
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
		--user-data-dir="$T/chromium" --window-size=1100,2400 \
		--screenshot="$2" "file://$1" >/dev/null 2>&1
}
# probe FILE: a copy of the page without its CSP (so the probe may run),
# with a script that measures it and writes the results into <pre id=probe>.
probe() {
	{
		sed '/Content-Security-Policy/d; s|</body></html>||' "$1"
		printf '<script>\n'
		cat tests/integration/report-probe.js
		printf '</script></body></html>\n'
	} >"$1.probe.html"
	browse "$1.probe.html" "$1.dom"
	# the probe's lines, unescaped once (the DOM dump escapes text)
	sed -n '/<pre id="probe">/,/<\/pre>/p' "$1.dom" | sed 's/<pre id="probe">//; s/<\/pre>.*//' |
		sed 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&#39;/'"'"'/g; s/&amp;/\&/g' >"$1.probe"
}
value() { sed -n "s/^value $2 //p" "$1.probe"; }

mkdir -p "$T/banks"
cat >"$T/banks/report-test.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<bank id="report-test" format="1" exam="PMP" title="Report test &lt;b&gt;bank&lt;/b&gt;" lang="en" version="1">
  <blueprint>
    <domain id="alpha" name="Alpha" weight="50"><task id="A-1" name="First task"/><task id="A-2" name="Second task"/></domain>
    <domain id="beta" name="Beta &amp; more" weight="50"><task id="B-1" name="Third task"/></domain>
  </blueprint>
  <profile id="rt" title="Report test exam" questions="6" minutes="10" pass-mark="4"/>
  <question id="r1" type="single" domain="alpha" task="A-1"><stem>One?</stem>
    <choice id="a" correct="true">Right</choice><choice id="b">Wrong b</choice><choice id="c">Wrong c</choice></question>
  <question id="r2" type="single" domain="alpha" task="A-1"><stem>Two?</stem>
    <choice id="a" correct="true">Right</choice><choice id="b">Wrong b</choice><choice id="c">Wrong c</choice></question>
  <question id="r3" type="single" domain="alpha" task="A-2"><stem>Three?</stem>
    <choice id="a" correct="true">Right</choice><choice id="b">Wrong b</choice><choice id="c">Wrong c</choice></question>
  <question id="r4" type="single" domain="beta" task="B-1"><stem>Four?</stem>
    <choice id="a" correct="true">Right</choice><choice id="b">Wrong b</choice><choice id="c">Wrong c</choice></question>
  <question id="r5" type="single" domain="beta" task="B-1"><stem>Five?</stem>
    <choice id="a" correct="true">Right</choice><choice id="b">Wrong b</choice><choice id="c">Wrong c</choice></question>
  <question id="r6" type="single" domain="beta" task="B-1"><stem>Six &lt;script&gt;document.title="pwned"&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;?</stem>
    <choice id="a">Not &lt;b&gt;bold&lt;/b&gt;</choice><choice id="b" correct="true">Right &lt;script&gt;x()&lt;/script&gt;</choice><choice id="c">Wrong c</choice></question>
</bank>
EOF

# drill PROFILE DAY LETTERS: one session on 2026-11-DAY, answers in order
drill() {
	printf '%s\n' $3 | PMDRILL_NOW=2026-11-$2T09:00Z pm "$1" drill --bank report-test --no-shuffle \
		>"$T/drill.out" 2>&1 || { ko "drill $1 on $2"; cat "$T/drill.out"; }
}
for day in 02 03 05 08 12 17 23 29; do
	case $day in 05|17) drill me $day "b b a b a b a a b a" ;; *) drill me $day "a a a a a a a a a a" ;; esac
done
printf 'a\na\na\nb\na\na\n:submit\ny\n' | PMDRILL_NOW=2026-11-30T10:00Z pm me exam rt --bank report-test --seed 3 >/dev/null 2>&1 ||
	ko "exam"

# ---- the candidate's report ----
NOW=2026-12-01T09:00Z
PMDRILL_NOW=$NOW pm me report --bank report-test -o "$T/r.html" >"$T/out" 2>&1
check "report exits 0 and names its file" grep -q "Wrote $T/r.html" "$T/out"
check "report: one self-contained page with a CSP forbidding scripts and fetches" \
	grep -q "Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">" "$T/r.html"
check "report: no script, no external reference" sh -c "! grep -Eq '<script|https?://[^\"]*\"|src=\"[^d]' '$T/r.html'"
check "report: bank markup is escaped in the file" grep -q 'Six &lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;' "$T/r.html"
browse "$T/r.html" "$T/r.dom"
check "report loads with no console error ($(grep -c CONSOLE "$T/r.dom.log") lines)" sh -c "! grep -q CONSOLE '$T/r.dom.log'"
check "report: the title was not rewritten by a bank string" sh -c "! grep -q '<title>pwned' '$T/r.dom'"
probe "$T/r.html"
check "report: probe ran" grep -q '^svgs ' "$T/r.html.probe"
# heatmap, due, retention, readiness, exams; piped answers take no time,
# so the page says there are no answer times instead of drawing zeros
check "report: 5 charts drawn ($(sed -n 's/^svgs //p' "$T/r.html.probe"))" grep -qx "svgs 5" "$T/r.html.probe"
check "report: no answer times, said so" grep -q 'No answer times recorded yet' "$T/r.html.probe"
check "report: every SVG has a non-empty bounding box" grep -qx 'empty 0' "$T/r.html.probe"
check "report: the page itself holds no script or image element" grep -qx 'scripts 1' "$T/r.html.probe"
check "report: no img element (the bank's <img> is text)" grep -qx 'imgs 0' "$T/r.html.probe"
check "report: the bank's <script> shows as text" grep -q 'Six <script>document.title="pwned"</script> <img src=x onerror=alert(1)>?' "$T/r.html.probe"
shot "$T/r.html" "$T/r.png"
check "report: screenshot drawn ($(wc -c <"$T/r.png" 2>/dev/null) bytes)" test "$(wc -c <"$T/r.png" 2>/dev/null || echo 0)" -gt 20000

# the same numbers as `pmdrill stats`
PMDRILL_NOW=$NOW pm me stats --bank report-test >"$T/stats"
# stats rows "  NAME  DONE  RIGHT%  RET% of N" -> NAME|done=DONE|right=RIGHT%|retention=RET% of N
sed -n '/done  right  retention/,/^$/p' "$T/stats" | sed '1d; /^$/d' |
	sed -E 's/^ +//; s/ +([0-9]+) +([0-9]+%|-) +([0-9]+% of [0-9]+|-)$/|done=\1|right=\2|retention=\3/' >"$T/stats.rows"
sed -n 's/^row tally //p' "$T/r.html.probe" | sed 's/|seconds=[^|]*$//' >"$T/page.rows"
check "stats has rows to compare ($(wc -l <"$T/stats.rows"))" test "$(wc -l <"$T/stats.rows")" -ge 6
check "report's retention table equals stats ($(diff "$T/stats.rows" "$T/page.rows" | tr '\n' ' '))" \
	cmp -s "$T/stats.rows" "$T/page.rows"
today=$(sed -n 's/^Today: \([0-9]*\) reviews$/\1/p' "$T/stats")
check "report: today's reviews as stats ($today)" test "$(value "$T/r.html" today)" = "$today"
due=$(sed -n 's/.*today \([0-9]*\), tomorrow \([0-9]*\)$/\1 \2/p' "$T/stats")
check "report: due today and tomorrow as stats ($due)" test "$(value "$T/r.html" due-0) $(value "$T/r.html" due-1)" = "$due"
check "report: readiness shown" sh -c "value() { sed -n \"s/^value \$2 //p\" \"\$1.probe\"; }; value '$T/r.html' readiness | grep -Eq '^[0-9]+% \\([0-9]+-[0-9]+%\\)$'"
check "report: the exam is listed" grep -q 'Report test exam' "$T/r.html.probe"
check "report: weakest questions name the command" grep -q 'pmdrill show report-test r' "$T/r.html.probe"

# ---- the instructor's report ----
G=$T/group
for m in ann bob cat dan eve; do
	case $m in
	ann|bob|dan) letters="a a a a a a a a" ;;
	*) letters="b b a b b a b b" ;;
	esac
	drill $m 20 "$letters"
	name="Member $m"
	[ $m = eve ] && name='Eve <script>alert(2)</script>'
	PMDRILL_NOW=2026-11-20T12:00Z pm $m group join "$G" --create --name "$name" --share-answers \
		--exam report-test >/dev/null 2>&1 || ko "join $m"
	PMDRILL_NOW=2026-11-20T12:00Z pm $m group push >/dev/null 2>&1 || ko "push $m"
done
PMDRILL_NOW=2026-11-20T13:00Z pm ann group report -o "$T/g.html" >"$T/out" 2>&1
check "group report exits 0 ($(cat "$T/out"))" grep -q "Wrote $T/g.html" "$T/out"
check "group report: the CSP allows only its own nonce script" \
	grep -q "script-src 'nonce-[0-9a-f]\{32\}'" "$T/g.html"
check "group report: a member's markup is escaped" grep -q 'Eve &lt;script&gt;alert(2)&lt;/script&gt;' "$T/g.html"
browse "$T/g.html" "$T/g.dom"
check "group report loads with no console error" sh -c "! grep -q CONSOLE '$T/g.dom.log'"
probe "$T/g.html"
check "group report: every SVG has a non-empty bounding box ($(grep '^svgs\|^empty' "$T/g.html.probe" | tr '\n' ' '))" \
	sh -c "grep -qx 'empty 0' '$T/g.html.probe' && grep -qx 'svgs 1' '$T/g.html.probe'"
check "group report: a member name with <script> shows as text" grep -q 'Eve <script>alert(2)</script>' "$T/g.html.probe"
check "group report: the board sorts on a click ($(sed -n 's/^sorted //p' "$T/g.html.probe"))" grep -q '^sorted 1 ' "$T/g.html.probe"
shot "$T/g.html" "$T/g.png"
check "group report: screenshot drawn" test "$(wc -c <"$T/g.png" 2>/dev/null || echo 0)" -gt 10000

# the board's numbers equal `group board`'s (fixed columns; member ids
# there are cut to 8 characters)
PMDRILL_NOW=2026-11-20T13:00Z pm ann group board >"$T/board.txt"
sed '1,2d; /^Weakest/d' "$T/board.txt" | awk '{
	s = substr($0, 44); n = split(s, f, " ")
	printf "%s|%s|%s|%s|%s|%s\n", substr($0, 24, 8), f[1], f[2], f[3], f[4], f[5] }' | sort >"$T/board.rows"
sed -n 's/^row board //p' "$T/g.html.probe" |
	sed -E 's/^(.{8})[^|]*\|streak=([^|]*)\|reviews7=([^|]*)\|reviews30=([^|]*)\|accuracy=([^|]*)\|readiness=([^|]*)\|exam=.*$/\1|\2|\3|\4|\5|\6/' |
	sort >"$T/page.board"
check "group report: 5 members on the board" test "$(wc -l <"$T/page.board")" = 5
check "group report: board equals group board ($(diff "$T/board.rows" "$T/page.board" | tr '\n' ' '))" \
	cmp -s "$T/board.rows" "$T/page.board"
# the item analysis equals `group items --csv`
PMDRILL_NOW=2026-11-20T13:00Z pm ann group items report-test --csv | sed 1d |
	awk -F, '{printf "%s|n=%s|right=%s|facility=%s|discrimination=%s\n", $1, $3, $4, $5, ($6 == "" ? "-" : $6)}' |
	sort >"$T/items.rows"
sed -n 's/^row items //p' "$T/g.html.probe" | sort >"$T/page.items"
check "group report: items as group items --csv ($(diff "$T/items.rows" "$T/page.items" | tr '\n' ' '))" \
	sh -c "test -s '$T/items.rows' && cmp -s '$T/items.rows' '$T/page.items'"
check "group report: flagged questions first, with a reason" \
	sh -c "sed -n 's/^row items //p' '$T/g.html.probe' | head -1 | grep -q . && grep -Eq 'too hard|too easy|misleading|dead distractor' '$T/g.html.probe'"

# a report that cannot be written says why, and leaves nothing behind
PMDRILL_NOW=$NOW pm me report --bank report-test -o "$T/no/such/dir/r.html" >"$T/out" 2>&1
check "report into a missing folder fails" test $? = 1
check "and says why ($(cat "$T/out"))" grep -q "r.html.*No such file or directory" "$T/out"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
