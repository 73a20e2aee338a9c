#!/bin/sh
# libfuzzer.sh - `make fuzz`: build every tests/fuzz/fuzz-*.c target with
# clang's libFuzzer plus ASan/UBSan and run each for FUZZ_SECONDS (default
# 60) on its seed corpus. Installs clang when it is missing (as make deps does).
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/../.."
if ! command -v clang >/dev/null; then
	if [ "$(id -u)" = 0 ]; then
		apt-get install -y -qq clang >/dev/null
	else
		echo "make fuzz needs clang: sudo apt-get install clang" >&2
		exit 1
	fi
fi
out=build-fuzz
mkdir -p "$out"
flags="-g -O1 -fsanitize=fuzzer,address,undefined -ffp-contract=off -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE"
make --no-print-directory B=build-fuzz-lib CC=clang OPT="-g -O1" \
	SAN="-fsanitize=fuzzer-no-link,address,undefined" build-fuzz-lib/libpmdrill.a >/dev/null
for src in tests/fuzz/fuzz-*.c; do
	name=$(basename "$src" .c)
	corpus=tests/fuzz/corpus-${name#fuzz-}
	clang $flags $(pkg-config --cflags libxml-2.0) -Iengine -o "$out/$name" "$src" \
		build-fuzz-lib/libpmdrill.a $(pkg-config --libs libxml-2.0 sqlite3 libcurl) -lm
	mkdir -p "$out/$name-corpus"
	echo "fuzzing $name for ${FUZZ_SECONDS:-60} s"
	"$out/$name" -max_total_time="${FUZZ_SECONDS:-60}" -max_len=65536 "$out/$name-corpus" "$corpus"
done
