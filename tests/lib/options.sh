# options.sh - sourced by the exam cases of tests/cli: read the options of
# a question as pmdrill showed them (the exam shuffles them), so a case can
# answer in the letters on the screen. OUT is a saved stdout; STEM is the
# start of the first line of the question's stem.
# SPDX-License-Identifier: GPL-3.0-or-later

# options OUT STEM: the option lines ("  a) ...") of the first question
# shown whose stem begins with STEM.
options() {
	awk -v stem="$2" '/^\[[0-9]+\/[0-9]+\]/ { inq = 0 }
		index($0, stem) == 1 { inq = 1; next }
		inq && /^  [a-z]\) / { print }
		inq && /^(Choose|Order|Match:)/ { exit }' "$1"
}

# letter OUT STEM TEXT: the letter shown for the option that begins with TEXT.
letter() {
	options "$1" "$2" | awk -v text="$3" 'index($0, text) == 6 { print substr($0, 3, 1) }'
}

# position OUT STEM: the number the question was shown as ("[2/5] ..." -> 2).
position() {
	awk -v stem="$2" '/^\[[0-9]+\/[0-9]+\]/ { split(substr($1, 2), a, "/"); k = a[1] }
		index($0, stem) == 1 { print k; exit }' "$1"
}
