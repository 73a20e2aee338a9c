#!/bin/sh
# prompt-pty.sh - the pmdrill> prompt in a pseudo-terminal (tmux), as a
# new user meets it: Tab completes commands, subcommands, options, banks,
# exam profiles, settings and their values, and question ids; `clear` and
# Ctrl-L clear the screen; `quit` leaves.
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cd "$(dirname "$0")/../.."
PMDRILL=${PMDRILL:-./pmdrill}
case $PMDRILL in /*) ;; *) PMDRILL=$PWD/$PMDRILL ;; esac
T=$(mktemp -d)
SOCK="pmdrill-prompt-$$"
pass=0 fail=0
# at exit, close the terminal and wait for the program to be gone before
# removing its profile (a program still writing its WAL would race rm)
trap 'close_terminal >/dev/null 2>&1; rm -rf "$T"' EXIT

. tests/lib/tmux.sh

need_tmux

# The visible screen only: a cleared screen's lines go to the scroll-back.
top_line_is() {	# trailing blanks do not count
	[ "$(tmux -L "$SOCK" capture-pane -p -t t | head -1 | sed 's/ *$//')" = "$1" ]
}
visible_lacks() { ! tmux -L "$SOCK" capture-pane -p -t t | grep -qF -- "$1"; }

# The bundled banks (pmp-2026, the PRINCE2 ones) are found beside the
# binary; tests/banks/good adds example-every-type.
run_in_tmux "env PMDRILL_HOME=$T/profile PMDRILL_BANKS=$PWD/tests/banks/good TERM=xterm NO_COLOR=1 $PMDRILL"
wait_for "pmdrill> " "the prompt appears"

keys "gr" Tab
wait_for "pmdrill> group " "Tab completes gr to group"
keys Tab Tab
wait_for "board" "Tab Tab lists group's subcommands"
if seen "items" && seen "report" && seen "leave"; then ok; else bad "all of group's subcommands are listed"; fi
keys "bo" Tab "--so" Tab
wait_for "pmdrill> group board --sort " "Tab completes a subcommand and its long option"
keys C-u

keys "exam pr" Tab
wait_for "pmdrill> exam prince2-" "Tab completes exam pr to the common prefix prince2-"
keys Tab Tab	# readline lists on the second Tab that changes nothing
wait_for "prince2-practitioner" "Tab Tab lists the prince2 profiles"
wait_for "prince2-foundation" "both prince2 profiles are listed"
keys C-u "exam --bank example-every-type mi" Tab
wait_for "exam --bank example-every-type mini " "exam profiles include the bank's own"
keys C-u

keys "show pmp-2026 ppl-00" Tab Tab
wait_for "ppl-0099" "Tab Tab after show BANK lists its question ids"
keys C-u "show example-every-type ex-sin" Tab
wait_for "show example-every-type ex-single " "Tab completes a question id"
keys C-u "show --ans" Tab "example-ev" Tab
wait_for "show --answer example-every-type " "Tab completes an option and a bank id"
keys C-u

keys "config pause" Tab
wait_for "config pause-after-feedback " "Tab completes a setting name"
keys "o" Tab Tab
wait_for "off" "Tab Tab lists a boolean setting's values"
keys C-u "drill --no-sh" Tab
wait_for "drill --no-shuffle " "Tab completes a long option of drill"
keys C-u "export pmp-2026 --format m" Tab
wait_for "export pmp-2026 --format moodle " "Tab completes an option's listed values"
keys C-u "sync st" Tab
wait_for "pmdrill> sync status " "Tab completes sync's subcommands"
keys C-u "help rea" Tab
wait_for "pmdrill> help readiness " "Tab completes help's command"
keys C-u

version=$("$PMDRILL" version)
keys "version" Enter
wait_for "$version" "version prints its line"
keys "clear" Enter
if wait_until top_line_is "pmdrill>"; then ok; else bad "clear leaves the prompt at the top"; fi
if visible_lacks "$version"; then ok; else bad "clear clears the screen"; fi

keys "help version" Enter
wait_for "usage: pmdrill version" "help prints after clear"
keys "he" C-l
if wait_until top_line_is "pmdrill> he"; then ok; else bad "Ctrl-L leaves the line being typed at the top"; fi
if visible_lacks "usage: pmdrill version"; then ok; else bad "Ctrl-L clears the screen"; fi
keys C-u "quit" Enter
wait_for "EXITED-0" "quit leaves with 0"
close_terminal

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
