"""gdb_helpers_check.py: run inside GDB by tests/harness/gdb-helpers.sh.

GDB has the generated gdbinit loaded (so the Lantern helpers too) and is
stopped in kmain.  This script runs to gdb_probe_ready()
(tests/guest/tools/gdb_probe.c), then runs each helper and compares its
output with what the kernel and RS told gdb_probe through their ordinary
interfaces (GETINFO_PROCTAB, PRIV_QUERY, RS_PUBTAB), read here with plain
GDB expressions, not with the helpers' code.  It prints one line per check:
  CHECK <name> ok
  CHECK <name> fail <reason>
plus PROBE / TAIL lines the shell script needs.  The trace tail is compared
with the host tracer by the shell script (it needs a RAM dump, made here
with QEMU's pmemsave).
"""
import re
import gdb

OUT = {}          # set by the shell: OUT['tail'], OUT['ps'], OUT['ram'], OUT['ram_size']


def val(expr):
    return gdb.parse_and_eval(expr)


def cstr(v):
    raw = bytes(int(v[i]) & 0xff for i in range(v.type.sizeof))
    return raw.split(b'\0', 1)[0].decode('ascii', 'replace')


def result(name, problems):
    if problems:
        gdb.write('CHECK %s fail %s\n' % (name, '; '.join(problems[:4])))
    else:
        gdb.write('CHECK %s ok\n' % name)


def s32(v):
    v = int(v) & 0xffffffff
    return v - (1 << 32) if v & 0x80000000 else v


def kernel_view():
    """[(endpoint, nr, flags, priority, name)] from GETINFO_PROCTAB."""
    n = int(val('probe_nprocs'))
    return [(s32(val('probe_procs[%d].endpoint' % i)), s32(val('probe_procs[%d].nr' % i)),
             int(val('probe_procs[%d].flags' % i)), int(val('probe_procs[%d].priority' % i)),
             cstr(val('probe_procs[%d].name' % i))) for i in range(n)]


def labels():
    return {s32(val('probe_pub[%d].endpoint' % i)): cstr(val('probe_pub[%d].label' % i))
            for i in range(int(val('probe_npub')))}


PS_LINE = re.compile(r'^\s*(-?\d+)\s+(-?\d+)\s+(\S+)\s+(\S+)\s+(\d+)\s+(\S+)\s+(.*)$')


def check_ps(procs, pub, peer, probe):
    text = gdb.execute('lantern-ps', to_string=True)
    with open(OUT['ps'], 'w') as f:
        f.write(text)
    out = text.splitlines()
    rows = {}
    for line in out[1:]:
        m = PS_LINE.match(line)
        if m:
            rows[int(m.group(2))] = m.groups()
    bad = []
    if sorted(rows) != sorted(p[0] for p in procs):
        bad.append('endpoints %s, GETINFO_PROCTAB has %s' % (sorted(rows),
                                                             sorted(p[0] for p in procs)))
    for ep, nr, flags, prio, name in procs:
        r = rows.get(ep)
        if r is None:
            continue
        rts, state = r[5], r[6]
        want = (str(nr), name, pub.get(ep, '-'), str(prio))
        got = (r[0], r[2], r[3], r[4])
        if got != want:
            bad.append('ep %d: slot/name/label/prio %s, kernel and RS say %s' % (ep, got, want))
        blocked = 'SENDING' in rts or 'RECEIVING' in rts
        if bool(flags & 0x1) != (rts == '-') or bool(flags & 0x2) != blocked or \
                bool(flags & 0x10) != ('NO_PRIV' in rts):
            bad.append('ep %d: rts %s, GETINFO flags 0x%x' % (ep, rts, flags))
    if peer in rows and 'SENDREC to gdb_probe(%d)' % probe not in rows[peer][6]:
        bad.append('gdb_peer: %r, want SENDREC to gdb_probe(%d)' % (rows[peer][6], probe))
    if probe in rows and 'senders waiting: gdb_peer(%d)' % peer not in rows[probe][6]:
        bad.append('gdb_probe: %r, want gdb_peer(%d) waiting' % (rows[probe][6], peer))
    if probe in rows and not rows[probe][6].startswith('running'):
        bad.append('gdb_probe is the one running, lantern-ps says %r' % rows[probe][6])
    result('gdb-ps', bad)


def priv_fields(text):
    f = {}
    for line in text.splitlines()[1:]:
        parts = line.split()
        if parts:
            f[parts[0]] = parts[1:]
    return f


