# banks add: a bank that lints clean is installed into the user's folder
# and found by id; a hostile or broken file is refused with its lint
# message and nothing is written; a revision of an installed bank shows
# what it adds, changes and retires, and replaces it only with --yes
# (stdin is not a terminal here, so there is no one to ask); a question
# whose right answer moved is listed as a new key, and its card (answered
# before) starts over while an unchanged question's card stays.
%% setup
unset XDG_DATA_HOME
cat > "$T/mine.xml" <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<bank id="my-course" format="1" exam="PMP" title="My course" version="1">
  <blueprint><domain id="p" name="P" weight="100"/></blueprint>
  <question id="m1" type="single" domain="p"><stem>One?</stem>
    <choice id="a" correct="true">Yes</choice><choice id="b">No</choice></question>
  <question id="m2" type="single" domain="p"><stem>Two?</stem>
    <choice id="a" correct="true">Yes</choice><choice id="b">No</choice></question>
  <question id="m3" type="single" domain="p"><stem>Three?</stem>
    <choice id="a" correct="true">Yes</choice><choice id="b">No</choice></question>
</bank>
X
sed 's/version="1"/version="2"/; s|<stem>Two?</stem>|<stem>Two, reworded?</stem>|; /id="m3"/,/<\/question>/d' "$T/mine.xml" > "$T/v2.xml"
sed '/id="m1"/{n;s|<choice id="a" correct="true">Yes</choice><choice id="b">No</choice>|<choice id="a">Yes</choice><choice id="b" correct="true">No</choice>|}; s/version="1"/version="3"/' "$T/mine.xml" > "$T/v3.xml"
sed 's|</bank>|  <question id="m4" type="single" domain="p"><stem>Four?</stem><choice id="a" correct="true">Yes</choice><choice id="b">No</choice></question>\n</bank>|' "$T/v2.xml" > "$T/v2b.xml"
mv "$T/v2b.xml" "$T/v2.xml"
printf '<?xml version="1.0"?>\n<!DOCTYPE bank [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<bank id="evil">&x;</bank>\n' > "$T/evil.xml"
%% args
banks add $T/mine.xml
%% check
U="$HOME/.local/share/pmdrill/banks"
grep -q "^Installed bank 'my-course' (3 questions) as $U/my-course.xml$" "$T/stdout"
cmp -s "$T/mine.xml" "$U/my-course.xml"
$PMDRILL show my-course m1 | grep -q 'One?'
# hostile and broken files: refused, with the lint message, nothing written
if $PMDRILL banks add "$T/evil.xml" >"$T/o" 2>"$T/e"; then exit 1; fi
grep -q 'DOCTYPE' "$T/e" && grep -q "evil.xml: not installed" "$T/e"
test ! -e "$U/evil.xml"
# a revision: the changes, then no replacement without --yes
if $PMDRILL banks add "$T/v2.xml" >"$T/o" 2>"$T/e" </dev/null; then exit 1; fi
grep -q '^  added    m4$' "$T/o" && grep -q '^  changed  m2$' "$T/o" && grep -q '^  retired  m3$' "$T/o"
grep -q '^1 added, 1 changed, 0 with a new key, 1 retired; 3 questions in all (version 2, was 1).$' "$T/o"
grep -q "bank 'my-course' not replaced (use --yes to replace it without asking)" "$T/e"
cmp -s "$T/mine.xml" "$U/my-course.xml"
$PMDRILL banks add --yes "$T/v2.xml" >"$T/o"
cmp -s "$T/v2.xml" "$U/my-course.xml"
$PMDRILL show my-course m4 | grep -q 'Four?'
# the same file again: nothing to do
$PMDRILL banks add "$T/v2.xml" | grep -q '^Nothing to do'
! ls "$U" | grep -q tmp
# a new key: m1's card starts over, m2's stays (both answered "a" first)
printf 'a\na\na\n' | $PMDRILL drill --bank my-course --no-shuffle >/dev/null
cards() { sqlite3 "$PMDRILL_HOME/progress.db" "SELECT qid FROM cards WHERE bank = 'my-course' ORDER BY qid" | tr '\n' ' '; }
test "$(cards)" = "m1 m2 m4 "
$PMDRILL banks add --yes "$T/v3.xml" >"$T/o"
grep -q '^  new key  m1$' "$T/o"
grep -q '^1 question with a new key starts over in your progress$' "$T/o"
test "$(cards)" = "m2 m4 "
$PMDRILL show my-course m1 | grep -q 'One?'
%% exit
0
