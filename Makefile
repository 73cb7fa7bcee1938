# Lantern: the one top-level Makefile.
#
# Every workflow is one target:
#   make            build the kernel, libraries, boot programs and host tools
#   make image      the GRUB ISO (build/lantern.iso)
#   make qemu       boot in QEMU (falls back to -nographic without a display)
#   make qemu-nox   boot in QEMU on this terminal (Ctrl-a x quits)
#   make qemu-gdb / qemu-nox-gdb   same, waiting for GDB;  make gdb  attaches
#   make bochs      boot the ISO in Bochs on this terminal
#   make test [SUITE=ipc]   run the graded test suites
#   make bench      benchmarks -> build/bench.tsv
#   make fuzz [SEED=s] [CALLS=n]   one long, replayable fuzz run (docs/testing.md)
#   make grade [LAB=n] [GRADE_REF=commit]   grade the labs (docs/grading.md)
#   make lab-starter LAB=n DEST=dir        a lab's starting tree
#   make clean
#
# Knobs: EMU=qemu|bochs, SUITE=<name>, CMDLINE="...", GDBPORT=<n>, V=1,
#        SEED=<n>|random (jitter, -icount), CHECK=1 (invariant checks, build/check).
# The pieces live next to the code they build, in Makefrag files.

.DEFAULT_GOAL := all
.DELETE_ON_ERROR:
.SUFFIXES:
SHELL := /bin/bash

# ---- packages first -----------------------------------------------------
# On a fresh machine nothing may be compiled, nor gcc even asked a question
# ($(shell gcc ...) below), before image/deps.sh has installed the packages.
# An order-only `| deps` prerequisite does not promise that: make may build
# the other prerequisites first.  So make runs in two passes.  The first
# pass defines no build rules at all: it runs deps.sh, then runs make again
# with the same goals and LANTERN_DEPS_CHECKED=1, which reads the rest of
# this file.  Goals that compile nothing (clean, print-gdbport) skip
# the first pass.  docs/running.md says what happens on a machine without
# root; tests/harness/deps-order.sh checks the order for every user target.
V ?= 0
LANTERN_NODEPS_GOALS := clean print-gdbport
lantern_goals := $(or $(MAKECMDGOALS),all)
ifeq ($(LANTERN_DEPS_CHECKED)$(if $(filter-out $(LANTERN_NODEPS_GOALS),$(lantern_goals)),,none),)

$(lantern_goals): lantern-deps-first
	@:

lantern-deps-first:
	$(if $(filter 0,$(V)),@)sh image/deps.sh
	+$(if $(filter 0,$(V)),@)$(MAKE) --no-print-directory LANTERN_DEPS_CHECKED=1 $(MAKECMDGOALS)

.PHONY: $(lantern_goals) lantern-deps-first

else  # second pass: the packages are there; the real build follows

# CHECK=1: the invariant-checking build (os/kernel/check.c,
# docs/testing.md "Invariant checks"), in a build directory of its own so
# the normal build is never touched.  Only then is LANTERN_CHECK defined.
CHECK    ?= 0
ifneq ($(origin B),command line)
B        := $(if $(filter 1,$(CHECK)),build/check,build)
endif
CHECK_CFLAGS := $(if $(filter 1,$(CHECK)),-DLANTERN_CHECK)
TOP      := $(CURDIR)
ifeq ($(V),0)
Q := @
else
Q :=
endif

# ---- toolchains ---------------------------------------------------------
HOSTCC   ?= cc
CC       := gcc
LD       := ld
AR       := ar
OBJCOPY  := objcopy

GCC_INC  := $(shell $(CC) -m32 -print-file-name=include)
LIBGCC   := $(shell $(CC) -m32 -print-libgcc-file-name)

# Flags shared by everything that runs inside the guest.
GUEST_CFLAGS := -m32 -std=gnu11 -ffreestanding -fno-pie -fno-pic \
    -fno-stack-protector -fno-builtin -fno-omit-frame-pointer \
    -fno-asynchronous-unwind-tables -mno-sse -mno-mmx -mno-80387 \
    -O2 -g -Wall -Wextra -Werror -nostdinc -isystem $(GCC_INC) \
    -Ios/include -MMD -MP $(CHECK_CFLAGS)
GUEST_ASFLAGS := -m32 -g -Ios/include -MMD -MP
GUEST_LDFLAGS := -m elf_i386 --no-warn-rwx-segments -z noexecstack

HOST_CFLAGS  := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Ios/include -MMD -MP

# linkaddr NAME: the program's link address from image/linkmap.txt
linkaddr = $(shell awk '$$1=="$(1)" {print $$2}' image/linkmap.txt)

# ---- the pieces ---------------------------------------------------------
include os/lib/Makefrag
include os/kernel/Makefrag
include servers/Makefrag
include commands/Makefrag
include drivers/Makefrag
include image/Makefrag
include docs/Makefrag
include tracer/Makefrag
include tests/Makefrag
include labs/Makefrag

all: $(KERNEL_ELF) $(GUEST_PROGRAM_ELFS) $(HOST_TOOLS)

clean:
	rm -rf $(B)

.PHONY: all clean

# Include paths by layer: only kernel code sees kernel-internal headers;
# everything else in the guest sees the ABI (os/include) and the guest libs.
$(B)/guest/%.o: EXTRA := -Ios/lib/libc/include -Ios/lib/libsys/include
$(B)/guest/os/kernel/%.o: EXTRA := -Ios/kernel -Ios/kernel/arch/i386 -Ios/lib/libc/include

# Generic compile rules: output mirrors the source path under build/.
$(B)/guest/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(GUEST_CFLAGS) $(EXTRA) -c $< -o $@

$(B)/guest/%.o: %.S
	@mkdir -p $(@D)
	@$(if $(Q),echo "  AS      $<")
	$(Q)$(CC) $(GUEST_ASFLAGS) $(EXTRA) -c $< -o $@

$(B)/host/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  HOSTCC  $<")
	$(Q)$(HOSTCC) $(HOST_CFLAGS) $(HOST_CFLAGS_EXTRA) -c $< -o $@

-include $(shell find $(B) -name '*.d' 2>/dev/null)

endif  # LANTERN_DEPS_CHECKED
