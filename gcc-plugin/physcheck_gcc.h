/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the plugin's files share: the loaded model, the GIMPLE pass that
 * lowers each function (lower.c), the unit that collects them and runs
 * the engine at the end (unit.c), and the inline expansion that makes the
 * unit look the way the sparse front end lowers it (flatten.c).
 */
#ifndef PHYSCHECK_GCC_H
#define PHYSCHECK_GCC_H

#include "gcc-common.h"

#include "diag.h"
#include "engine.h"
#include "facts.h"
#include "flag_expr.h"
#include "ir.h"
#include "model.h"

#define PLUGIN_NAME "physcheck_plugin"

extern struct model *physcheck_model;
extern bool physcheck_verbose;
extern const char *physcheck_facts_dir;	/* facts-dir=, or NULL */
extern struct fact_db *physcheck_db;	/* db=, or NULL */

/* lower.c */
opt_pass *make_physcheck_pass(gcc::context *ctxt);

/* locations.c */
struct diag_loc physcheck_loc(location_t loc);
location_t physcheck_host_location(struct diag_loc loc);
void physcheck_forget_locations(void);
/* sources.c */
const char *physcheck_source_line(const char *file, int line, int *len);
void physcheck_forget_sources(void);

/* annotations.c */
void annotations_register(const char *plugin_name);
enum prov_state physcheck_annotation_in(tree attrs);
bool physcheck_moved_annotations(tree fndecl, enum prov_state *params, unsigned int *n);

/* unit.c */
struct ir_unit *unit_stage(void);
void unit_staged(struct ir_func *func, bool inline_body);
void unit_declare(const char *name, struct diag_loc loc, enum prov_state ret,
		  const enum prov_state *params, unsigned int nr_params);
void unit_start(void *event_data, void *data);
void unit_finish_decl(void *event_data, void *data);
void unit_finish_type(void *event_data, void *data);
void unit_finish(void *event_data, void *data);
extern const struct ggc_root_tab physcheck_ggc_roots[];

/* flatten.c */
struct ir_unit *flatten_headers(const struct ir_unit *stage, const bool *inline_body);
struct ir_func *flatten_body(const struct ir_unit *stage, const bool *inline_body,
			     unsigned int index);
void flatten_release(void);

#endif /* PHYSCHECK_GCC_H */
