// SPDX-License-Identifier: GPL-2.0
/*
 * The solved database of cross-file facts (scripts/physcheck-db build),
 * read once per process into a table by function name: which parameters
 * of each function with external linkage must be kmappable, on which
 * condition, and the chain of calls to the sink.  The engine gives a
 * called function of another unit that summary, as if it had one of its
 * own (engine_declare_extern()).
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "context.h"
#include "facts.h"
#include "strhash.h"
#include "xalloc.h"

#define DB_VERSION	"1"

/*
 * SQLite is loaded when a database is read, not linked: its relocations
 * cost every run of the checker about a million instructions at start,
 * more than sparse spends on a small file, and most runs read no
 * database.  The header still gives the calls their types.
 */
#define SQLITE_SONAME	"libsqlite3.so.0"

static struct {
	__typeof__(sqlite3_open_v2) *open_v2;
	__typeof__(sqlite3_close) *close;
	__typeof__(sqlite3_errmsg) *errmsg;
	__typeof__(sqlite3_prepare_v2) *prepare_v2;
	__typeof__(sqlite3_step) *step;
	__typeof__(sqlite3_finalize) *finalize;
	__typeof__(sqlite3_column_int) *column_int;
	__typeof__(sqlite3_column_text) *column_text;
} sql_api;

static const struct {
	const char *name;
	void **slot;
} sql_symbols[] = {
	{ "sqlite3_open_v2", (void **)&sql_api.open_v2 },
	{ "sqlite3_close", (void **)&sql_api.close },
	{ "sqlite3_errmsg", (void **)&sql_api.errmsg },
	{ "sqlite3_prepare_v2", (void **)&sql_api.prepare_v2 },
	{ "sqlite3_step", (void **)&sql_api.step },
	{ "sqlite3_finalize", (void **)&sql_api.finalize },
	{ "sqlite3_column_int", (void **)&sql_api.column_int },
	{ "sqlite3_column_text", (void **)&sql_api.column_text },
};

/* Load SQLite once; NULL when it is there, else why not (dlerror()'s
 * text is kept: a later dl call may overwrite it). */
static const char *load_sqlite(void)
{
	static char why[256];
	static int state;	/* 0 not tried, 1 loaded, -1 failed */
	void *lib;
	size_t i;

	if (state)
		return state > 0 ? NULL : why;
	state = -1;
	lib = dlopen(SQLITE_SONAME, RTLD_NOW | RTLD_LOCAL);
	for (i = 0; lib && i < sizeof(sql_symbols) / sizeof(sql_symbols[0]); i++) {
		*sql_symbols[i].slot = dlsym(lib, sql_symbols[i].name);
		if (!*sql_symbols[i].slot)
			break;
	}
	if (!lib || i < sizeof(sql_symbols) / sizeof(sql_symbols[0])) {
		snprintf(why, sizeof(why), "%s", dlerror());
		return why;
	}
	state = 1;
	return NULL;
}

struct db_func {
	char *name;
	unsigned int nr_params;
	struct summary summary;
	struct db_func *next;
};

struct fact_db {
	struct db_func **buckets;
	unsigned int nr_buckets;
	char *path;
};

static char *dup_text(const unsigned char *text)
{
	const char *s = text ? (const char *)text : "";
	char *copy = pc_xcalloc(strlen(s) + 1, 1);

	return strcpy(copy, s);
}

static struct db_func *lookup(const struct fact_db *db, const char *name)
{
	struct db_func *fn;

	for (fn = db->buckets[pc_hash_string(name) & (db->nr_buckets - 1)]; fn; fn = fn->next)
		if (!strcmp(fn->name, name))
			return fn;
	return NULL;
}

static struct db_func *lookup_or_add(struct fact_db *db, const unsigned char *name)
{
	struct db_func *fn = lookup(db, (const char *)name);
	unsigned int h;

	if (fn)
		return fn;
	fn = pc_xcalloc(1, sizeof(*fn));
	fn->name = dup_text(name);
	h = pc_hash_string(fn->name) & (db->nr_buckets - 1);
	fn->next = db->buckets[h];
	db->buckets[h] = fn;
	return fn;
}

/* One requirement; one of another unit's function of the same name
 * joins it as two paths would. */
static void add_requirement(struct fact_db *db, sqlite3_stmt *row)
{
	struct db_func *fn = lookup_or_add(db, sql_api.column_text(row, 0));
	int param = sql_api.column_int(row, 2) - 1, unless = sql_api.column_int(row, 3);
	struct summary *s = &fn->summary;

	if (param < 0 || param >= PROV_MAX_PARAMS)
		return;
	fn->nr_params = (unsigned int)sql_api.column_int(row, 1);
	if (s->requires & (UINT32_C(1) << param)) {
		if (s->require_unless[param] != unless)
			s->require_unless[param] = 0;
		return;
	}
	s->requires |= UINT32_C(1) << param;
	s->require_unless[param] = (int8_t)unless;
	s->require_sink[param] = dup_text(sql_api.column_text(row, 4));
	s->require_arg[param] = (uint8_t)(sql_api.column_int(row, 5) - 1);
}

