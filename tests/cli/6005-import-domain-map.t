# A domain map turns categories into domains and tasks (longest prefix),
# sets the bank's id, title and a profile; unmapped questions are reported.
%% args
import data/import/constructed_moodle_pm_examples.xml data/import/moodle_numerical_tolerance.xml --domain-map data/import/domain-map.txt -o $T/out.xml
%% check
grep -q '<bank id="pm-imported" format="1" exam="PMP" title="Imported PM questions" lang="en">' "$T/out.xml"
grep -q '<question id="evm-cpi-01" type="single" domain="process" task="PRC-6">' "$T/out.xml"
grep -q '<question id="q-783371d720f1-2" type="numeric" domain="imported">' "$T/out.xml"
grep -q '<domain id="imported" name="Imported questions" weight="0"/>' "$T/out.xml"
grep -q '<profile id="mini" title="Five-question check" questions="5" minutes="10" pass-mark="3"/>' "$T/out.xml"
grep -qx "data/import/moodle_numerical_tolerance.xml:3: warning: questions without a category go to domain 'imported'" "$T/stderr"
grep -qx "data/import/moodle_numerical_tolerance.xml:36: warning: question id 'q-783371d720f1' is already taken (same text); this question gets 'q-783371d720f1-2'" "$T/stderr"
