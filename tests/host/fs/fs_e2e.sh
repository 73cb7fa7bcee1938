#!/bin/sh
# fs_e2e.sh: the file system on the ATA disk across boots (suite fsdisk).
#
#   1. a fresh image (image/mkfs) is booted with fs_persist:write: files
#      are written and synced, and the machine powers off;
#   2. fsck checks the disk as that boot left it (the harness's -k keeps
#      each run's copy of its disk= image: build/test-logs/<run>.disk);
#   3. the same disk is booted again with fs_persist:read: the data is there;
#   4. the whole fs suite runs on a fresh ATA image (fs_test:ata:fsdisk), and
#      fsck on the disk it leaves must find nothing.
# Guest results come framed through the harness (lantern-test, with its own
# suites file); this script adds the fsck results.
. tests/host/results.sh
B=${B:-build}; LT=$B/tests/harness/lantern-test
r_plan fsdisk 3
D=$(mktemp -d)
R_CLEANUP='rm -rf $D'
cat > $D/suites.txt <<EOS
fsdisk/write  disk=fs/persist.img timeout=120   -- rs vm pm ata mfs:ata:0 vfs fs_persist:write
fsdisk/read   disk=fs/persist-2.img timeout=120 -- rs vm pm ata mfs:ata:0 vfs fs_persist:read
fsdisk/suite  disk=fs/ata.img timeout=300       -- rs vm pm ata mfs:ata:0 vfs fs_test:ata:fsdisk
EOS
run() { # the harness's result lines of one run
  "$LT" -B "$B" ${LANTERN_QEMU:+-q "$LANTERN_QEMU"} -k -f $D/suites.txt -s "$1" 2>&1 |
    grep -E '^(not )?ok - |^#'; }
clean() { # name image
  if [ ! -f "$2" ]; then r_not_ok "$1" "no disk image $2"
  elif $B/tools/fsck "$2" > $D/fsck.out 2>&1; then r_ok "$1"
  else r_not_ok "$1" "$(tr '\n' ';' < $D/fsck.out | cut -c1-300)"; fi; }
$B/tools/mkfs -b 8064 -i 1024 $B/fs/persist.img $B/fs/root || exit 1
run fsdisk/write
clean fsck_after_write $B/test-logs/fsdisk-write.disk
cp $B/test-logs/fsdisk-write.disk $B/fs/persist-2.img 2>/dev/null
run fsdisk/read
run fsdisk/suite
clean fsck_after_suite $B/test-logs/fsdisk-suite.disk
# the super block says clean: the suite's last call was sync()
state=$(od -An -tu4 -j $((1024 + 36)) -N4 $B/test-logs/fsdisk-suite.disk 2>/dev/null | tr -d ' ')
if [ "$state" = 1 ]; then r_ok super_clean_after_sync
else r_not_ok super_clean_after_sync "super block state '$state', want 1 (MFS_STATE_CLEAN)"; fi
