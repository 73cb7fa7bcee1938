/* path.c: paths from the caller, and their lookup.
 *
 * A path arrives as a grant over the caller's string plus its address.
 * VFS cannot know the string's length without reading it, and a copy that
 * runs past the caller's last mapped page would fail as a whole, so it
 * copies one page-bounded piece at a time until it finds the NUL:
 * a bad pointer gives EFAULT, a string with no NUL in VFS_PATH_MAX bytes
 * ENAMETOOLONG.
 *
 * Lookup walks component by component with FS_LOOKUP from the root ("/...")
 * or the caller's working directory; "." and ".." are ordinary entries on
 * disk (the root's ".." is the root).  A component longer than
 * VFS_NAME_MAX is ENAMETOOLONG; a non-directory in the middle ENOTDIR;
 * an empty path ENOENT.
 */
#include <string.h>
#include <safecopies.h>
#include "vfs.h"

#define PAGE 4096u

int path_copy(endpoint_t who, int32_t grant, uint32_t addr, char *buf)
{
    uint32_t off = 0;

    while (off < VFS_PATH_MAX) {
        uint32_t n = PAGE - (addr + off) % PAGE;
        if (n > VFS_PATH_MAX - off)
            n = VFS_PATH_MAX - off;
        if (sys_safecopyfrom(who, grant, off, (vir_bytes)buf + off, n) != OK)
            return EFAULT;
        if (memchr(buf + off, 0, n))
            return buf[0] ? OK : ENOENT;
        off += n;
    }
    return ENAMETOOLONG;
}

/* The next component of *p into name; *p moves past it and its slashes. */
static int next_component(const char **p, char *name)
{
    const char *s = *p;
    size_t len = 0;

    while (s[len] && s[len] != '/')
        len++;
    if (len > VFS_NAME_MAX)
        return ENAMETOOLONG;
    memcpy(name, s, len);
    name[len] = 0;
    s += len;
    while (*s == '/')
        s++;
    *p = s;
    return OK;
}

int path_parent(struct fproc *fp, const char *path, uint32_t *dir, char *name, int *trailing)
{
    const char *p = path;
    size_t len = strlen(path);
    int r;

    *dir = path[0] == '/' ? ROOT_INO : fp->cwd->ino;
    *trailing = len > 1 && path[len - 1] == '/';
    while (*p == '/')
        p++;
    name[0] = 0;
    while (*p) {
        struct fs_node node;
        if ((r = next_component(&p, name)) != OK)
            return r;
        if (!*p)
            return OK;              /* name is the last component */
        if ((r = fs_lookup(*dir, name, &node)) != OK)
            return r;
        if ((node.mode & 0170000) != 0040000)
            return ENOTDIR;
        *dir = node.ino;
    }
    return OK;
}

int path_node(struct fproc *fp, const char *path, struct fs_node *node)
{
    char name[VFS_NAME_MAX + 1];
    uint32_t dir;
    int trailing, r = path_parent(fp, path, &dir, name, &trailing);

    if (r != OK)
        return r;
    if (!name[0])
        name[0] = '.', name[1] = 0;    /* "/" itself */
    if ((r = fs_lookup(dir, name, node)) != OK)
        return r;
    if (trailing && (node->mode & 0170000) != 0040000)
        return ENOTDIR;
    return OK;
}

/* out = the lexically normalized absolute path of `path` seen from cwd
 * (for getcwd; there are no symbolic links, so this is exact until a
 * directory above is renamed). */
void path_join(char *out, const char *cwd, const char *path)
{
    char tmp[2 * VFS_PATH_MAX + 2], name[VFS_NAME_MAX + 1];
    const char *p = tmp;
    size_t o = 0;

    strcpy(tmp, path[0] == '/' ? "" : cwd);
    strcat(tmp, "/");
    strcat(tmp, path);
    out[0] = 0;
    while (*p == '/')
        p++;
    while (*p && next_component(&p, name) == OK) {
        if (!strcmp(name, "..")) {
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0)
                o--;
        } else if (name[0] && strcmp(name, ".") && o + strlen(name) + 2 < VFS_PATH_MAX) {
            out[o++] = '/';
            strcpy(out + o, name);
            o += strlen(name);
        }
        out[o] = 0;
    }
    if (!o)
        strcpy(out, "/");
}
