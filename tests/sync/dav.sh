#!/bin/bash
# dav.sh - start and stop a throw-away WebDAV server on 127.0.0.1 for the
# sync tests, from config in a scratch folder, with Basic auth and one
# folder per user (/dav/<user>/, only that user's).
#   DAV_DIR=$(mktemp -d) bash tests/sync/dav.sh start lighttpd|nginx|apache|rclone
#       prints DAV_URL=... DAV_PORT=... DAV_PID=... lines to eval
#   DAV_DIR=... bash tests/sync/dav.sh stop
# Environment: DAV_DIR (required), DAV_PORT (default: a free port),
# DAV_USERS (default "alice:alicepw bob:bobpw"); nginx only: DAV_TLS=1
# serves https with a self-signed certificate, $DAV_DIR/cert.pem.
# nginx only: files in $DAV_DIR switch on faults while it runs:
#   fault-500 (every request 500), fault-507 (every PUT 507),
#   fault-cut (every PUT: connection closed without an answer),
#   fault-redirect (every request: 302 to another host),
#   fault-propfind (PROPFIND answers a hostile body),
#   fault-delete (every DELETE 405: a server that refuses DELETE).
# A server that cannot start makes this script fail loudly.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
: "${DAV_DIR:?set DAV_DIR to a scratch folder}"
mkdir -p "$DAV_DIR"; DAV_DIR=$(cd "$DAV_DIR" && pwd)
DAV_USERS=${DAV_USERS:-"alice:alicepw bob:bobpw"}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Below the ephemeral range, so no client socket in TIME_WAIT holds it.
pick_port() {
	local p i lo=32768
	[ -r /proc/sys/net/ipv4/ip_local_port_range ] && read -r lo _ </proc/sys/net/ipv4/ip_local_port_range
	[ "$lo" -gt 12000 ] || lo=32768
	for i in $(seq 1 100); do
		p=$((10000 + (RANDOM * 32768 + RANDOM) % (lo - 10000)))
		port_open "$p" || { echo "$p"; return 0; }
	done
	echo "dav.sh: no free port" >&2
	return 1
}

wait_port() {
	local i
	for i in $(seq 1 2000); do
		port_open "$1" && return 0
		sleep 0.005
	done
	return 1
}

pid_alive() {
	local st
	st=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
	[ -n "$st" ] && [ "${st#Z}" = "$st" ]
}

