/* fuzz_decoder.c: libFuzzer harness for the decoder entry points.
 * The first byte picks the reader (stream or dump); for dumps the input is
 * placed after a valid control page + schema so the fuzzer reaches the
 * record and schema paths, not just the magic check.  The dump is a format
 * v3 ring (4 pages of 4 records: page headers and records) unless bit 4
 * asks for the v2 contiguous layout (16 records). */
#include <stdlib.h>
#include <string.h>
#include "../decode/decoder.h"
#include "../gen/writer.h"

#define NREC      16
#define PAGE_RECS 4

static int on_rec(void *c, uint64_t i, const struct trace_rec *r, const struct tdec_ev *x)
{
    (void)c; (void)i; (void)x;
    return r->type == 0xffff;          /* exercise the stop path */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct tdec_sink sink = { 0 };
    struct tdec d;
    sink.on_rec = on_rec;
    if (size < 1) return 0;
    tdec_init(&d, &sink);
    if (data[0] & 1) {
        tdec_buffer(&d, data + 1, size - 1, TIN_STREAM);
        return 0;
    }
    uint32_t page_recs = data[0] & 16 ? 0 : PAGE_RECS;
    size_t region = tw_region_size(NREC, page_recs), len = region + size;
    uint8_t *img = calloc(1, len);
    struct tw w;
    tw_init(&w, img, NREC, page_recs, TRACE_MODE_OVERWRITE, 0, 1, 0);
    /* dynamic part, page_recs (offset 100, not under ctl_crc) included */
    if (data[0] & 2) memcpy(img + 40, data + 1, size - 1 < 64 ? size - 1 : 64);
    else memcpy(img + TRACE_CTL_SIZE, data + 1, size - 1);            /* ring, and after it */
    if (data[0] & 4) memcpy(img + TRACE_CTL_SIZE, data + 1, size - 1 < 4096 ? size - 1 : 4096);
    if (data[0] & 8) {                 /* valid seqs: the fuzzer drives type, flags, a[] */
        for (uint32_t i = 0; i < NREC; i++) tw_slot(&w, i)->seq = i;
        w.ctl->head = NREC;
    }
    tw_seal(&w);
    tdec_buffer(&d, img, len, TIN_DUMP);
    free(img);
    return 0;
}
