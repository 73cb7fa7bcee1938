/* devio.h: the device kernel calls: I/O ports, IRQ lines, data boot modules.
 *
 * Who may call: a process whose RS table line lists the call (else
 * ECALLDENIED, before anything is looked at); then every port and IRQ line
 * must lie inside the caller's priv io[] / irq[] ranges (lantern/priv.h),
 * else EPERM.  RS's table (servers/rs/table.c) gives ports 0x1f0-0x1f7 and
 * 0x3f6 and IRQ 14 to the ATA driver and nobody else; the drivers suite's
 * test gets the POST port 0x80 and IRQ 5 only, to check the edges.
 * SYS_BOOTMOD is the RAM disk's alone.
 *
 * Bad input: an unknown request, width or operation, a count that is not a
 * multiple of the width or above SDEVIO_MAX, an IRQ line >= 16: EINVAL; a
 * bad buffer: EFAULT; IRQ lines the kernel keeps (0 timer, 2 cascade, 7 and
 * 15 spurious) or that another process holds: EBUSY.
 */
#ifndef LANTERN_DEVIO_H
#define LANTERN_DEVIO_H

#include <lantern/types.h>

/* SYS_DEVIO: m1.i1 = direction | width, m1.i2 = port, m1.i3 = value to
 * write; reply m1.i3 = value read.  The whole access [port, port + width)
 * must be inside one io[] range. */
#define DIO_IN          0x0
#define DIO_OUT         0x1
#define DIO_DIR_MASK    0x1
#define DIO_BYTE        0x0
#define DIO_WORD        0x2
#define DIO_LONG        0x4
#define DIO_WIDTH_MASK  0x6

/* SYS_SDEVIO: m1.i1 = direction | width, m1.i2 = port, m1.p1 = buffer in
 * the caller, m1.i4 = bytes (a multiple of the width, at most SDEVIO_MAX).
 * `rep insw` / `rep outsw` for PIO sector transfers: one call per sector
 * (or per block of sectors) instead of 256 SYS_DEVIO calls. */
#define SDEVIO_MAX      65536u

/* SYS_IRQCTL: m1.i1 = request, m1.i2 = IRQ line (0-15).
 * SETPOLICY makes the caller the line's holder (line unmasked); when the
 * line fires the kernel masks it, sets the line's bit in the holder's
 * pending IRQs and sends it a NOTIFY from HARDWARE whose
 * m_u.notify.pending_lo carries the bits (and clears them).  The holder
 * unmasks it again with ENABLE once it has served the device.  DISABLE
 * masks it, RMPOLICY gives the line up (also done when the holder exits).
 * ENABLE, DISABLE and RMPOLICY by a process that does not hold the line:
 * EPERM.  A line already held by another process: EBUSY. */
#define IRQCTL_SETPOLICY 1
#define IRQCTL_ENABLE    2
#define IRQCTL_DISABLE   3
#define IRQCTL_RMPOLICY  4

/* SYS_BOOTMOD: the data boot modules (modules that are not ELF programs:
 * the kernel does not run them), numbered 0, 1, ... in boot order.
 * m1.i1 = request, m1.i2 = index, m1.i3 = byte offset, m1.i4 = bytes,
 * m1.p1 = buffer in the caller.
 *   INFO   reply m1.i3 = size in bytes, m_str[BMOD_NAME_OFF..+15] = name
 *   READ   copy [offset, offset + bytes) of the module to the buffer
 *   WRITE  copy the buffer into the module: the module's memory is the RAM
 *          disk's store, kept by the kernel, so it outlives any restart of
 *          the driver
 * ENXIO for an index past the last data module; EINVAL for a range that
 * does not lie inside the module or bytes > SDEVIO_MAX. */
#define BMOD_INFO        1
#define BMOD_READ        2
#define BMOD_WRITE       3
#define BMOD_NAME_OFF    32

#endif
