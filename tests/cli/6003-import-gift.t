# GIFT: choice, weights, true/false, short answer, matching, numeric with
# tolerance and range, missing word; what cannot be kept is reported.
%% args
import data/import/pm-examples.gift -o $T/out.xml
%% check
sed "s|$T/|T/|g" "$T/stderr" > "$T/got"
cat > "$T/want" <<'EOF'
data/import/pm-examples.gift:27: warning: question 'UNEVEN': grades 60%, 40% are not all-or-nothing; imported as choose 2, all or nothing
data/import/pm-examples.gift:29: warning: question 'SHORT': partial-credit answer 'Direct' (50%) dropped
data/import/pm-examples.gift:33: warning: question 'MATCH': extra answer dropped (pmdrill matching has no distractors)
data/import/pm-examples.gift:42: warning: question 'ESSAY' skipped: an essay ({}); pmdrill cannot grade free text
data/import/pm-examples.gift:44: warning: question 'NOTE' skipped: no answers in braces (a description); pmdrill needs a question
data/import/pm-examples.gift:50: warning: question 'TWO-KEYS' skipped: 2 answers are worth 100%; a single-choice question has exactly one key
data/import/pm-examples.gift:52: warning: question 'OPEN' skipped: '{' is not closed
pmdrill: 12 questions imported, 4 skipped, into T/out.xml
pmdrill: T/out.xml: 0 errors, 30 warnings
EOF
diff -u "$T/want" "$T/got"
grep -q '<answer value="4" tolerance="1"/>' "$T/out.xml"
grep -q "<stem>The _____ represents the users' interests.</stem>" "$T/out.xml"
