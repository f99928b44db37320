/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#include <linux/compiler.h>

typedef int (*initcall_t)(void);
typedef void (*exitcall_t)(void);

#define __init		__attribute__((__section__(".init.text"), __cold__))
#define __exit		__attribute__((__section__(".exit.text"), __cold__))

#define module_init(fn)							\
	static initcall_t __initcall_##fn				\
	__attribute__((__used__, __section__(".initcall6.init"))) = fn
#define module_exit(fn)							\
	static exitcall_t __exitcall_##fn				\
	__attribute__((__used__, __section__(".exitcall.exit"))) = fn

#define __MODULE_INFO(tag, name, info)					\
	static const char __mod_##name[]				\
	__attribute__((__used__, __section__(".modinfo"))) = #tag "=" info
#define MODULE_LICENSE(s)	__MODULE_INFO(license, license, s)
#define MODULE_DESCRIPTION(s)	__MODULE_INFO(description, description, s)

#define EXPORT_SYMBOL_GPL(sym)	extern typeof(sym) sym

#endif /* _LINUX_MODULE_H */