static void add_hop(struct fact_db *db, sqlite3_stmt *row)
{
	struct db_func *fn = lookup(db, (const char *)sql_api.column_text(row, 0));
	int param = sql_api.column_int(row, 1) - 1;
	struct summary *s = fn ? &fn->summary : NULL;
	struct chain_hop *hops, *hop;
	unsigned int n;

	if (!s || param < 0 || param >= PROV_MAX_PARAMS || s->nr_require_hops[param] == 255)
		return;
	n = s->nr_require_hops[param];
	hops = pc_xrealloc((void *)s->require_hops[param], (n + 1) * sizeof(*hops));
	hop = &hops[n];
	hop->loc.file = dup_text(sql_api.column_text(row, 2));
	hop->loc.line = sql_api.column_int(row, 3);
	hop->loc.col = sql_api.column_int(row, 4);
	hop->loc.host = 0;
	hop->caller = dup_text(sql_api.column_text(row, 5));
	hop->callee = dup_text(sql_api.column_text(row, 6));
	hop->arg = (unsigned int)sql_api.column_int(row, 7);
	s->require_hops[param] = hops;
	s->nr_require_hops[param] = (uint8_t)(n + 1);
	if (n == 0)
		s->require_loc[param] = hop->loc;
}

typedef void (*row_fn)(struct fact_db *db, sqlite3_stmt *row);

static int each_row(sqlite3 *sql, struct fact_db *db, const char *query, row_fn fn)
{
	sqlite3_stmt *row;
	int rc;

	if (sql_api.prepare_v2(sql, query, -1, &row, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sql_api.step(row)) == SQLITE_ROW)
		fn(db, row);
	sql_api.finalize(row);
	return rc == SQLITE_DONE ? 0 : -1;
}

static bool is_physcheck_db(sqlite3 *sql)
{
	sqlite3_stmt *row;
	bool ok = false;

	if (sql_api.prepare_v2(sql, "SELECT value FROM meta WHERE key = 'version'",
			       -1, &row, NULL) != SQLITE_OK)
		return false;
	if (sql_api.step(row) == SQLITE_ROW)
		ok = !strcmp((const char *)sql_api.column_text(row, 0), DB_VERSION);
	sql_api.finalize(row);
	return ok;
}

static const char requirements_query[] =
	"SELECT f.name, f.nr_params, r.param, COALESCE(r.unless_param, 0), "
	"       r.sink, r.sink_arg "
	"FROM requirements r JOIN functions f ON f.id = r.function "
	"WHERE f.static = 0 ORDER BY f.id, r.param";

static const char hops_query[] =
	"SELECT f.name, h.param, h.file, h.line, h.col, h.caller, h.callee, h.arg "
	"FROM hops h JOIN functions f ON f.id = h.function "
	"WHERE f.static = 0 AND h.chain = 0 ORDER BY f.id, h.param, h.seq";

/* Read the database at @path into @db; NULL, or why not (the caller
 * frees it). */
static const char *read_db(struct fact_db *db, const char *path)
{
	const char *why = load_sqlite();
	sqlite3 *sql = NULL;

	if (why)
		return dup_text((const unsigned char *)why);
	if (sql_api.open_v2(path, &sql, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		why = sql ? sql_api.errmsg(sql) : "cannot open it";
	else if (!is_physcheck_db(sql))
		why = "not a physcheck database of this version (physcheck-db build makes one)";
	else if (each_row(sql, db, requirements_query, add_requirement) ||
		 each_row(sql, db, hops_query, add_hop))
		why = sql_api.errmsg(sql);
	if (why)
		why = dup_text((const unsigned char *)why);	/* outlives the handle */
	if (sql)
		sql_api.close(sql);
	return why;
}

struct fact_db *fact_db_open(const char *path, char *error, size_t error_size)
{
	struct fact_db *db = pc_xcalloc(1, sizeof(*db));
	const char *why;

	db->nr_buckets = 4096;
	db->buckets = pc_xcalloc(db->nr_buckets, sizeof(*db->buckets));
	db->path = dup_text((const unsigned char *)path);
	why = read_db(db, path);
	if (why) {
		snprintf(error, error_size, "%s: %s", path, why);
		free((void *)why);
		fact_db_close(db);
		return NULL;
	}
	return db;
}

void fact_db_close(struct fact_db *db)
{
	unsigned int i, p, h;

	if (!db)
		return;
	for (i = 0; i < db->nr_buckets; i++) {
		struct db_func *fn, *next;

		for (fn = db->buckets[i]; fn; fn = next) {
			next = fn->next;
			for (p = 0; p < PROV_MAX_PARAMS; p++) {
				struct chain_hop *hops = (struct chain_hop *)fn->summary.require_hops[p];

				for (h = 0; h < fn->summary.nr_require_hops[p]; h++) {
					free((void *)hops[h].loc.file);
					free((void *)hops[h].caller);
					free((void *)hops[h].callee);
				}
				free(hops);
				free((void *)fn->summary.require_sink[p]);
			}
			free(fn->name);
			free(fn);
		}
	}
	free(db->buckets);
	free(db->path);
	free(db);
}

/* The database's summary of @name, or NULL. */
const struct summary *fact_db_summary(const struct fact_db *db, const char *name,
				      unsigned int *nr_params)
{
	const struct db_func *fn = db && name ? lookup(db, name) : NULL;

	if (!fn)
		return NULL;
	*nr_params = fn->nr_params;
	return &fn->summary;
}
