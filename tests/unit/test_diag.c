// SPDX-License-Identifier: GPL-2.0
/* Check options and the diagnostic format of DESIGN.md's contract. */
#include <stdlib.h>

#include "diag.h"
#include "tap.h"

static char last_warning[700], last_note[700];

static void capture_warning(void *ctx, struct diag_loc loc, enum check_id check,
			    const char *message)
{
	snprintf(last_warning, sizeof(last_warning), "%s:%d:%d: warning: %s [-W%s]",
		 loc.file, loc.line, loc.col, message, check_name(check));
}

static void capture_note(void *ctx, struct diag_loc loc, const char *message)
{
	snprintf(last_note, sizeof(last_note), "%s:%d:%d: note: %s",
		 loc.file, loc.line, loc.col, message);
}

static const struct diag_emitter capture = {
	.warning = capture_warning,
	.note = capture_note,
};

static void test_options(void)
{
	TAP_CHECK(check_option("-Wall") == OPTION_NOT_OURS, "-Wall is sparse's");
	TAP_CHECK(check_option("-Wno-decl") == OPTION_NOT_OURS, "-Wno-decl is sparse's");
	TAP_CHECK(check_option("-O2") == OPTION_NOT_OURS, "-O2 is not a -W option");
	TAP_CHECK(check_option("-Wno-phys-kmap") == OPTION_TAKEN && !check_enabled(CHECK_KMAP),
		  "-Wno-phys-kmap disables phys-kmap");
	TAP_CHECK(check_option("-Wphys-kmap") == OPTION_TAKEN && check_enabled(CHECK_KMAP),
		  "-Wphys-kmap enables it again");
	TAP_CHECK(check_option("-Wphys-nonsense") == OPTION_BAD, "unknown check is bad");
	TAP_CHECK(check_option("-Wphys-error") == OPTION_TAKEN && diag_findings_are_errors(),
		  "-Wphys-error");
	TAP_CHECK(check_option("-Wno-phys-error") == OPTION_TAKEN && !diag_findings_are_errors(),
		  "-Wno-phys-error");
	TAP_CHECK(check_option("-Wno-phys-incomplete") == OPTION_TAKEN &&
		  !check_enabled(CHECK_INCOMPLETE) &&
		  check_option("-Wphys-incomplete") == OPTION_TAKEN && check_enabled(CHECK_INCOMPLETE),
		  "-Wno-phys-incomplete and -Wphys-incomplete");
	TAP_STR_EQ(check_known_names(),
		   "phys-mmio, phys-kmap, phys-requires, phys-annotation, phys-attr, phys-incomplete",
		   "the known checks, listed from the registry");
}

static void test_format(void)
{
	struct diag_loc loc = { "drivers/foo.c", 12, 9, 0 };
	bool shown;

	diag_set_emitter(&capture);
	shown = diag_warning(loc, CHECK_MMIO, "MMIO phys '%s' reaches %s()", "bar", "phys_to_virt");
	TAP_STR_EQ(last_warning,
		   "drivers/foo.c:12:9: warning: MMIO phys 'bar' reaches phys_to_virt() [-Wphys-mmio]",
		   "warning line format");
	TAP_CHECK(shown && diag_warning_count(CHECK_MMIO) == 1 && diag_finding_count() == 1,
		  "warning counted");
	diag_note(loc, "'%s' comes from %s()", "bar", "pci_resource_start");
	TAP_STR_EQ(last_note, "drivers/foo.c:12:9: note: 'bar' comes from pci_resource_start()",
		   "note line format");
	check_set_by_name("phys-mmio", false);
	last_warning[0] = '\0';
	shown = diag_warning(loc, CHECK_MMIO, "hidden");
	TAP_CHECK(!shown && !last_warning[0] && diag_warning_count(CHECK_MMIO) == 1,
		  "a disabled check prints and counts nothing");
	shown = diag_warning(loc, CHECK_INCOMPLETE, "not analysed in full");
	TAP_STR_EQ(last_warning,
		   "drivers/foo.c:12:9: warning: not analysed in full [-Wphys-incomplete]",
		   "phys-incomplete is a warning line in the same format");
	TAP_CHECK(shown && diag_warning_count(CHECK_INCOMPLETE) == 1 && diag_finding_count() == 1,
		  "phys-incomplete is counted apart from findings");
	diag_set_emitter(NULL);
}

int main(void)
{
	test_options();
	test_format();
	return tap_done();
}
