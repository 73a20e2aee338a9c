# kill.sh - sourced by the kill tests: run a command in the background,
# SIGKILL it after a seeded random delay (or the moment a file appears),
# wait until it has exited, and say whether the kill landed mid-operation.
# Few processes per kill: the machine may be loaded. The caller sets T (a
# scratch folder).
# SPDX-License-Identifier: GPL-3.0-or-later

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# kill_fractions N SEED: N seeded random integers in [0, 10000)
kill_fractions() {
	awk -v n="$1" -v seed="$2" 'BEGIN { srand(seed); for (i = 0; i < n; i++) print int(rand() * 10000) }'
}

# seconds MS: MS milliseconds as seconds for sleep (3.042), in the shell
seconds() {
	local frac=$(($1 % 1000))
	case ${#frac} in
	1) frac=00$frac ;;
	2) frac=0$frac ;;
	esac
	SECONDS_OF=$(($1 / 1000)).$frac
}

# holds_file PATH PID: the process has PATH open (on one of fds 3-15;
# test -ef follows /proc's fd links, so no process is started)
holds_file() {
	local fd=3
	while [ $fd -le 15 ]; do
		[ "/proc/$2/fd/$fd" -ef "$1" ] && return 0
		fd=$((fd + 1))
	done
	return 1
}

# has_read BYTES PID: the process has read at least BYTES (its input)
has_read() {
	local key val
	while read -r key val; do
		[ "$key" = rchar: ] && { [ "$val" -ge "$1" ]; return; }
	done 2>/dev/null <"/proc/$2/io"
	return 1
}

# running PID: the process exists and has not exited (not a zombie)
running() {
	local state rest
	read -r rest rest state rest 2>/dev/null <"/proc/$1/stat" || return 1
	[ "$state" != Z ]
}

# appears GLOB PID: poll (in the shell, at most 500000 times) until a file
# matching GLOB exists (KILL_SEEN is its path; true) or PID has exited
appears() {
	local f n=0
	KILL_SEEN=
	while [ $n -lt 500000 ]; do
		for f in $1; do
			[ -e "$f" ] && KILL_SEEN=$f && return 0
		done
		n=$((n + 1))
		[ $((n % 50)) = 0 ] && ! running "$2" && return 1
	done
	return 1
}

# kill_at DELAY STARTED COMMAND...: run COMMAND (stdout and stderr to
# $T/kill.out) in the background and SIGKILL it after DELAY seconds; or,
# when DELAY is "on:GLOB", the moment a file matching GLOB appears; or
# never when DELAY is "none". Then wait until it has exited. STARTED (a
# command; the pid is appended) runs just before a timed kill and is true
# once the operation has begun. Sets KILL_RC (137 when killed, else the
# command's own status) and KILL_MID (1 when the kill landed after the
# operation began and before it ended). COMMAND must be a program (env
# VAR=... prog), not a shell function, so that $! is its pid.
kill_at() {
	local delay=$1 started=$2 pid began=0
	shift 2
	"$@" >"$T/kill.out" 2>&1 &
	pid=$!
	KILL_SEEN=
	case $delay in
	none) ;;
	on:*) appears "${delay#on:}" "$pid" && began=1 && kill -9 "$pid" 2>/dev/null ;;
	*)
		sleep "$delay"
		$started "$pid" && began=1
		kill -9 "$pid" 2>/dev/null
		;;
	esac
	wait "$pid" 2>/dev/null
	KILL_RC=$?
	KILL_MID=0
	[ "$KILL_RC" = 137 ] && [ $began = 1 ] && KILL_MID=1
	return 0
}

# timed COMMAND...: run it; TIMED_MS is how long it took; its status returns
timed() {
	local t0 rc
	t0=$(now_ms)
	"$@"
	rc=$?
	TIMED_MS=$(($(now_ms) - t0))
	return $rc
}
