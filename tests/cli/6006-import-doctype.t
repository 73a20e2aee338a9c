# A DOCTYPE (the door to external entities and entity bombs) is refused
# with its position; nothing is written.
%% args
import data/import/hostile/doctype-xxe.xml -o $T/out.xml
%% stdout
%% stderr
data/import/hostile/doctype-xxe.xml:2:16: error: DOCTYPE declarations are not allowed (no DTDs, no entities)
pmdrill: no question could be imported
%% exit
3
%% check
test ! -e "$T/out.xml"
