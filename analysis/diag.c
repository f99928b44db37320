// SPDX-License-Identifier: GPL-2.0
/*
 * The diagnostic printer, and what it has printed.  The checks' names and
 * which are on come from the registry (checks.c).
 */
#include <stdio.h>
#include <string.h>

#include "diag.h"

static unsigned int warnings_emitted[CHECK_COUNT];

unsigned int diag_warning_count(enum check_id check)
{
	return warnings_emitted[check];
}

/* Warnings that are findings (not phys-incomplete's notes on the run). */
unsigned int diag_finding_count(void)
{
	unsigned int n = 0;
	int i;

	for (i = 0; i < CHECK_COUNT; i++)
		if (check_is_finding((enum check_id)i))
			n += warnings_emitted[i];
	return n;
}

static void print_warning(void *ctx, struct diag_loc loc, enum check_id check,
			  const char *message)
{
	(void)ctx;
	fprintf(stderr, "%s:%d:%d: warning: %s [-W%s]\n",
		loc.file, loc.line, loc.col, message, check_name(check));
}

static void print_note(void *ctx, struct diag_loc loc, const char *message)
{
	(void)ctx;
	fprintf(stderr, "%s:%d:%d: note: %s\n",
		loc.file, loc.line, loc.col, message);
}

static const struct diag_emitter stderr_emitter = {
	.warning = print_warning,
	.note = print_note,
};

static const struct diag_emitter *emitter = &stderr_emitter;

void diag_set_emitter(const struct diag_emitter *e)
{
	emitter = e ? e : &stderr_emitter;
}

/* Returns whether the warning was emitted, so notes follow only shown ones. */
bool diag_warning(struct diag_loc loc, enum check_id check, const char *fmt, ...)
{
	char message[512];
	va_list ap;

	if (!check_enabled(check))
		return false;
	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	warnings_emitted[check]++;
	emitter->warning(emitter->ctx, loc, check, message);
	return true;
}

void diag_note(struct diag_loc loc, const char *fmt, ...)
{
	char message[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	emitter->note(emitter->ctx, loc, message);
}
