/* xml_check.h: a small XML well-formedness checker for the SVG tests, so
 * they need no XML library: one root element, tags nest and match, every
 * attribute value is quoted, `&` starts a known or numeric entity, no raw
 * `<` in text or attributes, only printable ASCII and whitespace.  Returns
 * 0, or -1 with the reason and offset in why. */
#ifndef XML_CHECK_H
#define XML_CHECK_H
#include <stddef.h>
int xml_check(const char *doc, char *why, size_t cap);
#endif
