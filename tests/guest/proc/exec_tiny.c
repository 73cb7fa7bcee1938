/* exec_tiny: the smallest program suite proc execs (the 1,000-exec stress,
 * fork_exec_wait_us): it exits with 7, or with argv[1][0] - '0'.  Linked at
 * its own window (image/linkmap.txt), installed as /bin/exec_tiny in
 * build/fs/exec.img. */
int main(int argc, char **argv)
{
    return argc > 1 ? argv[1][0] - '0' : 7;
}
