# ours -> Moodle XML -> ours gives the same bank (blueprint, profiles,
# scenarios, ids, keys, whys, explanations, references, tags).
%% args
export example-every-type --format moodle -o $T/every-type.moodle.xml
%% stdout
%% stderr
%% check
grep -q '<idnumber>ex-single</idnumber>' "$T/every-type.moodle.xml"
grep -q '<text>pmdrill:scenario=ex-case</text>' "$T/every-type.moodle.xml"
"$PMDRILL" import "$T/every-type.moodle.xml" -o "$T/back.xml" > "$T/lint.out" 2> "$T/import.err"
"$PMDRILL" export example-every-type --format pmdrill > "$T/orig.xml"
diff -u "$T/orig.xml" "$T/back.xml"
