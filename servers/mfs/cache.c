/* cache.c: MFS's block cache.
 *
 * NR_BUFS buffers of one block, found by a hash on the block number and
 * kept on one LRU list (head = least recently used).  Write-back: a block
 * put back dirty stays in the cache until it is evicted, or until
 * cache_sync (FS_SYNC, a VFS sync/fsync) writes it.  A buffer with refs > 0
 * is in use by the current request and is never evicted; a request holds
 * at most a handful, so eviction always finds a victim.
 *
 * The cache is large enough (1.25 MiB) that the benchmarks' 1 MiB file
 * stays cached between the cold and the cached read.
 */
#include <string.h>
#include "mfs.h"

#define NR_BUFS   1280
#define NR_HASH   512

static uint8_t pool[NR_BUFS][MFS_BLOCK];
static struct buf bufs[NR_BUFS];
static struct buf *hash[NR_HASH];
static struct buf *lru_head, *lru_tail;
uint32_t cache_hits, cache_misses;

static void lru_unlink(struct buf *b)
{
    if (b->prev) b->prev->next = b->next; else lru_head = b->next;
    if (b->next) b->next->prev = b->prev; else lru_tail = b->prev;
    b->prev = b->next = NULL;
}

static void lru_append(struct buf *b)
{
    b->prev = lru_tail;
    b->next = NULL;
    if (lru_tail) lru_tail->next = b; else lru_head = b;
    lru_tail = b;
}

static void hash_remove(struct buf *b)
{
    struct buf **p = &hash[b->blk % NR_HASH];
    while (*p && *p != b)
        p = &(*p)->hnext;
    if (*p)
        *p = b->hnext;
    b->hnext = NULL;
}

void cache_init(void)
{
    for (int i = 0; i < NR_BUFS; i++) {
        bufs[i].data = pool[i];
        lru_append(&bufs[i]);
    }
}

static struct buf *find(uint32_t blk)
{
    struct buf *b = hash[blk % NR_HASH];
    while (b && !(b->valid && b->blk == blk))
        b = b->hnext;
    return b;
}

static int write_out(struct buf *b)
{
    int r = drv_transfer(1, b->blk, b->data, 1);
    if (r == OK)
        b->dirty = 0;
    return r;
}

/* The least recently used buffer nobody holds, written out if dirty. */
static struct buf *victim(int *err)
{
    for (struct buf *b = lru_head; b; b = b->next) {
        if (b->refs)
            continue;
        if (b->dirty && (*err = write_out(b)) != OK)
            return NULL;
        if (b->valid)
            hash_remove(b);
        b->valid = 0;
        return b;
    }
    *err = ENOMEM;
    return NULL;
}

struct buf *get_block(uint32_t blk, int read, int *err)
{
    struct buf *b = find(blk);

    if (b) {
        cache_hits++;
    } else {
        cache_misses++;
        if (!(b = victim(err)))
            return NULL;
        if (read && (*err = drv_transfer(0, blk, b->data, 1)) != OK)
            return NULL;
        if (!read)
            memset(b->data, 0, MFS_BLOCK);
        b->blk = blk;
        b->valid = 1;
        b->hnext = hash[blk % NR_HASH];
        hash[blk % NR_HASH] = b;
    }
    b->refs++;
    lru_unlink(b);
    lru_append(b);
    return b;
}

struct buf *get_zero_block(uint32_t blk, int *err)
{
    struct buf *b = get_block(blk, 0, err);

    /* a cached block keeps its old contents: a new block must be cleared */
    if (b)
        memset(b->data, 0, MFS_BLOCK);
    return b;
}

void put_block(struct buf *b, int dirty)
{
    if (!b)
        return;
    if (dirty)
        b->dirty = 1;
    b->refs--;
}

int cache_sync(void)
{
    int r = OK;
    for (int i = 0; i < NR_BUFS; i++)
        if (bufs[i].valid && bufs[i].dirty && write_out(&bufs[i]) != OK)
            r = EIO;
    return r;
}

int cache_flush_clean(void)
{
    int r = cache_sync();
    for (int i = 0; i < NR_BUFS; i++)
        if (bufs[i].valid && !bufs[i].refs && !bufs[i].dirty) {
            hash_remove(&bufs[i]);
            bufs[i].valid = 0;
        }
    return r;
}
