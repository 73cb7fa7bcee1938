/* frames.c: the pool of user frames VM owns, with a reference count each.
 *
 * SYS_VMPOOL gave VM the physical frames [pool_first, pool_end).  A frame's
 * count is how many page-table entries map it (one per process sharing it
 * copy-on-write); 0 means free.  Allocation is next-fit over the counts, so
 * there is no list to keep consistent with them: the counts are the only
 * state.  16 bits a frame: 256 MiB of pool is 128 KiB of counts, in VM's
 * .bss, mapped before VM runs (VM itself never page-faults). */
#include "vm.h"

#define MAX_FRAMES 65536u            /* 256 MiB, the kernel's identity map */

static uint16_t refs[MAX_FRAMES];
static uint32_t pool_first, nframes, nfree, next;

void frames_init(uint32_t first, uint32_t end)
{
    pool_first = first / 4096;
    nframes = (end - first) / 4096;
    if (nframes > MAX_FRAMES)
        nframes = MAX_FRAMES;
    nfree = nframes;
}

int frame_in_pool(uint32_t frame)
{
    uint32_t i = frame / 4096;
    return frame && !(frame & 4095) && i >= pool_first && i - pool_first < nframes;
}

uint32_t frame_index(uint32_t frame) { return frame / 4096 - pool_first; }
uint32_t frame_at(uint32_t i) { return (pool_first + i) * 4096; }

uint32_t frame_alloc(void)
{
    for (uint32_t n = 0; n < nframes; n++) {
        uint32_t i = next++;
        if (next == nframes)
            next = 0;
        if (refs[i] == 0) {
            refs[i] = 1;
            nfree--;
            return (pool_first + i) * 4096;
        }
    }
    return 0;
}

void frame_ref(uint32_t frame)
{
    uint32_t i = frame_index(frame);
    if (!frame_in_pool(frame) || refs[i] == 0 || refs[i] == 0xffff)
        sys_panic("vm: frame_ref of a free or saturated frame");
    refs[i]++;
}

void frame_unref(uint32_t frame)
{
    uint32_t i = frame_index(frame);
    if (frame == 0)
        return;
    if (!frame_in_pool(frame) || refs[i] == 0)
        sys_panic("vm: frame_unref of a frame that is not in use");
    if (--refs[i] == 0)
        nfree++;
}

uint32_t frame_count(uint32_t frame)
{
    return frame_in_pool(frame) ? refs[frame_index(frame)] : 0;
}

uint32_t frames_total(void) { return nframes; }
uint32_t frames_free(void) { return nfree; }
