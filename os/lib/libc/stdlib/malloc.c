/* malloc.c: a first-fit allocator over a fixed arena.
 *
 * The arena is ARENA_SIZE bytes of .bss (1 MiB; README.md says why).  It is
 * always tiled by blocks, each starting with an 8-byte header:
 *
 *      [ size | magic ][ payload ... ][ size | magic ][ payload ... ] ...
 *
 * size counts the whole block (header included) and is a multiple of 8, so
 * every payload is 8-byte aligned.  magic says whether a block is in use.
 * Free blocks are also on a singly linked list in ADDRESS order; the link is
 * kept in the first word of their payload.
 *
 * Invariants (checked by _malloc_check):
 *   - the blocks exactly cover the arena;
 *   - every block is MAGIC_USED or MAGIC_FREE, and the free list holds
 *     exactly the MAGIC_FREE blocks, in increasing address order;
 *   - no two free blocks are adjacent (free() coalesces both ways).
 *
 * malloc takes the first free block big enough and splits off its tail when
 * the rest is still a useful block.  free() and realloc() check the header
 * of the pointer they get: a pointer outside the arena, misaligned, or
 * whose block is not in use (double free) is fatal: _libc_fatal() aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include "../internal.h"

#define ARENA_SIZE   (1024 * 1024)
#define ALIGN        8
#define MAGIC_USED   0x55534544u        /* "USED" */
#define MAGIC_FREE   0x46524545u        /* "FREE" */

struct header {
    uint32_t size;      /* whole block, header included, multiple of ALIGN */
    uint32_t magic;
};

struct free_block {
    struct header h;
    struct free_block *next;            /* next free block, higher address */
};

#define HDR        ((uint32_t)sizeof(struct header))
/* Smallest block: room for the header and the free-list link. */
#define MIN_BLOCK  ((uint32_t)((sizeof(struct free_block) + ALIGN - 1) & \
                               ~(size_t)(ALIGN - 1)))

static unsigned char arena[ARENA_SIZE] __attribute__((aligned(ALIGN)));
static struct free_block *free_list;
static int initialized;

static void init(void)
{
    free_list = (struct free_block *)arena;
    free_list->h.size = ARENA_SIZE;
    free_list->h.magic = MAGIC_FREE;
    free_list->next = NULL;
    initialized = 1;
}

