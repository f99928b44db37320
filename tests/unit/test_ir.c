// SPDX-License-Identifier: GPL-2.0
/*
 * The IR's builders keep its rules: ir_verify() names the first broken
 * one, and ir_func_finish() stops a front end that built such a function
 * with one line on stderr (abort), rather than letting the engine crash
 * on it later.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ir.h"
#include "tap.h"

static const struct diag_loc here = { "t.c", 1, 1, 0 };

/* f(p) { v0 = param 0; ret v0 } with @bad_operand as the ret's operand. */
static struct ir_func *build(struct ir_unit *unit, int bad_operand, int succ)
{
	struct ir_func *func = ir_func_new(unit, "f", here, 1);
	int block = ir_block_new(func), v = ir_value_new(func, "p");
	struct ir_insn *param = ir_emit(func, block, IR_PARAM, here);
	struct ir_insn *ret = ir_emit(func, block, IR_RET, here);
	int operand = bad_operand;

	param->value = v;
	ir_set_operands(func, param, NULL, 0);
	ir_set_operands(func, ret, &operand, 1);
	if (succ >= 0)
		ir_add_succ(func, block, succ);
	return func;
}

/* ir_verify() of f with a phi whose one operand comes in from @pred. */
static int phi_from(struct ir_unit *unit, int pred)
{
	struct ir_func *func = build(unit, 0, -1);
	struct ir_insn *phi = ir_emit(func, 0, IR_PHI, here);
	int operand = 0;
	char why[256];

	phi->value = ir_value_new(func, "x");
	ir_set_operands(func, phi, &operand, 1);
	phi->operand_blocks = ir_alloc(unit, sizeof(int));
	phi->operand_blocks[0] = pred;
	return ir_verify(func, why, sizeof(why));
}

static void test_verify(void)
{
	struct ir_unit *unit = ir_unit_new("t.c");
	char why[256];

	TAP_CHECK(!ir_verify(build(unit, 0, -1), why, sizeof(why)), "a well-formed function passes");
	TAP_CHECK(!ir_verify(build(unit, IR_NONE, -1), why, sizeof(why)),
		  "IR_NONE is a valid operand");
	TAP_CHECK(ir_verify(build(unit, 7, -1), why, sizeof(why)) &&
		  !strcmp(why, "ret: operand 0 is value 7 of 1"), "an operand out of range");
	TAP_CHECK(ir_verify(build(unit, 0, 3), why, sizeof(why)) &&
		  !strcmp(why, "block 0: successor 3 of 1"), "a successor out of range");
	TAP_CHECK(phi_from(unit, 0) == 0 && phi_from(unit, IR_NONE) == 0,
		  "a phi operand from a block of the function, or from one not known");
	TAP_CHECK(phi_from(unit, 4) != 0, "a phi operand from a block out of range");
	ir_unit_free(unit);
}

static void test_finish_stops(void)
{
	int pipe_fds[2], status;
	char text[512] = "";
	ssize_t n;
	pid_t pid;

	if (pipe(pipe_fds))
		return;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct ir_unit *unit = ir_unit_new("t.c");

		dup2(pipe_fds[1], 2);
		ir_func_finish(build(unit, 7, -1));
		_exit(0);
	}
	close(pipe_fds[1]);
	n = read(pipe_fds[0], text, sizeof(text) - 1);
	text[n > 0 ? n : 0] = '\0';
	close(pipe_fds[0]);
	waitpid(pid, &status, 0);
	TAP_CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT,
		  "ir_func_finish() stops on a malformed function");
	TAP_STR_EQ(text, "physcheck: internal error: malformed IR for f(): "
		   "ret: operand 0 is value 7 of 1\n", "with one line naming it");
}

/* The instructions ir_compare_const() leaves in a fresh block of its own. */
static struct ir_block *compare(struct ir_unit *unit, int64_t k, bool equal,
				struct ir_insn **last)
{
	struct ir_func *func = ir_func_new(unit, "c", here, 1);
	int block = ir_block_new(func), x = ir_value_new(func, "x");
	struct ir_insn *param = ir_emit(func, block, IR_PARAM, here);
	char why[256];

