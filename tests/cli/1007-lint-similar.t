# --similar warns of near-duplicate questions across files, most alike first,
# but not of questions of one case set; --strict then fails.
%% setup
cat > "$T/a.xml" <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<bank id="sim-a" format="1" exam="PMP" title="A">
  <blueprint><domain id="people" name="People" weight="100"/></blueprint>
  <question id="a1" type="single" domain="people">
    <stem>Two developers disagree loudly in the daily stand-up about the database design. What should the team lead do?</stem>
    <choice id="a" correct="true">Ask them to continue the discussion after the stand-up.</choice>
    <choice id="b">Decide the design at once.</choice>
  </question>
  <question id="a2" type="single" domain="people">
    <stem>A sponsor asks for a weekly budget report. Which tool fits best?</stem>
    <choice id="a" correct="true">A cost performance summary.</choice>
    <choice id="b">A risk register.</choice>
  </question>
  <scenario id="s1">
    <text>A shared network of activities.</text>
    <question id="a3" type="single" domain="people">
      <stem>What is the float of activity F in the network?</stem>
      <choice id="a" correct="true">Nine days.</choice>
      <choice id="b">Zero days.</choice>
    </question>
    <question id="a4" type="single" domain="people">
      <stem>What is the float of activity C in the network?</stem>
      <choice id="a" correct="true">Nine days.</choice>
      <choice id="b">Zero days.</choice>
    </question>
  </scenario>
</bank>
X
cat > "$T/b.xml" <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<bank id="sim-b" format="1" exam="PMP" title="B">
  <blueprint><domain id="people" name="People" weight="100"/></blueprint>
  <question id="b1" type="single" domain="people">
    <stem>Two developers disagree loudly in the daily stand-up about the database design. What should the scrum master do?</stem>
    <choice id="a" correct="true">Ask them to continue the discussion after the stand-up.</choice>
    <choice id="b">Decide the design at once.</choice>
  </question>
</bank>
X
%% args
lint --similar --strict $T/a.xml $T/b.xml
%% check
grep -c 'nearly the same' "$T/stdout" | grep -qx 1
grep -q "b.xml:4: warning: question 'b1' is nearly the same as 'a1' (.*a.xml:4): 78% of their words are shared" "$T/stdout"
! grep -q "'a4'" "$T/stdout"
grep -q '0 errors, 21 warnings' "$T/stderr"
%% exit
3