/* Block size needed for n payload bytes, or 0 if that cannot fit. */
static uint32_t block_size(size_t n)
{
    size_t need;

    if (n > ARENA_SIZE)
        return 0;
    need = (n + HDR + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    return need < MIN_BLOCK ? MIN_BLOCK : (uint32_t)need;
}

static struct header *header_of(void *p)
{
    return (struct header *)((unsigned char *)p - HDR);
}

/* The header of an allocated pointer, or a fatal error if p is not one. */
static struct header *checked_header(void *p, const char *who)
{
    unsigned char *b = p;
    struct header *h;

    if (!initialized || b < arena + HDR || b >= arena + ARENA_SIZE ||
        ((uintptr_t)b & (ALIGN - 1)) != 0)
        _libc_fatal(who);
    h = header_of(p);
    if (h->magic != MAGIC_USED || h->size < MIN_BLOCK ||
        h->size > (uint32_t)(arena + ARENA_SIZE - (unsigned char *)h))
        _libc_fatal(who);
    return h;
}

void *malloc(size_t n)
{
    uint32_t need = block_size(n);
    struct free_block **link;

    if (!initialized)
        init();
    if (need == 0) {
        errno = ENOMEM;
        return NULL;
    }
    for (link = &free_list; *link != NULL; link = &(*link)->next) {
        struct free_block *b = *link;
        struct header *h;

        if (b->h.size < need)
            continue;
        if (b->h.size - need >= MIN_BLOCK) {
            /* Split: the front stays free (list unchanged), we take the tail. */
            b->h.size -= need;
            h = (struct header *)((unsigned char *)b + b->h.size);
            h->size = need;
        } else {
            *link = b->next;            /* use the whole block */
            h = &b->h;
        }
        h->magic = MAGIC_USED;
        return (unsigned char *)h + HDR;
    }
    errno = ENOMEM;
    return NULL;
}

/* Merge b with the block right after it if that one is free and listed
 * next; b must be on the free list. */
static void merge_next(struct free_block *b)
{
    struct free_block *n = b->next;

    if (n != NULL && (unsigned char *)b + b->h.size == (unsigned char *)n) {
        b->h.size += n->h.size;
        b->next = n->next;
        n->h.magic = MAGIC_FREE;        /* stale header stays "not in use" */
    }
}

void free(void *p)
{
    struct free_block *b, *prev = NULL, *cur;

    if (p == NULL)
        return;
    b = (struct free_block *)checked_header(p, "free: bad pointer or double free");
    b->h.magic = MAGIC_FREE;

    /* Insert in address order, then coalesce with both neighbours. */
    for (cur = free_list; cur != NULL && cur < b; cur = cur->next)
        prev = cur;
    b->next = cur;
    if (prev == NULL)
        free_list = b;
    else
        prev->next = b;
    merge_next(b);
    if (prev != NULL)
        merge_next(prev);
}

void *calloc(size_t count, size_t size)
{
    void *p;

    if (size != 0 && count > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    p = malloc(count * size);
    if (p != NULL)
        memset(p, 0, count * size);
    return p;
}

/* Try to grow the block h in place to `need` bytes by taking (part of) the
 * free block that follows it.  Returns 1 on success. */
static int grow_in_place(struct header *h, uint32_t need)
{
    unsigned char *end = (unsigned char *)h + h->size;
    struct free_block **link;

    for (link = &free_list; *link != NULL; link = &(*link)->next) {
        struct free_block *n = *link;
        uint32_t total, rest;

        if ((unsigned char *)n < end)
            continue;
        if ((unsigned char *)n != end)
            return 0;                   /* the next block is in use */
        total = h->size + n->h.size;
        if (total < need)
            return 0;
        rest = total - need;
        if (rest >= MIN_BLOCK) {        /* keep the remainder free */
            struct free_block *r =
                (struct free_block *)((unsigned char *)h + need);
            r->h.size = rest;
            r->h.magic = MAGIC_FREE;
            r->next = n->next;
            *link = r;
            h->size = need;
        } else {
            *link = n->next;
            h->size = total;
        }
        n->h.magic = MAGIC_FREE;
        return 1;
    }
    return 0;
}

void *realloc(void *p, size_t n)
{
    struct header *h;
    uint32_t need;
    void *q;

    if (p == NULL)
        return malloc(n);
    if (n == 0) {
        free(p);
        return NULL;
    }
    h = checked_header(p, "realloc: bad pointer");
    need = block_size(n);
    if (need == 0) {
        errno = ENOMEM;
        return NULL;
    }
    if (need <= h->size)                /* already big enough: keep it */
        return p;
    if (grow_in_place(h, need))
        return p;
    q = malloc(n);
    if (q == NULL)
        return NULL;                    /* p is left untouched */
    memcpy(q, p, h->size - HDR);
    free(p);
    return q;
}

int _malloc_check(size_t *free_bytes)
{
    unsigned char *p = arena;
    struct free_block *next_free;
    size_t nfree = 0;
    int prev_free = 0;

    if (!initialized)
        init();
    next_free = free_list;
    while (p < arena + ARENA_SIZE) {
        struct header *h = (struct header *)p;

        if (h->size < MIN_BLOCK || h->size % ALIGN != 0 ||
            h->size > (size_t)(arena + ARENA_SIZE - p))
            return -1;
        if (h->magic == MAGIC_FREE) {
            if ((unsigned char *)next_free != p || prev_free)
                return -1;              /* unlisted, out of order, unmerged */
            next_free = next_free->next;
            nfree += h->size;
            prev_free = 1;
        } else if (h->magic == MAGIC_USED) {
            prev_free = 0;
        } else {
            return -1;
        }
        p += h->size;
    }
    if (next_free != NULL)
        return -1;                      /* list holds a block not in arena */
    if (free_bytes != NULL)
        *free_bytes = nfree;
    return 0;
}
