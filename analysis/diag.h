/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Checks and diagnostics, shared by both front ends so that they name the
 * same checks and print the same words (the checks themselves are
 * registered in checks/check_list.h and defined in analysis/checks/):
 *
 *	file:line:col: warning: MESSAGE [-Wphys-CHECK]
 *	file:line:col: note: ...
 *
 * Front ends that own a diagnostic machinery (GCC) install an emitter;
 * the default one writes the lines above to stderr, as sparse does.
 */
#ifndef PHYSCHECK_DIAG_H
#define PHYSCHECK_DIAG_H

#include <stdarg.h>
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The checks, from the registry (checks/check_list.h): CHECK_MMIO ... */
enum check_id {
#define CHECK(id, def) CHECK_##id,
#include "checks/check_list.h"
#undef CHECK
	CHECK_COUNT
};

struct diag_loc {
	const char *file;
	int line;
	int col;
	unsigned int host;	/* the front end's own location (GCC's
				 * location_t), handed back to its emitter;
				 * 0 when it has none */
};

struct diag_emitter {
	void (*warning)(void *ctx, struct diag_loc loc, enum check_id check,
			const char *message);
	void (*note)(void *ctx, struct diag_loc loc, const char *message);
	void *ctx;
};

/* The registry's facts (analysis/checks.c), for front ends and tools. */
const char *check_name(enum check_id check);
const char *check_summary(enum check_id check);
bool check_default(enum check_id check);
bool check_is_finding(enum check_id check);
bool check_enabled(enum check_id check);
const char *check_known_names(void);
void check_list_print(void *file, bool json);

enum option_result {
	OPTION_NOT_OURS,	/* not a -Wphys- option: leave it to the host */
	OPTION_TAKEN,
	OPTION_BAD,		/* -Wphys-something unknown */
};

enum option_result check_option(const char *arg);
int check_set_by_name(const char *name, bool enabled);
bool diag_findings_are_errors(void);
void diag_set_findings_are_errors(bool on);
unsigned int diag_warning_count(enum check_id check);
unsigned int diag_finding_count(void);

void diag_set_emitter(const struct diag_emitter *emitter);
bool diag_warning(struct diag_loc loc, enum check_id check,
		  const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void diag_note(struct diag_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#ifdef __cplusplus
}
#endif

#endif /* PHYSCHECK_DIAG_H */
