#!/bin/sh
# mksyms.sh KERNEL.ELF: print a C table of the kernel's function symbols,
# sorted by address, for the panic stack trace (see ksyms.h).
set -e
echo '#include "ksyms.h"'
echo '__attribute__((section(".ksyms"))) const struct ksym ksyms[] = {'
nm -n "$1" | awk '$2 ~ /^[tT]$/ && $3 !~ /^\./ { printf "    {0x%s, \"%s\"},\n", $1, substr($3, 1, 39); n++ }
                  END { if (n == 0) print "    {0, \"\"}," }'
echo '};'
echo '__attribute__((section(".ksyms"))) const unsigned int ksyms_count ='
echo '    sizeof(ksyms) / sizeof(ksyms[0]);'
