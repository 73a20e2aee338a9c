# tmux.sh - sourced by the pseudo-terminal tests: drive a program in a
# private tmux server ($SOCK, window "t") and read its screen. The caller
# sets SOCK and the counters pass and fail.
# SPDX-License-Identifier: GPL-3.0-or-later

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; tmux -L "$SOCK" capture-pane -p -t t 2>/dev/null | tail -20; }
screen() { tmux -L "$SOCK" capture-pane -p -J -S -200 -t t; }
keys() { tmux -L "$SOCK" send-keys -t t "$@"; }

wait_for() {	# wait_for TEXT DESCRIPTION: up to 30 s for TEXT on the screen
	i=0
	while [ $i -lt 300 ]; do
		if screen | grep -qF -- "$1"; then ok; return 0; fi
		sleep 0.1
		i=$((i + 1))
	done
	bad "$2 (waited for '$1')"
	return 1
}

need_tmux() {	# fail loudly, never skip, when tmux is missing
	if ! command -v tmux >/dev/null; then
		echo "tmux is missing (make deps installs it)"
		echo "0 passed, 1 failed"
		exit 1
	fi
}
