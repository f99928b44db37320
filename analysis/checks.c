// SPDX-License-Identifier: GPL-2.0
/*
 * The check registry: the table built from checks/check_list.h, which
 * checks are on (-Wphys-NAME, -Wno-phys-NAME), what --list-checks prints,
 * and the dispatch of the engine's events to each check's hooks.
 */
#include <stdio.h>
#include <string.h>

#include "checks/check.h"

static const struct check_def *const registry[CHECK_COUNT] = {
#define CHECK(id, def) [CHECK_##id] = &def,
#include "checks/check_list.h"
#undef CHECK
};

/* -1: the check's default; 0 or 1: set by an option */
static signed char enabled_by_option[CHECK_COUNT] = {
#define CHECK(id, def) [CHECK_##id] = -1,
#include "checks/check_list.h"
#undef CHECK
};

static bool findings_are_errors;

const char *check_name(enum check_id check)
{
	return registry[check]->name;
}

const char *check_summary(enum check_id check)
{
	return registry[check]->help;
}

bool check_default(enum check_id check)
{
	return registry[check]->default_on;
}

bool check_is_finding(enum check_id check)
{
	return registry[check]->finding;
}

bool check_enabled(enum check_id check)
{
	if (enabled_by_option[check] >= 0)
		return enabled_by_option[check];
	return registry[check]->default_on;
}

/* "phys-mmio, phys-kmap, ...": for the front ends' usage errors. */
const char *check_known_names(void)
{
	static char names[512];
	size_t len = 0;
	int i;

	if (names[0])
		return names;
	for (i = 0; i < CHECK_COUNT; i++)
		len += snprintf(names + len, sizeof(names) - len, "%s%s",
				i ? ", " : "", registry[i]->name);
	return names;
}

/* Enable or disable one check by its name ("phys-mmio"); -1 if unknown. */
int check_set_by_name(const char *name, bool enabled)
{
	int i;

	for (i = 0; i < CHECK_COUNT; i++) {
		if (!strcmp(registry[i]->name, name)) {
			enabled_by_option[i] = enabled;
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

/* A JSON string of @s: the registry's words are plain, but say so safely. */
static void print_json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(out, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(out, "\\u%04x", (unsigned char)*s);
		else
			fputc(*s, out);
	}
	fputc('"', out);
}

/*
 * --list-checks: "NAME  on|off  HELP" a line, or with @json one JSON
 * document, {"checks": [{"name", "help", "explain", "default",
 * "finding"}, ...]},
 * which the scripts read instead of keeping a copy of the names.
 */
void check_list_print(void *file, bool json)
{
	FILE *out = file;
	int i;

	if (!json) {
		for (i = 0; i < CHECK_COUNT; i++)
			fprintf(out, "%-16s %-3s  %s\n", registry[i]->name,
				registry[i]->default_on ? "on" : "off",
				registry[i]->help);
		return;
	}
	fprintf(out, "{\"checks\": [");
	for (i = 0; i < CHECK_COUNT; i++) {
		fprintf(out, "%s\n  {\"name\": ", i ? "," : "");
		print_json_string(out, registry[i]->name);
		fprintf(out, ", \"help\": ");
		print_json_string(out, registry[i]->help);
		fprintf(out, ", \"explain\": ");
		print_json_string(out, registry[i]->explain);
		fprintf(out, ", \"default\": %s, \"finding\": %s}",
			registry[i]->default_on ? "true" : "false",
			registry[i]->finding ? "true" : "false");
	}
	fprintf(out, "\n]}\n");
}

/* ------------------------------------------------------------ dispatch */

void checks_on_sink(struct func_ctx *f, const struct prov *state,
		    const struct sink_event *ev)
{
	int i;

	for (i = 0; i < CHECK_COUNT; i++)
		if (registry[i]->on_sink)
			registry[i]->on_sink(f, state, ev);
}

void checks_on_call(struct func_ctx *f, const struct prov *state,
		    const struct ir_insn *call, int callee)
{
	int i;

	for (i = 0; i < CHECK_COUNT; i++)
		if (registry[i]->on_call)
			registry[i]->on_call(f, state, call, callee);
}

void checks_on_return(struct func_ctx *f, const struct prov *state,
		      const struct ir_insn *ret)
{
	int i;

	for (i = 0; i < CHECK_COUNT; i++)
		if (registry[i]->on_return)
			registry[i]->on_return(f, state, ret);
}
