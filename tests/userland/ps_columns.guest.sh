# Lantern only (the host's ps prints other columns): ps's header, VFS's
# row (a boot service waiting for requests from anyone), and the IPC partners of blocked processes: this shell waits for
# ps (a SENDREC to PM: receiving from pm), and so does ps while PM builds
# the list.
ps > out
head -n 1 out
grep -c ' recv     any        vfs$' out
grep -c ' recv     pm         sh$' out
grep -c ' recv     pm         ps$' out
