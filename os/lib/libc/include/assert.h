/* assert.h: assert(expr) prints
 *     file:line: function: assertion "expr" failed
 * on stderr and calls abort().  Defining NDEBUG before including this header
 * turns assert() into nothing.  Deliberately without an include guard: the
 * C standard lets a file re-include it with NDEBUG changed. */
#undef assert

#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
__attribute__((noreturn))
void __assert_fail(const char *expr, const char *file, int line,
                   const char *func);
#define assert(expr) \
    ((expr) ? (void)0 : __assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif

#ifndef static_assert
#define static_assert _Static_assert
#endif
