# Moodle XML: every loss is a warning with its file and line on stderr;
# the bank is written, loaded and linted (lint lines on stdout).
%% args
import data/import/constructed_moodle_pm_examples.xml -o $T/out.xml
%% exit
0
%% check
sed "s|$T/|T/|g" "$T/stderr" > "$T/got"
cat > "$T/want" <<'EOF'
data/import/constructed_moodle_pm_examples.xml:11: warning: question 'EVM-CPI-01': combined feedback (correct, partially correct, incorrect) dropped
data/import/constructed_moodle_pm_examples.xml:78: warning: question 'EVM-MATCH-01': extra answer 'PV - AC' dropped (pmdrill matching has no distractors)
data/import/constructed_moodle_pm_examples.xml:88: warning: question 'P2-PROC-01': partial-credit answer 'Directing*' (50%) dropped
data/import/constructed_moodle_pm_examples.xml:97: warning: question 'COMMS-CHANNELS-01': feedback for any other answer ('*') dropped
data/import/constructed_moodle_pm_examples.xml:101: warning: essay question 'P2-TAILOR-ESSAY' skipped: pmdrill cannot grade free text
data/import/constructed_moodle_pm_examples.xml:117: warning: question 'IMG-DEMO': image 'chart.png' dropped: pmdrill banks hold text only
pmdrill: 7 questions imported, 1 skipped, into T/out.xml
pmdrill: T/out.xml: 0 errors, 13 warnings
EOF
diff -u "$T/want" "$T/got"
test "$(grep -c '<question ' "$T/out.xml")" = 7
grep -q '<question id="evm-cpi-01" type="single" domain="imported">' "$T/out.xml"
grep -q "^$T/out.xml:7: warning: question 'evm-cpi-01' has no reference\$" "$T/stdout"
"$PMDRILL" lint "$T/out.xml" > /dev/null
