/* do_devio.c: SYS_DEVIO, SYS_SDEVIO and SYS_IRQCTL, the port and IRQ calls.
 *
 * Who may call: processes whose RS table line lists the call (else
 * ECALLDENIED, in system.c); then every port of the access must lie in one
 * range of the caller's priv io[] and the IRQ line in its irq[] (EPERM).
 * Today RS gives the ATA driver 0x1f0-0x1f7, 0x3f6 and IRQ 14, and the
 * drivers suite's test 0x80 and IRQ 5; nobody else holds any.  The request
 * words are lantern/devio.h's.
 *
 * A string transfer goes through a bounce buffer one chunk at a time: the
 * device and the caller's pages are never touched in one instruction, so a
 * bad buffer is an EFAULT before (OUT) or after (IN) the device access, and
 * never a kernel fault. */
#include <lantern/devio.h>
#include "kernel.h"
#include "proc.h"
#include "memory.h"
#include "arch.h"
#include "cpu.h"
#include "system.h"
#include "grant.h"

#define SDEVIO_CHUNK 512u

/* Bytes of the access's width, or 0 for a bad one. */
static uint32_t dio_width(int32_t req)
{
    switch (req & DIO_WIDTH_MASK) {
    case DIO_BYTE: return 1;
    case DIO_WORD: return 2;
    case DIO_LONG: return 4;
    }
    return 0;
}

/* OK if [port, port + width) is one of the caller's io[] ranges. */
static int port_check(struct proc *caller, int32_t req, uint32_t port, uint32_t *width)
{
    if ((req & ~(DIO_DIR_MASK | DIO_WIDTH_MASK)) || !(*width = dio_width(req)) ||
        port > 0xffff || port + *width - 1 > 0xffff)
        return EINVAL;
    struct priv_range r = { port, port + *width - 1 };
    return priv_holds(&caller->p_priv->pi, PRIV_ADD_IO, &r) ? OK : EPERM;
}

static uint32_t port_in(uint16_t port, uint32_t width)
{
    return width == 1 ? inb(port) : width == 2 ? inw(port) : inl(port);
}

static void port_out(uint16_t port, uint32_t width, uint32_t v)
{
    if (width == 1)
        outb(port, (uint8_t)v);
    else if (width == 2)
        outw(port, (uint16_t)v);
    else
        outl(port, v);
}

int do_DEVIO(struct proc *caller, message *m)
{
    uint32_t port = (uint32_t)m->m_u.m1.i2, width;
    int r = port_check(caller, m->m_u.m1.i1, port, &width);

    if (r != OK)
        return r;
    if (m->m_u.m1.i1 & DIO_OUT)
        port_out((uint16_t)port, width, (uint32_t)m->m_u.m1.i3);
    else
        m->m_u.m1.i3 = (int32_t)port_in((uint16_t)port, width);
    return OK;
}

static void string_io(uint16_t port, uint32_t width, void *buf, uint32_t n, int out)
{
    uint32_t count = n / width;
    if (out)
        width == 1 ? outsb(port, buf, count) : width == 2 ? outsw(port, buf, count)
                                                          : outsl(port, buf, count);
    else
        width == 1 ? insb(port, buf, count) : width == 2 ? insw(port, buf, count)
                                                         : insl(port, buf, count);
}

int do_SDEVIO(struct proc *caller, message *m)
{
    static uint8_t bounce[SDEVIO_CHUNK] __attribute__((aligned(4)));  /* one CPU */
    uint32_t port = (uint32_t)m->m_u.m1.i2, bytes = (uint32_t)m->m_u.m1.i4, width;
    vir_bytes buf = m->m_u.m1.p1;
    int out = m->m_u.m1.i1 & DIO_OUT, r = port_check(caller, m->m_u.m1.i1, port, &width);

    if (r != OK)
        return r;
    if (bytes > SDEVIO_MAX || bytes % width)
        return EINVAL;
    /* IN: the whole buffer writable before the device is touched; a page
     * missing or shared copy-on-write (a COW safecopy) is a copy fault,
     * VM resolves it and the call runs again (nothing was read yet) */
    if (!out && !xcopy_range_ok(caller, buf, bytes, 1))
        return EFAULT;
    for (uint32_t done = 0; done < bytes; done += SDEVIO_CHUNK) {
        uint32_t n = bytes - done < SDEVIO_CHUNK ? bytes - done : SDEVIO_CHUNK;
        if (out && vm_copy_in(caller, buf + done, bounce, n) != OK)
            return EFAULT;
        string_io((uint16_t)port, width, bounce, n, out);
        if (!out && vm_copy_out(caller, buf + done, bounce, n) != OK)
            return EFAULT;
    }
    return OK;
}

/* Lines the kernel keeps for itself: the timer, the cascade, and the two
 * the PIC reports spurious interrupts on (trap.c drops those). */
static int kernel_line(uint32_t line)
{
    return line == IRQ_TIMER || line == 2 || line == 7 || line == 15;
}

int do_IRQCTL(struct proc *caller, message *m)
{
    uint32_t line = (uint32_t)m->m_u.m1.i2;
    int32_t req = m->m_u.m1.i1;
    struct priv_range r = { line, line };

    if (line >= NR_IRQ_LINES || req < IRQCTL_SETPOLICY || req > IRQCTL_RMPOLICY)
        return EINVAL;
    if (!priv_holds(&caller->p_priv->pi, PRIV_ADD_IRQ, &r))
        return EPERM;
    if (kernel_line(line))
        return EBUSY;
    if (req == IRQCTL_SETPOLICY)
        return irq_claim(caller, (int)line);
    return irq_holder_ctl(caller, (int)line, req);
}
