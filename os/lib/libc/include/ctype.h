/* ctype.h: character classes, ASCII only (there are no locales).
 * Arguments are EOF or a value representable as unsigned char; every byte
 * above 127 belongs to no class. */
#ifndef _LANTERN_LIBC_CTYPE_H
#define _LANTERN_LIBC_CTYPE_H

int isdigit(int c);
int isxdigit(int c);
int isalpha(int c);
int isalnum(int c);
int isspace(int c);
int isupper(int c);
int islower(int c);
int isprint(int c);
int ispunct(int c);
int iscntrl(int c);
int toupper(int c);
int tolower(int c);

#endif
