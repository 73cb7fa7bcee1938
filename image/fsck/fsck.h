/* fsck.h: check an MFS image (image/fsck/fsck.c). */
#ifndef FSCK_FSCK_H
#define FSCK_FSCK_H

#include <stdio.h>
#include "../mfsimg/img.h"

/* Check the image and print one line per inconsistency to `out` (NULL: no
 * output).  Returns the number of inconsistencies (0 = clean).  A super
 * block that cannot be trusted counts as one and stops the check. */
int fsck_check(const struct img *im, FILE *out);

#endif
