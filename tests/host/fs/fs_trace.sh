#!/bin/sh
# fs_trace.sh: follow one read() through the system in a recorded trace
# (suite fstrace).  A real boot (rs pm ramdisk mfs vfs fs_persist:trace,
# trace=all on the 0xE9 stream) where fs_persist opens /data/hello.txt and
# reads it once, its data block not yet cached.  In the database:
#   the program's VFS_READ call; VFS's FS_READ to MFS inside it; MFS's
#   BDEV_READ to the RAM disk inside that; the driver's SAFECOPY_TO into
#   MFS's grant (a call>grant flow edge of the BDEV_READ call, and the
#   create>use edge from MFS's grant); MFS's SAFECOPY_TO through VFS's
#   indirect grant straight into the program's buffer (call>grant of the
#   FS_READ call; the grant's chain ends at fs_persist); and the three
#   replies, innermost first, each linked recv>reply and reply>done.
# Then the canned queries io_by_file and slowest_io on the same database.
. tests/host/results.sh
T=${1:-build/tracer/lantern-trace}; B=${B:-build}; K=$B/kernel/lantern.elf; P=$B/prog
r_plan fstrace 9
if [ ! -x "$T" ] || ! command -v sqlite3 >/dev/null; then
  r_not_ok setup "no $T or no sqlite3 (make deps; make)"; exit 1
fi
D=$(mktemp -d)
R_CLEANUP='[ $R_FAILED -eq 0 ] || sed "s/^/#   record: /" $D/record.log | tail -8; rm -rf $D'
INITRD="$P/rs.elf rs,$P/pm.elf pm,$P/ramdisk.elf ramdisk,$P/mfs.elf mfs ramdisk 0,$P/vfs.elf vfs"
INITRD="$INITRD,$P/fs_persist.elf fs_persist trace,$B/fs/ramdisk.img"
timeout 60 qemu-system-i386 -machine pc -accel tcg -m 128 -no-reboot \
    -display none -serial file:$D/com1 -debugcon file:$D/e9 \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
    -kernel $K -initrd "$INITRD" -append "trace=all tracestream=1 tracesize=4096" \
    > $D/record.log 2>&1
if $T ingest -q -o $D/t.db $D/e9 >> $D/record.log 2>&1; then r_ok setup
else r_not_ok setup "ingest of the 0xE9 stream failed"; fi
q() { sqlite3 $D/t.db "$1" 2>&1; }
lbl() { echo "(SELECT ep FROM endpoint WHERE label = '$1')"; }
# the three calls, each inside the one before (sent between its recv and reply)
A=$(q "SELECT call_id FROM ipc_call WHERE m_type = 3586 AND caller = $(lbl fs_persist)
  AND callee = $(lbl vfs) AND status = 0 ORDER BY call_id LIMIT 1")
Bc=$(q "SELECT b.call_id FROM ipc_call b, ipc_call a WHERE a.call_id = ${A:-0}
  AND b.m_type = 3655 AND b.caller = $(lbl vfs) AND b.callee = $(lbl mfs) AND b.status = 0
  AND b.t_send BETWEEN a.t_recv AND a.t_reply LIMIT 1")
C=$(q "SELECT c.call_id FROM ipc_call c, ipc_call b WHERE b.call_id = ${Bc:-0}
  AND c.m_type = 3842 AND c.caller = $(lbl mfs) AND c.callee = $(lbl ramdisk) AND c.status >= 0
  AND c.t_send BETWEEN b.t_recv AND b.t_reply LIMIT 1")
if [ -n "$A" ] && [ -n "$Bc" ] && [ -n "$C" ]; then r_ok nested_calls
else r_not_ok nested_calls "VFS_READ '$A', FS_READ '$Bc', BDEV_READ '$C'"; fi
chk() { # name sql (must print a number >= 1)
  v=$(q "$2")
  if [ "${v:-0}" -ge 1 ] 2>/dev/null; then r_ok "$1"; else r_not_ok "$1" "got '$v'"; fi; }
# the driver copies the block into MFS's grant, inside the BDEV_READ call
chk driver_safecopy "SELECT count(*) FROM event s JOIN flow f ON f.ev_to = s.id
  JOIN flow g ON g.ev_to = s.id WHERE s.type = 36 AND s.call_id = ${C:-0} AND s.status = 0
  AND f.kind = 'call>grant' AND g.kind = 'create>use' AND s.ep = $(lbl ramdisk)"
# MFS copies into the program's buffer through VFS's indirect grant, inside FS_READ
chk mfs_safecopy_to_user "SELECT count(*) FROM event s JOIN flow f ON f.ev_to = s.id
  JOIN grant_life g ON g.ev_create = (SELECT ev_from FROM flow WHERE ev_to = s.id
   AND kind = 'create>use') WHERE s.type = 36 AND s.call_id = ${Bc:-0} AND s.status = 0
  AND f.kind = 'call>grant' AND s.ep = $(lbl mfs) AND g.granter = $(lbl vfs)"
chk indirect_from_program "SELECT count(*) FROM event WHERE type = 33 AND call_id = ${Bc:-0}
  AND ep = $(lbl mfs) AND peer = $(lbl fs_persist)"
# replies innermost first, each one's flow complete
chk replies_in_order "SELECT count(*) FROM ipc_call a, ipc_call b, ipc_call c
  WHERE a.call_id = ${A:-0} AND b.call_id = ${Bc:-0} AND c.call_id = ${C:-0}
  AND c.t_reply < b.t_reply AND b.t_reply < a.t_reply"
chk reply_flows "SELECT CASE WHEN count(*) = 6 THEN 1 ELSE 0 END FROM flow
  WHERE call_id IN (${A:-0}, ${Bc:-0}, ${C:-0}) AND kind IN ('recv>reply', 'reply>done')"
$T query --csv $D/t.db io_by_file > $D/io.csv 2>>$D/record.log
if awk -F, 'NR > 1 && $3 >= 1 && $8 >= 1 { ok = 1 } END { exit !ok }' $D/io.csv; then
  r_ok query_io_by_file
else r_not_ok query_io_by_file "no inode with a read and a block request: $(tr '\n' ';' < $D/io.csv)"; fi
$T query --csv $D/t.db slowest_io 50 > $D/slow.csv 2>>$D/record.log
if grep -q 'FS_READ' $D/slow.csv && grep -q 'BDEV_READ' $D/slow.csv && grep -q 'VFS_READ' $D/slow.csv
then r_ok query_slowest_io
else r_not_ok query_slowest_io "VFS_READ, FS_READ or BDEV_READ missing"; fi
