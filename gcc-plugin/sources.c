// SPDX-License-Identifier: GPL-2.0
/*
 * Source lines, each file read once per unit.  The plugin places a call
 * where sparse does, at its '(' in the source line (lower.c), so it looks
 * at the line of every call it lowers.  GCC's own file cache holds a few
 * files and scans one from its start again for a line it no longer has;
 * a kernel unit's calls come from dozens of headers, and that scanning
 * was a third of what the plugin added to cc1 (kernel/dma/debug.c on
 * 7.3: 35 M of 114 M instructions).
 *
 * Only where each line starts is kept, not the text: the files held
 * whole were megabytes at the moment cc1's memory peaks (mm/hugetlb.c
 * on 7.3: 1.050x to 1.070x cc1's peak).  A line is read back with one
 * pread() of its bytes, the file kept open while lookups stay in it.
 */
#include <fcntl.h>
#include <unistd.h>

#include "physcheck_gcc.h"

struct source_file {
	char *name;
	const char *key;	/* GCC's own copy of the name, which it keeps */
	bool readable;		/* false: ask GCC */
	uint32_t *starts;	/* line n (1-based) starts at offset starts[n - 1] */
	size_t nr_lines;
	size_t size;
};

static struct source_file *files;
static unsigned int nr_files;
static int open_fd = -1;	/* of files[open_file] */
static unsigned int open_file;
static char *line_buf;
static size_t line_cap;

/*
 * Where each line starts, found with memchr(): a unit's calls come from
 * dozens of headers, read whole for a few lines each, and a loop over
 * their bytes was most of what the lookups cost (mm/memory.c on 7.3:
 * 32 M instructions).
 */
static void index_lines(struct source_file *sf, const char *text)
{
	const char *p = text, *end = text + sf->size, *nl;
	size_t cap = sf->size / 32 + 16;

	sf->starts = XNEWVEC(uint32_t, cap);
	sf->starts[0] = 0;
	sf->nr_lines = 1;
	while ((nl = (const char *)memchr(p, '\n', end - p)) != NULL) {
		if (sf->nr_lines + 1 >= cap) {
			cap *= 2;
			sf->starts = XRESIZEVEC(uint32_t, sf->starts, cap);
		}
		p = nl + 1;
		sf->starts[sf->nr_lines++] = (uint32_t)(p - text);
	}
	/* only the offsets stay, as many as there are lines */
	sf->starts = XRESIZEVEC(uint32_t, sf->starts, sf->nr_lines + 1);
}

static void read_source(struct source_file *sf)
{
	FILE *f = fopen(sf->name, "rb");
	size_t cap = 65536, got;
	char *text;

	if (!f)
		return;
	text = XNEWVEC(char, cap);
	while ((got = fread(text + sf->size, 1, cap - sf->size, f)) > 0) {
		sf->size += got;
		if (sf->size == cap) {
			cap *= 2;
			text = XRESIZEVEC(char, text, cap);
		}
	}
	/* offsets are 32 bits: a larger file is GCC's to read */
	if (!ferror(f) && sf->size < UINT32_MAX) {
		index_lines(sf, text);
		sf->readable = true;
	}
	XDELETEVEC(text);
	fclose(f);
}

/* Calls come in runs from one file: GCC's name of the last one found is
 * tried before any name is compared. */
static struct source_file *source(const char *name)
{
	static unsigned int last;
	unsigned int i;

	if (last < nr_files && files[last].key == name)
		return &files[last];
	for (i = 0; i < nr_files; i++) {
		if (!strcmp(files[i].name, name)) {
			files[i].key = name;
			last = i;
			return &files[i];
		}
	}
	files = XRESIZEVEC(struct source_file, files, nr_files + 1);
	memset(&files[nr_files], 0, sizeof(files[0]));
	files[nr_files].name = xstrdup(name);
	files[nr_files].key = name;
	last = nr_files;
	read_source(&files[nr_files]);
	return &files[nr_files++];
}

static void close_source(void)
{
	if (open_fd >= 0)
		close(open_fd);
	open_fd = -1;
}

/* Bytes [@start, @end) of @sf into line_buf; NULL if they cannot be read. */
static const char *read_span(struct source_file *sf, size_t start, size_t end)
{
	unsigned int index = (unsigned int)(sf - files);
	size_t len = end - start;

	if (open_fd < 0 || open_file != index) {
		close_source();
		open_fd = open(sf->name, O_RDONLY | O_CLOEXEC);
		open_file = index;
		if (open_fd < 0)
			return NULL;
	}
	if (len + 1 > line_cap) {
		line_cap = len + 1 > 256 ? len + 1 : 256;
		line_buf = XRESIZEVEC(char, line_buf, line_cap);
	}
	if (pread(open_fd, line_buf, len, (off_t)start) != (ssize_t)len)
		return NULL;
	line_buf[len] = '\0';
	return line_buf;
}

/* Line @line of @file without its newline, @len long; NULL if it has
 * none.  The text stays valid until the next call. */
const char *physcheck_source_line(const char *file, int line, int *len)
{
	struct source_file *sf = source(file);
	size_t start, end;
	const char *text;

	*len = 0;
	if (!sf->readable)
		return physcheck_gcc_source_line(file, line, len);
	if (line < 1 || (size_t)line > sf->nr_lines)
		return NULL;
	start = sf->starts[line - 1];
	end = (size_t)line < sf->nr_lines ? sf->starts[line] - 1 : sf->size;
	text = read_span(sf, start, end);
	if (text)
		*len = (int)(end - start);
	return text;
}

void physcheck_forget_sources(void)
{
	unsigned int i;

	close_source();
	for (i = 0; i < nr_files; i++) {
		free(files[i].name);
		XDELETEVEC(files[i].starts);
	}
	XDELETEVEC(line_buf);
	line_buf = NULL;
	line_cap = 0;
	XDELETEVEC(files);
	files = NULL;
	nr_files = 0;
}
