# Every command in the command table is documented in pmdrill(1).
%% args
help
%% check
for cmd in $(awk '/^Commands:/ {on=1; next} on && /^  [a-z]/ {print $1}' "$T/stdout"); do
	grep -q "^\.It Ic $cmd\b" ../docs/pmdrill.1 || { echo "pmdrill.1 lacks $cmd"; exit 1; }
done
test "$(awk '/^Commands:/ {on=1; next} on && /^  [a-z]/' "$T/stdout" | wc -l)" -ge 10