make_users() {
	mkdir -p "$DAV_DIR/root/dav" "$DAV_DIR/logs" "$DAV_DIR/run" "$DAV_DIR/tmp/body"
	: >"$DAV_DIR/htpasswd"
	local up u p
	for up in $DAV_USERS; do
		u=${up%%:*} p=${up#*:}
		if command -v htpasswd >/dev/null; then
			htpasswd -b -m "$DAV_DIR/htpasswd" "$u" "$p" 2>/dev/null
		else
			printf '%s:%s\n' "$u" "$(openssl passwd -apr1 "$p")" >>"$DAV_DIR/htpasswd"
		fi
		mkdir -p "$DAV_DIR/root/dav/$u"
	done
}

# As root, run the server as nobody (nginx workers would anyway).
RUNAS=()
prepare_owner() {
	if [ "$(id -u)" = 0 ]; then
		chmod 755 "$DAV_DIR"
		chown -R nobody:nogroup "$DAV_DIR"
		RUNAS=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
	fi
}

start_lighttpd() {
	sed "s|@DIR@|$DAV_DIR|g; s|@PORT@|$DAV_PORT|g" "$HERE/lighttpd.conf.in" >"$DAV_DIR/lighttpd.conf"
	local up u
	for up in $DAV_USERS; do
		u=${up%%:*}
		cat >>"$DAV_DIR/lighttpd.conf" <<EOC
\$HTTP["url"] =~ "^/dav/$u(/|\$)" {
  auth.require = ( "" => ( "method" => "basic", "realm" => "dav", "require" => "user=$u" ) )
}
EOC
	done
	prepare_owner
	"${RUNAS[@]}" /usr/sbin/lighttpd -D -f "$DAV_DIR/lighttpd.conf" >>"$DAV_DIR/logs/stdout.log" 2>&1 &
	echo $! >"$DAV_DIR/server.pid"
}

start_nginx() {
	local ssl="" cert=""
	if [ -n "${DAV_TLS:-}" ]; then	# a self-signed certificate for 127.0.0.1
		openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
			-addext subjectAltName=IP:127.0.0.1 -keyout "$DAV_DIR/key.pem" \
			-out "$DAV_DIR/cert.pem" 2>/dev/null
		ssl=ssl
		cert="ssl_certificate $DAV_DIR/cert.pem; ssl_certificate_key $DAV_DIR/key.pem;"
	fi
	sed "s|@DIR@|$DAV_DIR|g; s|@PORT@|$DAV_PORT|g; s|@SSL@|$ssl|; s|@CERT@|$cert|" \
		"$HERE/nginx.conf.in" >"$DAV_DIR/nginx.conf"
	prepare_owner
	"${RUNAS[@]}" /usr/sbin/nginx -p "$DAV_DIR" -c "$DAV_DIR/nginx.conf" \
		-e "$DAV_DIR/logs/error.log" >>"$DAV_DIR/logs/stdout.log" 2>&1 &
	echo $! >"$DAV_DIR/server.pid"
}

# Apache: per-user <Directory> + Require user (a single LocationMatch with
# Require expr would let a user MOVE or COPY into another user's folder).
start_apache() {
	sed "s|@DIR@|$DAV_DIR|g; s|@PORT@|$DAV_PORT|g" "$HERE/apache2.conf.in" >"$DAV_DIR/apache2.conf"
	local up u
	for up in $DAV_USERS; do
		u=${up%%:*}
		printf '<Directory "%s/root/dav/%s">\n    Require user %s\n</Directory>\n' \
			"$DAV_DIR" "$u" "$u" >>"$DAV_DIR/apache2.conf"
	done
	prepare_owner
	# -DFOREGROUND: the parent stays in the foreground, so $! is its pid
	"${RUNAS[@]}" /usr/sbin/apache2 -f "$DAV_DIR/apache2.conf" -DFOREGROUND \
		>>"$DAV_DIR/logs/stdout.log" 2>&1 &
	echo $! >"$DAV_DIR/server.pid"
}

start_rclone() {
	: >"$DAV_DIR/rclone.conf"
	prepare_owner
	"${RUNAS[@]}" env HOME="$DAV_DIR" rclone serve webdav "$DAV_DIR/root/dav" \
		--htpasswd "$DAV_DIR/htpasswd" --addr "127.0.0.1:$DAV_PORT" --baseurl /dav \
		--config "$DAV_DIR/rclone.conf" --cache-dir "$DAV_DIR/cache" \
		--dir-cache-time 1s --poll-interval 0 \
		--log-file "$DAV_DIR/logs/rclone.log" --log-level NOTICE \
		>>"$DAV_DIR/logs/stdout.log" 2>&1 &
	echo $! >"$DAV_DIR/server.pid"
}

case "${1:-}" in
start)
	server=${2:?usage: dav.sh start lighttpd|nginx|apache|rclone}
	make_users
	DAV_PORT=${DAV_PORT:-$(pick_port)}
	case $server in
	lighttpd | nginx | apache | rclone) "start_$server" ;;
	*) echo "dav.sh: unknown server $server" >&2; exit 2 ;;
	esac
	if ! wait_port "$DAV_PORT"; then
		echo "dav.sh: $server did not start on 127.0.0.1:$DAV_PORT; logs:" >&2
		tail -n 20 "$DAV_DIR"/logs/* >&2 || true
		bash "$0" stop || true
		exit 1
	fi
	echo "DAV_URL=http${DAV_TLS:+s}://127.0.0.1:$DAV_PORT/dav"
	echo "DAV_PORT=$DAV_PORT"
	echo "DAV_PID=$(cat "$DAV_DIR/server.pid")"
	;;
stop)
	[ -s "$DAV_DIR/server.pid" ] || exit 0
	pid=$(cat "$DAV_DIR/server.pid")
	kill "$pid" 2>/dev/null || true
	for i in $(seq 1 500); do pid_alive "$pid" || break; sleep 0.01; done
	pid_alive "$pid" && kill -9 "$pid" 2>/dev/null || true
	rm -f "$DAV_DIR/server.pid"
	;;
*)
	echo "usage: DAV_DIR=dir dav.sh start lighttpd|nginx|apache|rclone | stop" >&2
	exit 2
	;;
esac
