// SPDX-License-Identifier: GPL-2.0
/*
 * Code sparse itself warns about, and no physcheck finding: the parity
 * check needs sparse output to compare, not an empty one.
 */
#include <linux/types.h>
#include <linux/compiler.h>

#ifdef __CHECKER__
# define __user_space	__attribute__((noderef, address_space(__user)))
# define __acquires_lock	__attribute__((context(lock, 0, 1)))
#else
# define __user_space
# define __acquires_lock
#endif

int global_without_declaration;		/* sparse: should it be static? */

static int read_user(int __user_space *p)
{
	return *p;			/* sparse: dereference of noderef */
}

static void take_lock(void) __acquires_lock;

int sparse_parity(int __user_space *p)
{
	int *plain = (int *)p;		/* sparse: cast removes address space */

	take_lock();
	return read_user(p) + *plain;
}
