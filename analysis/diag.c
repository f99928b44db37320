// SPDX-License-Identifier: GPL-2.0
/*
 * Check registry, -Wphys- option parsing and the diagnostic printer.
 */
#include <stdio.h>
#include <string.h>

#include "diag.h"

struct check_info {
	const char *name;
	const char *summary;
	bool enabled;
};

static struct check_info checks[CHECK_COUNT] = {
	[CHECK_MMIO] = {
		"phys-mmio",
		"an MMIO phys, pfn or page reaches a CPU access meant for RAM", true },
	[CHECK_KMAP] = {
		"phys-kmap",
		"a phys, pfn or page that may be MMIO reaches a CPU access meant for RAM", true },
	[CHECK_REQUIRES] = {
		"phys-requires",
		"a call passes a phys that may be MMIO where the callee needs RAM",
		true },
	[CHECK_ANNOTATION] = {
		"phys-annotation",
		"code contradicts a kmappable / mmio annotation", true },
	/* not a finding: the file's other checks may have missed some */
	[CHECK_INCOMPLETE] = {
		"phys-incomplete",
		"a file with an error sparse reported was not analysed in full", true },
};

static bool findings_are_errors;
static unsigned int warnings_emitted[CHECK_COUNT];

const char *check_name(enum check_id check)
{
	return checks[check].name;
}

const char *check_summary(enum check_id check)
{
	return checks[check].summary;
}

bool check_enabled(enum check_id check)
{
	return checks[check].enabled;
}

/* "phys-mmio, phys-kmap, ...": for the front ends' usage errors. */
const char *check_known_names(void)
{
	static char names[256];
	size_t len = 0;
	int i;

	if (names[0])
		return names;
	for (i = 0; i < CHECK_COUNT; i++)
		len += snprintf(names + len, sizeof(names) - len, "%s%s",
				i ? ", " : "", checks[i].name);
	return names;
}

/* Enable or disable one check by its name ("phys-mmio"); -1 if unknown. */
int check_set_by_name(const char *name, bool enabled)
{
	int i;

	for (i = 0; i < CHECK_COUNT; i++) {
		if (!strcmp(checks[i].name, name)) {
			checks[i].enabled = enabled;
			return 0;
		}
	}
	return -1;
}

/*
 * Handle -Wphys-NAME, -Wno-phys-NAME and -Wphys-error.  Anything else is
 * the host compiler's, so a front end can pass its whole command line here
 * first and hand the rest on.
 */
enum option_result check_option(const char *arg)
{
	bool enable = true;
	const char *name;

	if (!strncmp(arg, "-Wno-", 5)) {
		enable = false;
		name = arg + 5;
	} else if (!strncmp(arg, "-W", 2)) {
		name = arg + 2;
	} else {
		return OPTION_NOT_OURS;
	}
	if (strncmp(name, "phys-", 5))
		return OPTION_NOT_OURS;
	if (!strcmp(name, "phys-error")) {
		findings_are_errors = enable;
		return OPTION_TAKEN;
	}
	return check_set_by_name(name, enable) ? OPTION_BAD : OPTION_TAKEN;
}

bool diag_findings_are_errors(void)
{
	return findings_are_errors;
}

void diag_set_findings_are_errors(bool on)
{
	findings_are_errors = on;
}

unsigned int diag_warning_count(enum check_id check)
{
	return warnings_emitted[check];
}

/* Warnings that are findings: all but phys-incomplete. */
unsigned int diag_finding_count(void)
{
	unsigned int n = 0;
	int i;

	for (i = 0; i < CHECK_COUNT; i++)
		if (i != CHECK_INCOMPLETE)
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