	param->value = x;
	*last = ir_compare_const(func, block, x, k, equal, here);
	(*last)->value = ir_value_new(func, NULL);
	TAP_CHECK(!ir_verify(func, why, sizeof(why)), "the comparison is well-formed IR");
	return func->blocks[block];
}

static void test_compare_const(void)
{
	struct ir_unit *unit = ir_unit_new("t.c");
	struct ir_insn *last;
	struct ir_block *b;

	b = compare(unit, 0, true, &last);
	TAP_CHECK(b->nr_insns == 2 && last->op == IR_NOT && last->nr_operands == 1 &&
		  last->operands[0] == 0, "x == 0 is !x");
	b = compare(unit, 0, false, &last);
	TAP_CHECK(b->nr_insns == 2 && last->op == IR_ARITH && last->nr_operands == 1 &&
		  last->operands[0] == 0 && last->arith == IR_ARITH_OTHER,
		  "x != 0 is a copy of x");
	b = compare(unit, 3, true, &last);
	TAP_CHECK(b->nr_insns == 2 && last->op == IR_EQ_CONST && last->constant == 3 &&
		  last->nr_operands == 1 && last->operands[0] == 0, "x == 3 is eq x $3");
	b = compare(unit, -7, false, &last);
	TAP_CHECK(b->nr_insns == 3 && b->insns[1]->op == IR_EQ_CONST &&
		  b->insns[1]->constant == -7 && b->insns[1]->value != IR_NONE &&
		  last->op == IR_NOT && last->operands[0] == b->insns[1]->value,
		  "x != -7 is the not of eq x $-7");
	ir_unit_free(unit);
}

static void test_path(void)
{
	struct ir_path path;
	char longname[IR_PATH_MAX + 10];
	size_t mark;

	ir_path_init(&path);
	TAP_STR_EQ(path.text, "", "a new path is empty");
	TAP_CHECK(ir_path_add(&path, "pci_dev") == 0, "the first name's mark is 0");
	mark = ir_path_add(&path, "resource");
	ir_path_add(&path, "start");
	TAP_STR_EQ(path.text, "pci_dev.resource.start", "names are joined with dots");
	ir_path_back(&path, mark);
	TAP_STR_EQ(path.text, "pci_dev", "back to a mark drops what came after it");
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	ir_path_add(&path, longname);
	TAP_CHECK(strlen(path.text) == IR_PATH_MAX - 1 &&
		  !strncmp(path.text, "pci_dev.xxx", 11), "a name too long is cut short");
	ir_path_add(&path, "more");
	TAP_CHECK(strlen(path.text) == IR_PATH_MAX - 1, "a full path takes no more");
}

