/* dt_badinput.c: requests the driver must refuse with the error
 * lantern/blockdev.h documents, moving nothing and staying up. */
#include <string.h>
#include "dt.h"

static uint8_t buf[4096] __attribute__((aligned(4096)));
static struct bdev_iovec iov[BDEV_IOV_MAX + 1];

static int rq_grant(struct dt_dev *d, int type, int minor, uint64_t pos, uint32_t count,
                    void *mem, uint32_t bytes, uint32_t access)
{
    cp_grant_id_t g = cpf_grant_direct(d->ep, (vir_bytes)mem, bytes, access);
    int r = bdev_req(d, type, minor, g, pos, count, 0);
    cpf_revoke(g);
    return r;
}

static void expect(struct dt_dev *d, const char *what, int got, int want)
{
    LT_CHECK(DT_SUITE, dt_name(d, what), got == want, "got %d want %d", got, want);
}

static void t_alignment(struct dt_dev *d)
{
    expect(d, "unaligned_pos", rq_grant(d, BDEV_READ, d->minor, 100, 512, buf, 512, CPF_WRITE),
           EINVAL);
    expect(d, "unaligned_count", rq_grant(d, BDEV_READ, d->minor, 0, 700, buf, 700, CPF_WRITE),
           EINVAL);
}

static void t_iovecs(struct dt_dev *d)
{
    cp_grant_id_t bg = cpf_grant_direct(d->ep, (vir_bytes)buf, sizeof(buf), CPF_WRITE);
    for (int i = 0; i <= BDEV_IOV_MAX; i++)
        iov[i] = (struct bdev_iovec){ bg, 512 };
    int zero = rq_grant(d, BDEV_GATHER, d->minor, 0, 0, iov, sizeof(iov), CPF_READ);
    int many = rq_grant(d, BDEV_GATHER, d->minor, 0, BDEV_IOV_MAX + 1, iov, sizeof(iov), CPF_READ);
    iov[1].size = 100;
    int odd = rq_grant(d, BDEV_GATHER, d->minor, 0, 2, iov, sizeof(iov), CPF_READ);
    int nogrant = bdev_req(d, BDEV_GATHER, d->minor, 4000, 0, 2, 0);
    cpf_revoke(bg);
    LT_CHECK(DT_SUITE, dt_name(d, "iovec_count"), zero == EINVAL && many == EINVAL,
             "0 elements %d, 65 elements %d (want EINVAL)", zero, many);
    expect(d, "iovec_size", odd, EINVAL);
    LT_CHECK(DT_SUITE, dt_name(d, "iovec_bad_grant"), nogrant < 0, "got %d", nogrant);
}

static void t_other(struct dt_dev *d)
{
    expect(d, "bad_minor", rq_grant(d, BDEV_READ, 7, 0, 512, buf, 512, CPF_WRITE), ENXIO);
    int a0 = bdev_req(d, BDEV_OPEN, d->minor, 0, 0, 0, 0);
    int a4 = bdev_req(d, BDEV_OPEN, d->minor, 0, 0, 0, 4);
    LT_CHECK(DT_SUITE, dt_name(d, "open_bad_access"), a0 == EINVAL && a4 == EINVAL,
             "access 0: %d, access 4: %d (want EINVAL)", a0, a4);
    expect(d, "unknown_type", bdev_req(d, BDEV_RQ_BASE + 0x0e, d->minor, 0, 0, 0, 0),
           EBADREQUEST);
    /* a request dressed as a notification still gets its answer */
    expect(d, "notify_typed_request", bdev_req(d, NOTIFY_MESSAGE, d->minor, 0, 0, 0, 0),
           EBADREQUEST);
    /* request 0 is no BIOC_* */
    expect(d, "unknown_ioctl", rq_grant(d, BDEV_IOCTL, d->minor, 0, 0, buf, sizeof(buf),
                                        CPF_WRITE), ENOTTY);
}

void dt_badinput(struct dt_dev *d)
{
    t_alignment(d);
    t_iovecs(d);
    t_other(d);
}
