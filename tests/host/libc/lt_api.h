/* lt_api.h: what the host tests see of the libc under test.
 *
 * The tests are ordinary host programs (host headers, cmocka), so they
 * cannot include the guest headers; these prototypes restate them with the
 * lt_ names that lt_rename.h gives the libc symbols.  Error codes are the
 * negative Lantern values (the host's E* macros are positive and different).
 * Also: small helpers shared by the test files. */
#ifndef LT_API_H
#define LT_API_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <cmocka.h>

#define LT_ENOMEM (-12)
#define LT_EINVAL (-22)
#define LT_ERANGE (-34)
#define LT_RAND_MAX 0x7fffffff
#define LT_ARENA_SIZE (1024 * 1024)

void  *lt_memcpy(void *restrict, const void *restrict, size_t);
void  *lt_memmove(void *, const void *, size_t);
void  *lt_memset(void *, int, size_t);
int    lt_memcmp(const void *, const void *, size_t);
void  *lt_memchr(const void *, int, size_t);
size_t lt_strlen(const char *);
size_t lt_strnlen(const char *, size_t);
int    lt_strcmp(const char *, const char *);
int    lt_strncmp(const char *, const char *, size_t);
char  *lt_strcpy(char *restrict, const char *restrict);
char  *lt_strncpy(char *restrict, const char *restrict, size_t);
size_t lt_strlcpy(char *restrict, const char *restrict, size_t);
size_t lt_strlcat(char *restrict, const char *restrict, size_t);
char  *lt_strcat(char *restrict, const char *restrict);
char  *lt_strncat(char *restrict, const char *restrict, size_t);
char  *lt_strchr(const char *, int);
char  *lt_strrchr(const char *, int);
char  *lt_strstr(const char *, const char *);
size_t lt_strspn(const char *, const char *);
size_t lt_strcspn(const char *, const char *);
char  *lt_strtok_r(char *restrict, const char *restrict, char **restrict);
char  *lt_strdup(const char *);
char  *lt_strerror(int);
const char *lt_strerrorname_np(int);

int lt_snprintf(char *restrict, size_t, const char *restrict, ...)
    __attribute__((format(printf, 3, 4)));
int lt_vsnprintf(char *restrict, size_t, const char *restrict, va_list)
    __attribute__((format(printf, 3, 0)));
int lt_sprintf(char *restrict, const char *restrict, ...)
    __attribute__((format(printf, 2, 3)));

void *lt_malloc(size_t);
void  lt_free(void *);
void *lt_calloc(size_t, size_t);
void *lt_realloc(void *, size_t);
int   lt__malloc_check(size_t *free_bytes);

long               lt_strtol(const char *restrict, char **restrict, int);
unsigned long      lt_strtoul(const char *restrict, char **restrict, int);
long long          lt_strtoll(const char *restrict, char **restrict, int);
unsigned long long lt_strtoull(const char *restrict, char **restrict, int);
int       lt_atoi(const char *);
long      lt_atol(const char *);
long long lt_atoll(const char *);
int       lt_abs(int);
long      lt_labs(long);
long long lt_llabs(long long);
void  lt_qsort(void *, size_t, size_t, int (*)(const void *, const void *));
void *lt_bsearch(const void *, const void *, size_t, size_t,
                 int (*)(const void *, const void *));
int   lt_rand(void);
void  lt_srand(unsigned);
extern int lt_errno;

int lt_isdigit(int), lt_isxdigit(int), lt_isalpha(int), lt_isalnum(int),
    lt_isspace(int), lt_isupper(int), lt_islower(int), lt_isprint(int),
    lt_ispunct(int), lt_iscntrl(int), lt_toupper(int), lt_tolower(int);

/* regex.h, restated: the guest's regex_t and flags differ from the host's
 * (the REG_* result codes are the same numbers). */
typedef struct { size_t re_nsub; void *re_prog; } lt_regex_t;
typedef struct { int rm_so, rm_eo; } lt_regmatch_t;
#define LT_REG_EXTENDED 0x1
#define LT_REG_ICASE    0x2
#define LT_REG_NOSUB    0x4
#define LT_REG_NEWLINE  0x8
#define LT_REG_NOTBOL   0x1
#define LT_REG_NOTEOL   0x2
int    lt_regcomp(lt_regex_t *, const char *, int);
int    lt_regexec(const lt_regex_t *, const char *, size_t, lt_regmatch_t *, int);
size_t lt_regerror(int, const lt_regex_t *, char *, size_t);
void   lt_regfree(lt_regex_t *);

/* ---- test helpers (stubs.c) --------------------------------------------- */
/* lt__libc_fatal/lt_abort stubs: when `lt_expect_fatal` is armed (non-zero)
 * they longjmp to lt_fatal_jmp with the message kept in lt_fatal_msg;
 * otherwise they fail the running test. */
extern jmp_buf lt_fatal_jmp;
extern volatile int lt_expect_fatal;
extern const char *volatile lt_fatal_msg;

/* Fail the current test with a printf-style reason (reported through
 * cmocka's assertion output, so it lands on the "not ok" line). */
#define lt_fail(...) do { \
        char lt_msg_[600]; \
        snprintf(lt_msg_, sizeof(lt_msg_), __VA_ARGS__); \
        _assert_true(0, lt_msg_, __FILE__, __LINE__); \
    } while (0)
#define lt_check(cond, ...) do { if (!(cond)) lt_fail(__VA_ARGS__); } while (0)

/* The groups, one per test file; each returns its number of failures. */
int run_string_tests(void);
int run_printf_tests(void);
int run_strtol_tests(void);
int run_sort_tests(void);
int run_malloc_tests(void);
int run_ctype_tests(void);
int run_regex_tests(void);

#endif
