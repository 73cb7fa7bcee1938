/* devio_calls.h (libsys): wrappers of the device kernel calls (the ABI and
 * who may call: <lantern/devio.h>).  All return OK or a negative error. */
#ifndef LIBSYS_DEVIO_CALLS_H
#define LIBSYS_DEVIO_CALLS_H

#include <lantern/devio.h>
#include <sys.h>

int sys_inb(uint32_t port, uint8_t *v);
int sys_inw(uint32_t port, uint16_t *v);
int sys_inl(uint32_t port, uint32_t *v);
int sys_outb(uint32_t port, uint8_t v);
int sys_outw(uint32_t port, uint16_t v);
int sys_outl(uint32_t port, uint32_t v);
/* req = DIO_IN | DIO_OUT with DIO_BYTE / DIO_WORD / DIO_LONG */
int sys_devio(int req, uint32_t port, uint32_t *value);
int sys_sdevio(int req, uint32_t port, void *buf, uint32_t bytes);
int sys_irqctl(int request, int line);
int sys_bootmod_info(int index, uint32_t *size, char name[16]);
int sys_bootmod_read(int index, uint32_t offset, void *buf, uint32_t bytes);
int sys_bootmod_write(int index, uint32_t offset, const void *buf, uint32_t bytes);

#endif
