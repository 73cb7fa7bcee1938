/* lt_rename.h: force-included (-include) when the portable libc sources are
 * compiled for the host tests.
 *
 * The libc under test defines memcpy, malloc, printf's engine... exactly the
 * names the host's C library (which cmocka and the tests use) defines too.
 * Renaming every libc symbol to lt_<name> at preprocessing time lets both
 * live in one test binary: the tests call lt_memcpy, cmocka keeps glibc's
 * memcpy.  The libc sources themselves stay untouched.  Only calls the
 * COMPILER invents (struct copies -> memcpy) still reach the host libc,
 * which is harmless.
 *
 * Keep this list in step with the portable sources listed in Makefrag; the
 * Makefrag checks that the libc objects define no global symbol without
 * the lt_ prefix. */
#ifndef LT_RENAME_H
#define LT_RENAME_H

/* string/ */
#define memcpy      lt_memcpy
#define memmove     lt_memmove
#define memset      lt_memset
#define memcmp      lt_memcmp
#define memchr      lt_memchr
#define strlen      lt_strlen
#define strnlen     lt_strnlen
#define strcmp      lt_strcmp
#define strncmp     lt_strncmp
#define strcpy      lt_strcpy
#define strncpy     lt_strncpy
#define strlcpy     lt_strlcpy
#define strlcat     lt_strlcat
#define strcat      lt_strcat
#define strncat     lt_strncat
#define strchr      lt_strchr
#define strrchr     lt_strrchr
#define strstr      lt_strstr
#define strspn      lt_strspn
#define strcspn     lt_strcspn
#define strtok_r    lt_strtok_r
#define strdup      lt_strdup
#define strerror    lt_strerror
#define strerrorname_np lt_strerrorname_np

/* stdio/ (the formatting part) */
#define _vformat    lt__vformat
#define vsnprintf   lt_vsnprintf
#define snprintf    lt_snprintf
#define vsprintf    lt_vsprintf
#define sprintf     lt_sprintf

/* stdlib/ */
#define malloc      lt_malloc
#define free        lt_free
#define calloc      lt_calloc
#define realloc     lt_realloc
#define _malloc_check lt__malloc_check
#define _libc_fatal lt__libc_fatal
#define abort       lt_abort
#define strtol      lt_strtol
#define strtoul     lt_strtoul
#define strtoll     lt_strtoll
#define strtoull    lt_strtoull
#define atoi        lt_atoi
#define atol        lt_atol
#define atoll       lt_atoll
#define abs         lt_abs
#define labs        lt_labs
#define llabs       lt_llabs
#define qsort       lt_qsort
#define bsearch     lt_bsearch
#define rand        lt_rand
#define srand       lt_srand
#define errno       lt_errno

/* ctype/ */
#define isdigit     lt_isdigit
#define isxdigit    lt_isxdigit
#define isalpha     lt_isalpha
#define isalnum     lt_isalnum
#define isspace     lt_isspace
#define isupper     lt_isupper
#define islower     lt_islower
#define isprint     lt_isprint
#define ispunct     lt_ispunct
#define iscntrl     lt_iscntrl
#define toupper     lt_toupper
#define tolower     lt_tolower

/* regex/ */
#define regcomp     lt_regcomp
#define regexec     lt_regexec
#define regerror    lt_regerror
#define regfree     lt_regfree
#define re_parse    lt_re_parse
#define re_bracket  lt_re_bracket
#define re_add_class lt_re_add_class

#endif
