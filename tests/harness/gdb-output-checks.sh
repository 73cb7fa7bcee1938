# tests/harness/gdb-output-checks.sh: checks of what GDB printed, sourced by
# tests/harness/gdb-helpers.sh (which sets B, dir, failed and leaves GDB's
# output in $dir/gdb.out, the raw trace tail in $dir/tail.txt and a RAM dump
# taken at the same stop in $dir/ram.bin).
#
#   stop_hook_check  the stop hook's line at kmain (kernel, no process yet)
#                    and at gdb_probe_ready: gdb_probe with the endpoint and
#                    slot GETINFO_PROCTAB gave gdb_probe (the PROBE line),
#                    symbols from gdb_probe.elf
#   tail_check       lantern-trace-tail -r N (decoded from guest memory by
#                    the GDB helper) against the host tracer's database of
#                    the RAM dump: the same last events, in order, with the
#                    same ts, type, implied flag and every field value the
#                    database holds (NULL there = "?" or absent here)
#   waits_check      lantern-ps's "waits for" against the tracer's view of the
#                    same dump: every process the trace shows blocked at the
#                    end (block_span without t_unblock) is shown blocked in
#                    that operation on that endpoint, and no other is

stop_hook_check() {
    local ep slot
    read -r _ ep slot < <(grep -m1 '^PROBE ' "$dir/gdb.out")
    if ! grep -q '^\[lantern\] kernel mode; no current process' "$dir/gdb.out"; then
        r_not_ok gdb-stop-hook "no '[lantern] kernel mode; no current process' line at kmain"
    elif [ -z "${slot:-}" ]; then
        r_not_ok gdb-stop-hook "no PROBE line: GDB did not reach gdb_probe_ready"
    elif ! grep -Eq "^\[lantern\] user mode: gdb_probe \(endpoint $ep, slot $slot\), symbols from .*/gdb_probe\.elf$" "$dir/gdb.out"; then
        r_not_ok gdb-stop-hook "no '[lantern] user mode: gdb_probe (endpoint $ep, slot $slot)' line: $(grep -m2 '^\[lantern\] user' "$dir/gdb.out" | tr '\n' '|')"
    else
        r_ok gdb-stop-hook
        return
    fi
    failed=1
}

# The database's last $2 events of $1 as "ts NAME implied field=value ...".
db_events() {
    local cols=""
    for c in ep peer status m_type call_id a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11; do
        cols="$cols WHEN '$c' THEN e.$c"
    done
    sqlite3 "$1" "SELECT e.ts || ' ' || t.name || ' ' || (e.flags >> 8 & 1) ||
        COALESCE((SELECT ' ' || group_concat(kv, ' ') FROM
                  (SELECT f.name || '=' || CASE f.col $cols END AS kv FROM event_field f
                   WHERE f.type = e.type AND f.ftype != 'text16' ORDER BY f.idx)), '') ||
        COALESCE(' text=' || e.text, '')
        FROM (SELECT * FROM event ORDER BY id DESC LIMIT $2) e
        JOIN event_type t ON t.id = e.type ORDER BY e.id"
}

# Each database line's words must be in the same tail line; ts, name and
# the implied flag must be equal.  Prints the first difference.
compare_events() {
    awk 'NR == FNR { want[FNR] = $0; n = FNR; next }
         { got[FNR] = $0; m = FNR }
         END {
             if (n != m) { printf "%d events from GDB, %d from the tracer\n", m, n; exit 1 }
             for (i = 1; i <= n; i++) {
                 split(want[i], w, " "); split(got[i], g, " ")
                 if (w[1] != g[1] || w[2] != g[2] || w[3] != g[3]) {
                     printf "event %d: GDB \"%s\", tracer \"%s\"\n", i, got[i], want[i]; exit 1 }
                 line = " " got[i] " "
                 for (k = 4; k in w; k++)
                     if (w[k] !~ /^text=/ && index(line, " " w[k] " ") == 0) {
                         printf "event %d: tracer has %s, GDB \"%s\"\n", i, w[k], got[i]; exit 1 }
                 if (index(want[i], " text=")) {
                     t = substr(want[i], index(want[i], " text="))
                     if (index(got[i], t) == 0) {
                         printf "event %d: text differs: GDB \"%s\", tracer \"%s\"\n", i, got[i], want[i]
                         exit 1 }
                 }
             }
         }' "$1" "$2"
}

