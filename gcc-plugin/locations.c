// SPDX-License-Identifier: GPL-2.0
/*
 * Locations: GCC's location_t as the engine's diag_loc (file, line,
 * column, where sparse would put them), and back for gcc's diagnostics
 * (unit.c), through a table that lives as long as the unit.
 */
#include "physcheck_gcc.h"

/*
 * diag_loc.host holds an index into this table rather than a location_t,
 * whose width is gcc's business (it grew to 64 bits in gcc 15).
 */
static location_t *host_locations;
static unsigned int nr_host_locations, cap_host_locations;

static unsigned int host_index(location_t loc)
{
	/* statements come in source order: most repeat the last location */
	if (nr_host_locations && host_locations[nr_host_locations - 1] == loc)
		return nr_host_locations;
	if (nr_host_locations == cap_host_locations) {
		cap_host_locations = cap_host_locations ? cap_host_locations * 2 : 1024;
		host_locations = XRESIZEVEC(location_t, host_locations,
					    cap_host_locations);
	}
	host_locations[nr_host_locations++] = loc;
	return nr_host_locations;
}

/* At the end of the unit, when no diag_loc of it is left. */
void physcheck_forget_locations(void)
{
	XDELETEVEC(host_locations);
	host_locations = NULL;
	nr_host_locations = cap_host_locations = 0;
}

location_t physcheck_host_location(struct diag_loc loc)
{
	if (!loc.host || loc.host > nr_host_locations)
		return UNKNOWN_LOCATION;
	return host_locations[loc.host - 1];
}

/*
 * Where the user wrote it: a load inside pci_resource_start() is reported
 * where the macro is used, as sparse does, not in the header defining it.
 */
struct diag_loc physcheck_loc(location_t loc)
{
	struct diag_loc d = { NULL, 0, 0, 0 };
	expanded_location x;

	loc = linemap_resolve_location(line_table, loc,
				       LRK_MACRO_EXPANSION_POINT, NULL);
	x = expand_location(loc);
	d.file = x.file ? x.file : "<unknown>";
	d.line = x.line;
	d.col = x.column;
	d.host = host_index(loc);
	return d;
}
