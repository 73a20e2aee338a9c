# Without --answer, show lists an order question's items in a shuffled order
# that is the same every time, so reading it does not give the key away;
# with --answer they stand in the bank's (correct) order; show --key gives
# the key in both letterings.
%% args
show banks/good/every-type.xml ex-order
%% check
grep '^  [a-d]) ' "$T/stdout" | sed 's/^  [a-d]) //' > "$T/shown"
"$PMDRILL" show --answer banks/good/every-type.xml ex-order | grep '^  [a-d]) ' | sed 's/^  [a-d]) //' > "$T/key-order"
test "$(wc -l < "$T/shown")" = 4
sort "$T/shown" > "$T/a"; sort "$T/key-order" > "$T/b"; cmp -s "$T/a" "$T/b"
! cmp -s "$T/shown" "$T/key-order"
"$PMDRILL" show banks/good/every-type.xml ex-order | cmp -s - "$T/stdout"
# show --key's third column is the key in the shown letters: the items
# shown in that order are the bank's order
key=$("$PMDRILL" show --key banks/good/every-type.xml | awk -F'\t' '$1 == "ex-order" { print $3 }')
for l in $key; do sed -n "$(( $(printf '%d' "'$l") - 96 ))p" "$T/shown"; done > "$T/by-key"
cmp -s "$T/by-key" "$T/key-order"
"$PMDRILL" show --key banks/good/every-type.xml | awk -F'\t' '$1 == "ex-single" { exit !($2 == "b" && NF == 3) }'
