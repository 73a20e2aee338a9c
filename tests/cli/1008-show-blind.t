# Without --answer, show lists an order question's items in a shuffled order
# that is the same every time, so reading it does not give the key away;
# with --answer they stand in the bank's (correct) order.
%% args
show banks/good/every-type.xml ex-order
%% check
grep '^  [a-d]) ' "$T/stdout" | sed 's/^  [a-d]) //' > "$T/shown"
"$PMDRILL" show --answer banks/good/every-type.xml ex-order | grep '^  [a-d]) ' | sed 's/^  [a-d]) //' > "$T/key-order"
test "$(wc -l < "$T/shown")" = 4
sort "$T/shown" > "$T/a"; sort "$T/key-order" > "$T/b"; cmp -s "$T/a" "$T/b"
! cmp -s "$T/shown" "$T/key-order"
"$PMDRILL" show banks/good/every-type.xml ex-order | cmp -s - "$T/stdout"
