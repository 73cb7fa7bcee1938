/* check.h: VM's self-check, only in the CHECK=1 build (check.c). */
#ifndef VM_CHECK_H
#define VM_CHECK_H

#ifdef LANTERN_CHECK
void vm_check_start(void);
void vm_check_tick(void);
void vm_check_now(void);
#define VM_CHECK_START() vm_check_start()
#define VM_CHECK_TICK()  vm_check_tick()
#define VM_CHECK_NOW()   vm_check_now()
#else
#define VM_CHECK_START() do { } while (0)
#define VM_CHECK_TICK()  do { } while (0)
#define VM_CHECK_NOW()   do { } while (0)
#endif

#endif
