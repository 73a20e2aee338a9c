# events.sh - sourced by the long-history sync test and bench: write a
# device's own events straight into a profile's review log (around the
# store, so the card cache is not replayed; a fast way to a long history).
# SPDX-License-Identifier: GPL-3.0-or-later

# add_events DB BANK FROM TO: events FROM..TO of DB's own device
add_events() {
	sqlite3 "$1" "WITH RECURSIVE n(i) AS (SELECT $3 UNION ALL SELECT i + 1 FROM n WHERE i < $4)
		INSERT INTO events (device, seq, kind, bank, qid, content_hash, time_ms, rating, correct, mode, answer)
		SELECT (SELECT value FROM settings WHERE key = 'device-id'), i, 0, '$2',
		       printf('q%04d', i % 1800), '0123456789abcdef', 1700000000000 + i * 60000,
		       1 + i % 4, i % 4 > 0, 'drill', 'b' FROM n"
}