def want_priv(i):
    p = 'probe_privs[%d]' % i
    w = lambda e, n: ['0x%08x' % int(val('%s.%s[%d]' % (p, e, k))) for k in range(n)]
    rng = lambda e, n: ['0x%x-0x%x' % (int(val('%s.%s[%d].base' % (p, e, k))),
                                       int(val('%s.%s[%d].limit' % (p, e, k))))
                        for k in range(int(val('%s.nr_%s' % (p, e))))] or ['-']
    return {
        'id': str(s32(val(p + '.id'))), 'owner': str(s32(val(p + '.owner'))),
        'flags': '0x%x' % int(val(p + '.flags')), 'trap_mask': '0x%x' % int(val(p + '.trap_mask')),
        'ipc_to': w('ipc_to', val(p + '.ipc_to').type.sizeof // 4),
        'kcall_mask': w('kcall_mask', val(p + '.kcall_mask').type.sizeof // 4),
        'io': rng('io', 0), 'mem': rng('mem', 0),
        'irq': [str(int(val('%s.irq[%d]' % (p, k)))) for k in range(int(val(p + '.nr_irq')))]
        or ['-'],
    }


def check_priv(procs):
    bad, asked = [], 0
    for i, (ep, _, flags, _, name) in enumerate(procs):
        if int(val('probe_priv_r[%d]' % i)) != 0:
            continue
        asked += 1
        got = priv_fields(gdb.execute('lantern-priv %d' % ep, to_string=True))
        for key, want in want_priv(i).items():
            g = got.get(key, [])
            if key in ('ipc_to', 'kcall_mask'):
                g = g[:len(want)]
            elif key in ('flags', 'trap_mask', 'id'):
                g = g[:1]
                want = [want]
            elif key == 'owner':
                want = [want]
            if g != want:
                bad.append('%s (ep %d) %s: %s, PRIV_QUERY says %s' % (name, ep, key, g, want))
    if asked < 3:
        bad.append('only %d processes had PRIV_QUERY answers' % asked)
    result('gdb-priv', bad)


def check_grants(probe, peer):
    """No grant members in the kernel: the "no grant tables yet" message.
    With them: gdb_probe's grant (the id libsys gave it, of probe_buf, to
    gdb_peer) is in the table lantern-grants shows."""
    out = gdb.execute('lantern-grants %d' % probe, to_string=True)
    has = []
    for t in ('proc', 'priv', 'priv_info'):
        try:
            has += [f.name for f in gdb.lookup_type('struct ' + t).fields() if 'grant' in f.name]
        except gdb.error:
            pass
    if not has:
        ok = 'this kernel has no grant tables yet' in out
        result('gdb-grants', [] if ok else ['kernel has no grant fields, output %r' % out[:120]])
        return
    gid = s32(val('probe_grant'))
    addr, size = int(val('&probe_buf').cast(gdb.lookup_type('int'))), val('probe_buf').type.sizeof
    want = ['(id %d)' % gid, 'cp_to=gdb_peer(%d)' % peer, 'cp_addr=0x%x' % addr, 'cp_len=%d' % size]
    lines = [l for l in out.splitlines() if '(id %d)' % gid in l]
    bad = [] if gid >= 0 else ['gdb_probe got no grant (%d)' % gid]
    if not bad and len(lines) != 1:
        bad.append('%d entries with id %d in %r' % (len(lines), gid, out[:200]))
    bad += ['%s missing in %r' % (w, lines[0]) for w in want if lines and w not in lines[0]]
    result('gdb-grants', bad)


def dump_tail():
    text = gdb.execute('lantern-trace-tail -r 300', to_string=True)
    with open(OUT['tail'], 'w') as f:
        f.write(text)
    gdb.execute('monitor pmemsave 0 %d "%s"' % (OUT['ram_size'], OUT['ram']), to_string=True)


def check_break_proc(peer):
    gdb.execute('delete')
    gdb.execute('lantern-break-proc peer')
    gdb.execute('continue')
    bad = []
    cur_ep = s32(val('((struct proc *)*(unsigned int *)&current)->p_endpoint'))
    if cur_ep != peer:
        bad.append('current is endpoint %d, RS says peer is %d' % (cur_ep, peer))
    if int(val('$cs')) & 3 != 3:
        bad.append('stopped in the kernel (cs 0x%x)' % int(val('$cs')))
    where = gdb.execute('info symbol $pc', to_string=True)
    if 'gdb_peer.elf' not in where:
        bad.append('pc is %s, not in gdb_peer' % where.strip())
    result('gdb-break-proc', bad)


def main():
    gdb.execute('break gdb_probe_ready')
    gdb.execute('continue')
    if int(val('probe_status')) != 0:
        gdb.write('CHECK setup fail gdb_peer never blocked in its request to gdb_probe\n')
    procs, pub = kernel_view(), labels()
    probe = [p for p in procs if p[4] == 'gdb_probe']
    peer = s32(val('probe_peer'))
    gdb.write('PROBE %d %d\n' % (probe[0][0], probe[0][1]) if probe else 'PROBE none\n')
    probe_ep = probe[0][0] if probe else None
    for step in (lambda: check_ps(procs, pub, peer, probe_ep), lambda: check_priv(procs),
                 lambda: check_grants(probe_ep, peer), dump_tail, lambda: check_break_proc(peer)):
        try:
            step()
        except (gdb.error, gdb.GdbError, gdb.MemoryError) as e:
            gdb.write('CHECK error %s\n' % str(e).replace('\n', ' '))
