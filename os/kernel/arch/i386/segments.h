/* segments.h: GDT layout (flat segments) shared by C and assembly. */
#ifndef SEGMENTS_H
#define SEGMENTS_H

#define SEG_KCODE   0x08
#define SEG_KDATA   0x10
#define SEG_UCODE   (0x18 | 3)
#define SEG_UDATA   (0x20 | 3)
#define SEG_TSS     0x28
#define GDT_ENTRIES 6

/* Offsets into struct stackframe (arch/i386/frame.h) used by trap.S */
#define FRAME_CS_OFF   60
#define FRAME_SIZE     76

#endif
