# tmux.sh - sourced by the pseudo-terminal tests: drive a program in a
# private tmux server ($SOCK, window "t") and read its screen. The caller
# sets SOCK and the counters pass and fail.
# SPDX-License-Identifier: GPL-3.0-or-later

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; tmux -L "$SOCK" capture-pane -p -t t 2>/dev/null | tail -20; }
screen() { tmux -L "$SOCK" capture-pane -p -J -S -200 -t t; }
keys() { tmux -L "$SOCK" send-keys -t t "$@"; }

. tests/lib/wait.sh

# seen TEXT [N]: TEXT stands on the screen (with its scroll-back) at least
# N times (default 1).
seen() { [ "$(screen | grep -cF -- "$1")" -ge "${2:-1}" ]; }

wait_for() {	# wait_for TEXT DESCRIPTION [N]: until TEXT is on the screen (N times)
	if wait_until seen "$1" "${3:-1}"; then ok; return 0; fi
	bad "$2 (waited for '$1')"
	return 1
}

# run_in_tmux COMMAND: a fresh 80x40 terminal whose shell runs COMMAND
# (one string of shell words), then prints EXITED-<status>. The program's
# pid goes to $T/pid: the wrapper writes its own pid, then execs COMMAND.
run_in_tmux() {
	rm -f "$T/pid"
	printf 'echo $$ > "%s/pid"\nexec %s\n' "$T" "$1" > "$T/run.sh"
	tmux -L "$SOCK" -f /dev/null new-session -d -s t -x 80 -y 40 \
		"sh $T/run.sh; echo EXITED-\$?; sleep 120"
	wait_until test -s "$T/pid"
}

# close_terminal: kill the tmux server (SIGHUP to the program, as when a
# terminal window is closed) and wait until the program has exited, so
# that nothing still holds the database afterwards.
close_terminal() {
	_pid=$(cat "$T/pid" 2>/dev/null)
	tmux -L "$SOCK" kill-server 2>/dev/null
	wait_until eval "! tmux -L '$SOCK' has-session 2>/dev/null"
	[ -z "$_pid" ] || wait_gone "$_pid"
}

need_tmux() {	# fail loudly, never skip, when tmux is missing
	if ! command -v tmux >/dev/null; then
		echo "tmux is missing (make deps installs it)"
		echo "0 passed, 1 failed"
		exit 1
	fi
}