static void test_name_field(void)
{
	struct ir_unit *unit = ir_unit_new("t.c");
	struct ir_func *func = ir_func_new(unit, "f", here, 0);
	int block = ir_block_new(func);
	struct ir_insn *insn = ir_emit(func, block, IR_LOAD, here);
	struct ir_path path;
	char longname[IR_FIELD_MAX + 10];

	ir_path_init(&path);
	ir_path_add(&path, "pci_dev");
	ir_path_add(&path, "resource");
	ir_path_add(&path, "start");
	ir_name_field(func, insn, "resource", "start", &path);
	TAP_STR_EQ(insn->name, "resource.start", "a field is named struct.member");
	TAP_STR_EQ(insn->path, "pci_dev.resource.start", "with the path from the outer object");
	ir_path_init(&path);
	ir_path_add(&path, "resource");
	ir_path_add(&path, "start");
	ir_name_field(func, insn, "resource", "start", &path);
	TAP_CHECK(insn->name && !insn->path, "a path that says no more than the name is left out");
	ir_name_field(func, insn, NULL, "mem_map", NULL);
	TAP_CHECK(insn->name && !strcmp(insn->name, "mem_map") && !insn->path,
		  "a global is named by itself");
	ir_name_field(func, insn, "resource", NULL, &path);
	TAP_CHECK(!insn->name && !insn->path, "no member: no name");
	memset(longname, 'y', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	ir_name_field(func, insn, "r", longname, NULL);
	TAP_CHECK(strlen(insn->name) == IR_FIELD_MAX - 1, "a long struct.member is cut short");
	ir_unit_free(unit);
}

static void test_declare(void)
{
	struct ir_unit *unit = ir_unit_new("t.c");
	enum prov_state params[2] = { PROV_NONE, PROV_KMAP };
	struct ir_func *defined = ir_func_new(unit, "defined", here, 1);
	struct ir_func *decl;

	ir_block_new(defined);
	decl = ir_declare(unit, "f", here, PROV_MMIO, params, 2);
	TAP_CHECK(decl && unit->nr_funcs == 2 && unit->funcs[1] == decl &&
		  !strcmp(decl->name, "f") && !decl->nr_blocks,
		  "a callee is declared: a function without blocks");
	TAP_CHECK(decl && decl->ret_annotation == PROV_MMIO && decl->nr_params == 2 &&
		  decl->params[0].annotation == PROV_NONE &&
		  decl->params[1].annotation == PROV_KMAP,
		  "with its return's and its parameters' annotations");
	TAP_CHECK(!ir_declare(unit, "f", here, PROV_KMAP, NULL, 0) && unit->nr_funcs == 2,
		  "a second declaration of the same name adds nothing");
	TAP_CHECK(!ir_declare(unit, "defined", here, PROV_KMAP, params, 2) &&
		  unit->nr_funcs == 2 && defined->ret_annotation == PROV_NONE,
		  "a function the unit defines is not declared over");
	decl = ir_declare(unit, "g", here, PROV_NONE, NULL, 3);
	TAP_CHECK(decl && decl->nr_params == 3 && decl->params[2].annotation == PROV_NONE,
		  "no parameter annotations: none");
	ir_unit_free(unit);
}

static void test_roles(void)
{
	struct ir_unit *unit = ir_unit_new("t.c");
	struct ir_func *map = ir_func_new(unit, "foo_map", here, 0);
	struct ir_func *other = ir_func_new(unit, "other", here, 0);
	struct ir_roles roles = { NULL, 0, 0 };
	char function[] = "foo_map";
	char longmember[300];
	unsigned int i;

	ir_roles_add(&roles, function, "dma_map_ops", "map_phys");
	function[0] = 'x';	/* the roles keep their own copies */
	ir_roles_add(&roles, "foo_map", "dma_map_ops", "map_page");
	ir_roles_add(&roles, "foo_map", "dma_map_ops", "map_phys");
	ir_roles_add(&roles, "not_here", "dma_map_ops", "unmap_phys");
	TAP_CHECK(roles.nr == 4, "every assignment is recorded");
	ir_roles_assign(&roles, unit);
	TAP_CHECK(map->nr_roles == 2 && !strcmp(map->roles[0], "dma_map_ops.map_phys") &&
		  !strcmp(map->roles[1], "dma_map_ops.map_page"),
		  "a function gets its roles as STRUCT.MEMBER, in order, once each");
	TAP_CHECK(!other->nr_roles, "a function assigned nowhere gets none");
	memset(longmember, 'm', sizeof(longmember) - 1);
	longmember[sizeof(longmember) - 1] = '\0';
	for (i = 0; i < 100; i++)
		ir_roles_add(&roles, "other", "ops", longmember);
	ir_roles_assign(&roles, unit);
	TAP_CHECK(roles.nr == 104 && other->nr_roles == 1 &&
		  strlen(other->roles[0]) == 4 + sizeof(longmember) - 1,
		  "roles grow past their first allocation, long names whole");
	ir_roles_clear(&roles);
	TAP_CHECK(!roles.nr && !roles.roles, "clearing leaves an empty list");
	ir_unit_free(unit);
}

int main(void)
{
	test_verify();
	test_finish_stops();
	test_compare_const();
	test_path();
	test_name_field();
	test_declare();
	test_roles();
	return tap_done();
}
