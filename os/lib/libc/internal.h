/* internal.h: interfaces shared between the parts of libc, never installed
 * for programs.  Names start with '_' so they cannot clash with user code.
 *
 * Layering: sys/ talks to the kernel; stdio/ and stdlib/ use sys/; string/,
 * ctype/, stdio/format.c, stdio/vsnprintf.c and most of stdlib/ are portable
 * C with no kernel dependency (the host unit tests compile exactly those). */
#ifndef _LANTERN_LIBC_INTERNAL_H
#define _LANTERN_LIBC_INTERNAL_H

#include <stddef.h>
#include <stdarg.h>
#include <lantern/message.h>

/* ---- sys/: the kernel interface ---------------------------------------- */
/* Make a kernel call: m->m_type holds the call number on entry and the
 * result (OK or a negative errno) on return; the result is also returned. */
int _kcall(message *m);

/* Write n bytes on the kernel console (split into kernel-sized pieces).
 * Returns 0 or the negative error of the first failing kernel call. */
int _console_write(const char *buf, size_t n);

/* ---- stdio/ ------------------------------------------------------------ */
/* Where formatted output goes: `put` receives consecutive pieces. */
struct _fmt_sink {
    void  (*put)(struct _fmt_sink *sink, const char *s, size_t n);
};
/* Format `fmt` into `sink`; returns the number of characters produced. */
int _vformat(struct _fmt_sink *sink, const char *fmt, va_list ap);

/* Flush every stdio stream.  Weak in exit.c/abort.c so that a program that
 * never prints does not link the stdio code. */
void _stdio_flushall(void);

/* ---- stdlib/ ----------------------------------------------------------- */
/* Report a fatal libc error (heap corruption...) and abort(). */
__attribute__((noreturn)) void _libc_fatal(const char *msg);

/* Walk the malloc arena and check its invariants (tests and debugging).
 * Returns 0 if consistent, -1 otherwise; *free_bytes gets the bytes held by
 * free blocks (headers included) if free_bytes is not NULL. */
int _malloc_check(size_t *free_bytes);

/* SIGPIPE on ourselves before write() returns EPIPE (sys/signal.c,
 * docs/signals.md): the default action ends the process; with SIGPIPE
 * ignored or caught the caller sees -1 and EPIPE. */
void __raise_sigpipe(void);

#endif
