# wait.sh - sourced by the integration tests: wait for a state, never for
# a fixed time. Every wait is bounded (default 60 s, WAIT_SECONDS) and
# returns non-zero when the state did not come, so the caller can fail.
# SPDX-License-Identifier: GPL-3.0-or-later

# pid_alive PID: the process exists and is not a zombie.
pid_alive() {
	_st=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
	[ -n "$_st" ] && [ "${_st#Z}" = "$_st" ]
}

# wait_until COMMAND...: run COMMAND every 50 ms until it succeeds.
wait_until() {
	_n=$(( ${WAIT_SECONDS:-60} * 20 ))
	while [ "$_n" -gt 0 ]; do
		"$@" && return 0
		sleep 0.05
		_n=$((_n - 1))
	done
	return 1
}

# wait_gone PID: until the process has exited (it need not be our child).
wait_gone() {
	wait_until eval "! pid_alive $1"
}
