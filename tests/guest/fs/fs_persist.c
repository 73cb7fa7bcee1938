/* fs_persist: boots of the file system that a host script strings
 * together (tests/host/fs/fs_e2e.sh), and the corrupt-image run.
 *
 *   fs_persist:write    write files, sync, power off (no unmount: the
 *                       sync is what must make the data durable)
 *   fs_persist:read     (the next boot, same disk) read them back
 *   fs_persist:corrupt  the image's super block is broken: every call gets
 *                       EIO, MFS refuses it with a message and stays up
 *   fs_persist:trace    one read() of a file whose data is not cached, for
 *                       the tracer's check (tests/host/fs/fs_trace.sh)
 *
 * The script runs the harness (lantern-test -k) on its own suites file, so
 * results are framed as everywhere; -k keeps each run's copy of the disk
 * (build/test-logs/<run>.disk) for the next boot and for fsck.  write and
 * read report under suite fsdisk, corrupt under fs. */
#include <service.h>
#include <sef.h>
#include "ft.h"

#define PERSIST_BYTES (300u * 1024)     /* through the double-indirect zone */

static void persist_write(void)
{
    int r;

    ltest_plan(S, 3);
    T("persist_mkdir", mkdir("/keep", 0755) == 0, "errno %d", errno);
    r = write_pattern("/keep/data", 21, PERSIST_BYTES, 1000);
    T("persist_write", r == OK, "write_pattern: %d", r);
    sync();
    T("persist_sync", check_pattern("/keep/data", 21, PERSIST_BYTES) == OK, "read back");
}

static void persist_read(void)
{
    struct stat st;
    int r;

    ltest_plan(S, 2);
    T("persist_dir_survives", stat("/keep", &st) == 0 && S_ISDIR(st.st_mode), "errno %d",
      errno);
    r = check_pattern("/keep/data", 21, PERSIST_BYTES);
    T("persist_data_survives", r == OK, "check_pattern: %d", r);
}

static void corrupt(void)
{
    endpoint_t mfs, mfs2;
    struct stat st;

    ltest_plan(S, 3);
    T("corrupt_image_eio", err_is(open("/etc/motd", O_RDONLY), EIO), "errno %d", errno);
    T("corrupt_image_eio_again", err_is(stat("/", &st), EIO), "errno %d", errno);
    T("corrupt_image_mfs_up", rs_lookup("mfs", &mfs) == OK && rs_lookup("mfs", &mfs2) == OK &&
      mfs == mfs2, "mfs is gone");
}

static void one_read(void)
{
    char buf[64];
    int fd, n;

    ltest_plan(S, 1);
    fd = open("/data/hello.txt", O_RDONLY);
    n = read(fd, buf, sizeof(buf));
    close(fd);
    T("trace_one_read", n == 19 && !memcmp(buf, "hello, file system\n", 19), "read %d", n);
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";

    sef_startup();
    if (!strcmp(mode, "write") || !strcmp(mode, "read"))
        ft_suite = "fsdisk";
    if (!strcmp(mode, "write"))
        persist_write();
    else if (!strcmp(mode, "read"))
        persist_read();
    else if (!strcmp(mode, "trace"))
        one_read();
    else
        corrupt();
    ltest_finish();
}
