// SPDX-License-Identifier: GPL-2.0
/*
 * Source lines, each file read once per unit.  The plugin places a call
 * where sparse does, at its '(' in the source line (lower.c), so it looks
 * at the line of every call it lowers.  GCC's own file cache holds a few
 * files and scans one from its start again for a line it no longer has;
 * a kernel unit's calls come from dozens of headers, and that scanning
 * was a third of what the plugin added to cc1 (kernel/dma/debug.c on
 * 7.3: 35 M of 114 M instructions).
 */
#include "physcheck_gcc.h"

struct source_file {
	char *name;
	char *text;		/* NULL: unreadable, ask GCC */
	size_t *starts;		/* line n (1-based) starts at text + starts[n - 1] */
	size_t nr_lines;
	size_t size;
};

static struct source_file *files;
static unsigned int nr_files;

static void index_lines(struct source_file *sf)
{
	size_t i, n = 1;

	for (i = 0; i < sf->size; i++)
		n += sf->text[i] == '\n';
	sf->starts = XNEWVEC(size_t, n + 1);
	sf->starts[0] = 0;
	sf->nr_lines = 1;
	for (i = 0; i < sf->size; i++)
		if (sf->text[i] == '\n')
			sf->starts[sf->nr_lines++] = i + 1;
}

static void read_source(struct source_file *sf)
{
	FILE *f = fopen(sf->name, "rb");
	size_t cap = 65536, got;

	if (!f)
		return;
	sf->text = XNEWVEC(char, cap);
	while ((got = fread(sf->text + sf->size, 1, cap - sf->size, f)) > 0) {
		sf->size += got;
		if (sf->size == cap) {
			cap *= 2;
			sf->text = XRESIZEVEC(char, sf->text, cap);
		}
	}
	if (ferror(f)) {
		XDELETEVEC(sf->text);
		sf->text = NULL;
	} else {
		index_lines(sf);
	}
	fclose(f);
}

static struct source_file *source(const char *name)
{
	unsigned int i;

	for (i = 0; i < nr_files; i++)
		if (!strcmp(files[i].name, name))
			return &files[i];
	files = XRESIZEVEC(struct source_file, files, nr_files + 1);
	memset(&files[nr_files], 0, sizeof(files[0]));
	files[nr_files].name = xstrdup(name);
	read_source(&files[nr_files]);
	return &files[nr_files++];
}

/* Line @line of @file without its newline, @len long; NULL if it has
 * none. */
const char *physcheck_source_line(const char *file, int line, int *len)
{
	struct source_file *sf = source(file);
	size_t start, end;

	*len = 0;
	if (!sf->text)
		return physcheck_gcc_source_line(file, line, len);
	if (line < 1 || (size_t)line > sf->nr_lines)
		return NULL;
	start = sf->starts[line - 1];
	end = (size_t)line < sf->nr_lines ? sf->starts[line] - 1 : sf->size;
	*len = (int)(end - start);
	return sf->text + start;
}

void physcheck_forget_sources(void)
{
	unsigned int i;

	for (i = 0; i < nr_files; i++) {
		free(files[i].name);
		XDELETEVEC(files[i].text);
		XDELETEVEC(files[i].starts);
	}
	XDELETEVEC(files);
	files = NULL;
	nr_files = 0;
}
