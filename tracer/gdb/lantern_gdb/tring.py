"""tring.py: the kernel's trace ring, read straight from guest memory.

The reader follows the rules of docs/trace-format.md and of the host
tracer's ring reader (tracer/decode/ring.c, decoder.c):
  - the control page is the kernel's `trace_ctl`; it is accepted only with
    the magic, a correct ctl_crc (CRC-32 of the static part with ctl_crc
    taken as 0), a known version, the expected sizes and, in version 3, a
    page_recs in 1..64 that divides nrec;
  - the ring starts right after the control block (ctl + ctl_size), and
    ring index i lives at trace_slot_offset(page_recs, i) from there: each
    4 KiB ring page begins with bytes that are not records (the kernel's
    hot variables);
  - ctl.head is a hint: the real head is found by walking forward while
    slot head % nrec holds seq == (u32)head;
  - record i is valid only if its seq == (u32)i; any other slot is torn or
    overwritten and is reported as lost, never shown as data.
The ring and the control page are identity-mapped kernel memory, read by
their (virtual = physical) address.
"""
import struct
import zlib

from .abi import ABI
from . import kmem
from .tschema import Schema

CTL_FMT = '<8s12I2I4Q2I'          # struct trace_ctl up to page_recs
CRC_END = struct.calcsize('<8s12I')   # the static part, ctl_crc included
CTL_NAMES = ('magic version ctl_size rec_size nrec ncpu clock_domain tsc_khz boot_id '
             'ring_phys schema_off schema_len ctl_crc mode enabled head tail '
             'lost_overwrite lost_discard panicked page_recs').split()
REC_FMT = '<QIHBB12I'
PAGE = 4096
REC = 64


class RingError(Exception):
    pass


def slot_offset(page_recs, i):
    per = page_recs or PAGE // REC
    return (i // per) * PAGE + (PAGE - per * REC) + (i % per) * REC


class Record:
    def __init__(self, raw):
        v = struct.unpack(REC_FMT, raw)
        self.ts, self.seq, self.type, self.cpu, self.flags = v[:5]
        self.a = list(v[5:])


class Ring:
    def __init__(self):
        ptr = kmem.ksym('trace_ctl')
        if ptr is None or int(ptr) == 0:
            raise RingError('the kernel has no trace ring (trace_ctl is NULL: before '
                            'trace_init, or no memory for it)')
        self.base = int(ptr)
        raw = kmem.read(self.base, struct.calcsize(CTL_FMT))
        self.ctl = dict(zip(CTL_NAMES, struct.unpack(CTL_FMT, raw)))
        self._check(raw)
        c = self.ctl
        self.page_recs = c['page_recs'] if c['version'] >= 3 else PAGE // REC
        self.nrec = c['nrec']
        self.ring = self.base + c['ctl_size']
        self.schema = Schema(kmem.read(self.base + c['schema_off'], c['schema_len']),
                             c['version'])

    def _check(self, raw):
        c = self.ctl
        if c['magic'] != b'LNTRACE\0':
            raise RingError('control page at 0x%x: bad magic' % self.base)
        blob = bytearray(raw[:CRC_END])
        blob[CRC_END - 4:CRC_END] = b'\0\0\0\0'
        if zlib.crc32(bytes(blob)) != c['ctl_crc']:
            raise RingError('control page CRC mismatch')
        if not 1 <= c['version'] <= ABI.c['TRACE_FORMAT_VERSION']:
            raise RingError('format version %d, this reader knows 1 to %d' %
                            (c['version'], ABI.c['TRACE_FORMAT_VERSION']))
        if c['ctl_size'] != ABI.c['TRACE_CTL_SIZE'] or c['rec_size'] != REC:
            raise RingError('unexpected sizes ctl_size=%d rec_size=%d' %
                            (c['ctl_size'], c['rec_size']))
        if c['version'] >= 3 and not (1 <= c['page_recs'] <= PAGE // REC and
                                      c['nrec'] and c['nrec'] % c['page_recs'] == 0):
            raise RingError('page_recs %d / nrec %d inconsistent' % (c['page_recs'], c['nrec']))

    def slot_addr(self, idx):
        return self.ring + slot_offset(self.page_recs, idx % self.nrec)

    def seq_at(self, idx):
        return kmem.u32(self.slot_addr(idx) + 8)

    def head(self):
        """Records ever written: the head hint, then forward by seq."""
        h = self.ctl['head']
        for _ in range(self.nrec):
            if self.seq_at(h) != h & 0xffffffff:
                break
            h += 1
        return h

    def tail(self, n):
        """[(index, Record or None)] for the last n records; None = lost."""
        head = self.head()
        first = max(0, head - n, head - self.nrec)
        out = []
        for idx in range(first, head):
            r = Record(kmem.read(self.slot_addr(idx), REC))
            out.append((idx, r if r.seq == idx & 0xffffffff else None))
        return head, out
