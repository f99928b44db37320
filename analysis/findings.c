// SPDX-License-Identifier: GPL-2.0
/*
 * Findings: their words, and their emission through diag.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "findings.h"

void finding_init(struct finding *fd, enum check_id check, struct diag_loc loc,
		  const char *fmt, ...)
{
	va_list ap;

	memset(fd, 0, sizeof(*fd));
	fd->check = check;
	fd->loc = loc;
	va_start(ap, fmt);
	vsnprintf(fd->message, sizeof(fd->message), fmt, ap);
	va_end(ap);
}

/* A new message and place for a finding, keeping the notes it has. */
void finding_init_keep_notes(struct finding *fd, enum check_id check,
			     struct diag_loc loc, const char *fmt, ...)
{
	va_list ap;

	fd->check = check;
	fd->loc = loc;
	va_start(ap, fmt);
	vsnprintf(fd->message, sizeof(fd->message), fmt, ap);
	va_end(ap);
}

/* More words at the end of the message. */
void finding_append(struct finding *fd, const char *fmt, ...)
{
	size_t len = strlen(fd->message);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(fd->message + len, sizeof(fd->message) - len, fmt, ap);
	va_end(ap);
}

void finding_note(struct finding *fd, struct diag_loc loc, const char *fmt, ...)
{
	va_list ap;

	if (fd->nr_notes == FINDING_NOTES)
		return;
	fd->note_loc[fd->nr_notes] = loc;
	va_start(ap, fmt);
	vsnprintf(fd->note[fd->nr_notes], sizeof(fd->note[0]), fmt, ap);
	va_end(ap);
	fd->nr_notes++;
}

/* Show the warning and its notes; false if its check is off. */
bool finding_emit(const struct finding *fd)
{
	unsigned int i;

	if (!diag_warning(fd->loc, fd->check, "%s", fd->message))
		return false;
	for (i = 0; i < fd->nr_notes; i++)
		diag_note(fd->note_loc[i], "%s", fd->note[i]);
	return true;
}
