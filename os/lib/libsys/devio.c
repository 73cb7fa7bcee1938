/* devio.c: device kernel-call wrappers (devio_calls.h). */
#include <string.h>
#include <devio_calls.h>

int sys_devio(int req, uint32_t port, uint32_t *value)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i1 = req;
    m.m_u.m1.i2 = (int32_t)port;
    m.m_u.m1.i3 = (int32_t)*value;
    int r = kernel_call(SYS_DEVIO, &m);
    if (r == OK && !(req & DIO_OUT))
        *value = (uint32_t)m.m_u.m1.i3;
    return r;
}

int sys_inb(uint32_t port, uint8_t *v)
{
    uint32_t x = 0;
    int r = sys_devio(DIO_IN | DIO_BYTE, port, &x);
    *v = (uint8_t)x;
    return r;
}

int sys_inw(uint32_t port, uint16_t *v)
{
    uint32_t x = 0;
    int r = sys_devio(DIO_IN | DIO_WORD, port, &x);
    *v = (uint16_t)x;
    return r;
}

int sys_inl(uint32_t port, uint32_t *v)
{
    *v = 0;
    return sys_devio(DIO_IN | DIO_LONG, port, v);
}

int sys_outb(uint32_t port, uint8_t v)
{
    uint32_t x = v;
    return sys_devio(DIO_OUT | DIO_BYTE, port, &x);
}

int sys_outw(uint32_t port, uint16_t v)
{
    uint32_t x = v;
    return sys_devio(DIO_OUT | DIO_WORD, port, &x);
}

int sys_outl(uint32_t port, uint32_t v)
{
    return sys_devio(DIO_OUT | DIO_LONG, port, &v);
}

int sys_sdevio(int req, uint32_t port, void *buf, uint32_t bytes)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i1 = req;
    m.m_u.m1.i2 = (int32_t)port;
    m.m_u.m1.p1 = (uint32_t)buf;
    m.m_u.m1.i4 = (int32_t)bytes;
    return kernel_call(SYS_SDEVIO, &m);
}

int sys_irqctl(int request, int line)
{
    message m;
    memset(&m, 0, sizeof(m));
    m.m_u.m1.i1 = request;
    m.m_u.m1.i2 = line;
    return kernel_call(SYS_IRQCTL, &m);
}

static int bootmod(int req, int index, uint32_t off, void *buf, uint32_t bytes, message *m)
{
    memset(m, 0, sizeof(*m));
    m->m_u.m1.i1 = req;
    m->m_u.m1.i2 = index;
    m->m_u.m1.i3 = (int32_t)off;
    m->m_u.m1.i4 = (int32_t)bytes;
    m->m_u.m1.p1 = (uint32_t)buf;
    return kernel_call(SYS_BOOTMOD, m);
}

int sys_bootmod_info(int index, uint32_t *size, char name[16])
{
    message m;
    int r = bootmod(BMOD_INFO, index, 0, NULL, 0, &m);
    if (r == OK) {
        *size = (uint32_t)m.m_u.m1.i3;
        if (name) {
            memcpy(name, m.m_u.m_str + BMOD_NAME_OFF, 16);
            name[15] = 0;
        }
    }
    return r;
}

int sys_bootmod_read(int index, uint32_t offset, void *buf, uint32_t bytes)
{
    message m;
    return bootmod(BMOD_READ, index, offset, buf, bytes, &m);
}

int sys_bootmod_write(int index, uint32_t offset, const void *buf, uint32_t bytes)
{
    message m;
    return bootmod(BMOD_WRITE, index, offset, (void *)buf, bytes, &m);
}
