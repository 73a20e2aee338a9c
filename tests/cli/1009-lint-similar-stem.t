# --similar also pairs two questions that ask the same thing with other
# options (their stems share 90% of their words, 4 or more of them), which
# the word share over stem and options misses; a stem too short to mean
# anything ("Which is right?") is not paired on its stem alone.
%% setup
cat > "$T/s.xml" <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<bank id="stem" format="1" exam="PRINCE2" title="Stems">
  <blueprint><domain id="p" name="P" weight="100"/></blueprint>
  <question id="s1" type="single" domain="p">
    <stem>Who sets the tolerances for a management stage?</stem>
    <choice id="a" correct="true">The project board.</choice>
    <choice id="b">The business layer.</choice>
  </question>
  <question id="s2" type="single" domain="p">
    <stem>Who sets the tolerances for a management stage?</stem>
    <choice id="a">The project manager, when preparing the stage plan.</choice>
    <choice id="b" correct="true">The board, when it approves the stage plan.</choice>
  </question>
  <question id="s3" type="single" domain="p">
    <stem>Which is right?</stem>
    <choice id="a" correct="true">Benefits are measured after the project.</choice>
    <choice id="b">Benefits are never measured.</choice>
  </question>
  <question id="s4" type="single" domain="p">
    <stem>Which is right?</stem>
    <choice id="a" correct="true">A daily log records informal issues.</choice>
    <choice id="b">A quality register holds the budget.</choice>
  </question>
</bank>
X
%% args
lint --similar $T/s.xml
%% check
grep -c 'nearly the same' "$T/stdout" | grep -qx 1
grep -q "s.xml:9: warning: question 's2' is nearly the same as 's1' (.*s.xml:4): 100% of their stems' words are shared" "$T/stdout"
! grep -q "'s4' is nearly" "$T/stdout"
%% exit
0