tail_check() {
    local tracer=$B/tracer/lantern-trace n why
    grep -v '^#' "$dir/tail.txt" 2>/dev/null > "$dir/tail.events"
    n=$(wc -l < "$dir/tail.events")
    if [ ! -s "$dir/ram.bin" ] || [ "$n" -lt 10 ]; then
        r_not_ok gdb-trace-tail "no RAM dump or fewer than 10 events from lantern-trace-tail ($n)"
    elif ! grep -q ' MARK 0 .*text=gdb_probe ready' "$dir/tail.events"; then
        r_not_ok gdb-trace-tail "gdb_probe's MARK is not among the last events"
    elif ! "$tracer" ingest -q -f dump -o "$dir/trace.db" "$dir/ram.bin" > "$dir/ingest.out" 2>&1; then
        r_not_ok gdb-trace-tail "lantern-trace ingest failed: $(tail -n 1 "$dir/ingest.out")"
    elif ! db_events "$dir/trace.db" "$n" > "$dir/db.events"; then
        r_not_ok gdb-trace-tail "sqlite3 query failed"
    elif ! why=$(compare_events "$dir/db.events" "$dir/tail.events"); then
        r_not_ok gdb-trace-tail "$why"
    else
        r_ok gdb-trace-tail
        echo "#   tools/gdb-trace-tail: $n events, the same as lantern-trace's"
        return
    fi
    failed=1
}

# ps line of endpoint $1 (the state column onwards), from $dir/ps.txt
ps_state() { awk -v ep="$1" '$2 == ep { sub(/^ *[^ ]+ +[^ ]+ +[^ ]+ +[^ ]+ +[^ ]+ +/, ""); print }' \
             "$dir/ps.txt"; }

waits_check() {
    local ep op w state want bad="" nblocked nspans=0
    [ -s "$dir/trace.db" ] || { r_not_ok gdb-ps-waits "no trace database (see gdb-trace-tail)"
                                failed=1; return; }
    while IFS='|' read -r ep op w; do
        nspans=$((nspans + 1))
        state=$(ps_state "$ep")
        case "$op" in
        IPC_SENDREC) want="(SENDING +SENDREC to|RECEIVING +reply from) [^ ]*\\($w\\)" ;;
        IPC_RECEIVE) want="RECEIVING +RECEIVE from ([^ ]*\\($w\\)|ANY)" ;;
        *) want="SENDING +${op#IPC_} to [^ ]*\\($w\\)" ;;
        esac
        echo "$state" | grep -Eq "^$want" || bad="$bad; ep $ep: trace says $op on $w, lantern-ps '$state'"
    done < <(sqlite3 "$dir/trace.db" "SELECT s.ep, o.name, s.waits_for FROM block_span s
                                      JOIN ipc_op o ON o.id = s.op WHERE s.t_unblock IS NULL")
    nblocked=$(grep -cE ' (SENDING|RECEIVING) ' "$dir/ps.txt")
    if [ "$nspans" -lt 2 ]; then
        r_not_ok gdb-ps-waits "the trace shows only $nspans blocked processes"
    elif [ -n "$bad" ]; then
        r_not_ok gdb-ps-waits "${bad#; }"
    elif [ "$nblocked" -ne "$nspans" ]; then
        r_not_ok gdb-ps-waits "lantern-ps shows $nblocked blocked, the trace $nspans"
    else
        r_ok gdb-ps-waits
        return
    fi
    failed=1
}
