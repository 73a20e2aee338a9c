# Aiken (found by its ANSWER: lines): single-choice questions only.
%% args
import data/import/pm-examples-aiken.txt -o $T/out.xml
%% check
sed "s|$T/|T/|g" "$T/stderr" > "$T/got"
cat > "$T/want" <<'EOF'
data/import/pm-examples-aiken.txt:12: warning: question 'This question names an answer letter tha...' skipped: its ANSWER names no option
data/import/pm-examples-aiken.txt:17: warning: question 'This question has no ANSWER line.' skipped: no ANSWER line after its options
pmdrill: 3 questions imported, 2 skipped, into T/out.xml
pmdrill: T/out.xml: 0 errors, 13 warnings
EOF
diff -u "$T/want" "$T/got"
grep -q '<choice id="b" correct="true">Behind schedule</choice>' "$T/out.xml"
