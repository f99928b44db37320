/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A finding: a check's warning and the notes that walk the value to it,
 * built whole before the engine decides where and when it is shown
 * (report.c).  This only formats and emits; it knows nothing of the
 * engine.
 */
#ifndef PHYSCHECK_FINDINGS_H
#define PHYSCHECK_FINDINGS_H

#include "diag.h"

#define MAX_NOTES 3

/* and the steps of a call chain through other units (the database's) */
#define CHAIN_NOTES 10

#define FINDING_NOTES (MAX_NOTES + 3 + CHAIN_NOTES)

struct finding {
	enum check_id check;
	struct diag_loc loc;
	char message[256];
	unsigned int nr_notes;
	struct diag_loc note_loc[FINDING_NOTES];
	char note[FINDING_NOTES][256];
};

void finding_init(struct finding *fd, enum check_id check, struct diag_loc loc,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void finding_init_keep_notes(struct finding *fd, enum check_id check,
			     struct diag_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void finding_append(struct finding *fd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void finding_note(struct finding *fd, struct diag_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
bool finding_emit(const struct finding *fd);

#endif /* PHYSCHECK_FINDINGS_H */
