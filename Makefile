# SPDX-License-Identifier: GPL-2.0
#
# physcheck: make [all|demo|check|boot-test|gate|bench|deps|install|clean] [V=1]
#
# Everything a build or a test writes goes under build/, except the two
# binaries users point their kernel build at: sparse-plugin/physcheck and
# gcc-plugin/physcheck_plugin.so.

PREFIX	?= /usr/local
DESTDIR	?=
BUILD	:= build

CC	?= cc
CXX	?= g++
HOSTCC	:= gcc
comma	:= ,
CFLAGS	?= -O2 -g
WARN	:= -Wall -Wextra -Wno-unused-parameter

ifeq ($(V),1)
Q	:=
quiet	=
else
Q	:= @
quiet	= @printf '  %-7s %s\n' '$(1)' '$(2)';
MAKEFLAGS += --no-print-directory
endif

# Tests and tools must not leave __pycache__ beside the sources.
export PYTHONDONTWRITEBYTECODE := 1

# Dependencies come first: demo and check install what is missing.
DEPS_STAMP := $(BUILD)/.deps-core

all: analysis sparse gcc-plugin

.PHONY: all analysis sparse gcc-plugin tests demo check boot-test gate bench deps deps-kernel deps-tests readme-checks \
	fuzz fuzz-run deps-fuzz install clean FORCE

# ---------------------------------------------------------------- deps
# setup-deps installs nothing and prints nothing when all is there, so it
# runs every time: a stamp would lie once a package is removed.
deps:
	$(Q)scripts/setup-deps core

deps-kernel:
	$(Q)scripts/setup-deps core kernel

# what only the tests use: the kernel tier's packages, the SARIF validator
# and its schema (fetched into build/sarif/, see tests/sarif.py)
deps-tests:
	$(Q)scripts/setup-deps core kernel tests
	$(Q)python3 tests/sarif.py --fetch

# ---------------------------------------------------------------- analysis
ANALYSIS_SRCS	:= $(wildcard analysis/*.c analysis/checks/*.c)
ANALYSIS_OBJS	:= $(patsubst %.c,$(BUILD)/%.o,$(ANALYSIS_SRCS))
ANALYSIS_LIB	:= $(BUILD)/analysis/libphyscheck.a
# what the engine links beside it: dlopen(), for SQLite, which reads
# physcheck-db's database and is loaded only then (analysis/factdb.c)
ANALYSIS_LDLIBS	:= -ldl
ANALYSIS_CFLAGS	:= $(CFLAGS) $(WARN) -std=gnu11 -fPIC -MMD -MP

analysis: $(ANALYSIS_LIB)

$(BUILD)/analysis/%.o: analysis/%.c
	@mkdir -p $(dir $@)
	$(call quiet,CC,$@)
	$(Q)$(CC) $(ANALYSIS_CFLAGS) -c -o $@ $<

$(ANALYSIS_LIB): $(ANALYSIS_OBJS)
	$(call quiet,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

# ---------------------------------------------------------------- sparse
# Debian ships no libsparse or sparse headers: build them from Debian's
# sparse source package, fetched by scripts/physcheck-fetch through a
# private apt configuration (build/apt/; the machine's is never touched).
# The suite is sid: its 0.6.5 parses what current kernels' headers use,
# which 7.3's kbuild asks of its checker.  Debian's packaging sets
# CC = gcc-16; CC on the command line builds it with ours.  The same
# source builds build/sparse/src/sparse, the sparse the tests and
# benches compare the client with.  The version is recorded in VERSION.
SPARSE_DIR	:= $(BUILD)/sparse
SPARSE_SRC	:= $(SPARSE_DIR)/src
SPARSE_LIB	:= $(SPARSE_SRC)/libsparse.a
SPARSE_REF	:= $(SPARSE_SRC)/sparse
SPARSE_STAMP	:= $(SPARSE_DIR)/.unpacked
SPARSE_MAKE	= $(MAKE) -C $(SPARSE_SRC) -s PREFIX=/usr CC='$(HOSTCC)' \
		SPARSE_VERSION='$$(VERSION) (Debian $(shell cut -d' ' -f2 $(SPARSE_DIR)/VERSION 2>/dev/null))'

$(SPARSE_STAMP): scripts/physcheck-fetch
	$(call quiet,FETCH,Debian sparse source)
	$(Q)rm -rf $(SPARSE_DIR) && mkdir -p $(SPARSE_DIR)
	$(Q)scripts/physcheck-fetch --build $(BUILD) sparse-source $(SPARSE_DIR)/dl
	$(Q)dpkg-source -q -x $(SPARSE_DIR)/dl/sparse_*.dsc $(SPARSE_SRC) \
		>$(SPARSE_DIR)/unpack.log 2>&1 || { cat $(SPARSE_DIR)/unpack.log >&2; exit 2; }
	$(Q)cp $(SPARSE_DIR)/dl/VERSION $(SPARSE_DIR)/VERSION
	$(Q)touch $@

$(SPARSE_LIB): $(SPARSE_STAMP)
	$(call quiet,MAKE,$@ ($(shell cut -d' ' -f1,2 $(SPARSE_DIR)/VERSION 2>/dev/null)))
	$(Q)$(SPARSE_MAKE) libsparse.a >$(SPARSE_DIR)/build.log 2>&1 || \
		{ tail -n 30 $(SPARSE_DIR)/build.log >&2; exit 2; }

$(SPARSE_REF): $(SPARSE_LIB)
	$(call quiet,MAKE,$@)
	$(Q)$(SPARSE_MAKE) sparse >>$(SPARSE_DIR)/build.log 2>&1 || \
		{ tail -n 30 $(SPARSE_DIR)/build.log >&2; exit 2; }

# The other programs sparse's validation suite runs (tests/validation).
SPARSE_TEST_PROGS := $(addprefix $(SPARSE_SRC)/,test-linearize test-parsing test-show-type)

$(SPARSE_TEST_PROGS): $(SPARSE_LIB)
	$(call quiet,MAKE,$@)
	$(Q)$(SPARSE_MAKE) $(notdir $@) >>$(SPARSE_DIR)/build.log 2>&1 || \
		{ tail -n 30 $(SPARSE_DIR)/build.log >&2; exit 2; }

SPARSE_CLIENT	:= sparse-plugin/physcheck
SPARSE_OBJS	:= $(patsubst sparse-plugin/%.c,$(BUILD)/sparse-plugin/%.o,\
		     $(wildcard sparse-plugin/*.c))
SPARSE_CFLAGS	:= $(CFLAGS) -std=gnu11 -MMD -MP -Ianalysis -I$(SPARSE_SRC) \
		   -Isparse-plugin

sparse: $(SPARSE_CLIENT)

# sparse.c is compiled as sparse compiles it, without our warnings.
$(BUILD)/sparse-plugin/sparse_builtin.o: sparse-plugin/sparse_builtin.c $(SPARSE_LIB)
	@mkdir -p $(dir $@)
	$(call quiet,CC,$@)
	$(Q)$(CC) $(SPARSE_CFLAGS) -c -o $@ $<

$(BUILD)/sparse-plugin/%.o: sparse-plugin/%.c $(SPARSE_LIB)
	@mkdir -p $(dir $@)
	$(call quiet,CC,$@)
	$(Q)$(CC) $(SPARSE_CFLAGS) $(WARN) -c -o $@ $<

# --wrap: see __wrap_optimize() and __wrap_sparse_error() in
# sparse-plugin/physcheck.c.  A wrap takes only calls from another object,
# so each wrapped function must be defined in libsparse.a and called from
# another of its objects; a sparse where that no longer holds is a build
# error, never a client that silently analyses nothing.
SPARSE_WRAPPED	:= optimize ssa_convert sparse_error expression_error
SPARSE_WRAPS	:= $(BUILD)/sparse-plugin/.wraps-checked

$(SPARSE_WRAPS): $(SPARSE_LIB)
	@mkdir -p $(dir $@)
	$(Q)for sym in $(SPARSE_WRAPPED); do \
		nm -A $(SPARSE_LIB) | grep -q " T $$sym$$" && \
		nm -A $(SPARSE_LIB) | grep -q " U $$sym$$" || { \
		echo "physcheck: sparse $$(cut -d' ' -f2 $(SPARSE_DIR)/VERSION) no longer defines and calls $$sym(), which the client wraps (sparse-plugin/physcheck.c)" >&2; \
		exit 2; }; done
	$(Q)touch $@

$(SPARSE_CLIENT): $(SPARSE_OBJS) $(ANALYSIS_LIB) $(SPARSE_LIB) $(SPARSE_WRAPS) $(SPARSE_REF)
	$(call quiet,LD,$@)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -pthread \
		$(addprefix -Wl$(comma)--wrap=,$(SPARSE_WRAPPED)) -o $@ $(SPARSE_OBJS) \
		$(ANALYSIS_LIB) $(SPARSE_LIB) $(ANALYSIS_LDLIBS)

# ---------------------------------------------------------------- gcc plugin
# Built with the plugin headers of the gcc that will load it; gcc refuses
# a plugin built for another version, and the plugin says so in one line.
PLUGIN_CC	:= gcc
PLUGIN_DIR	:= $(shell $(PLUGIN_CC) -print-file-name=plugin 2>/dev/null)
GCC_PLUGIN	:= gcc-plugin/physcheck_plugin.so
PLUGIN_OBJS	:= $(patsubst gcc-plugin/%.c,$(BUILD)/gcc-plugin/%.o,$(wildcard gcc-plugin/*.c))
PLUGIN_CXXFLAGS	:= $(CFLAGS) -std=gnu++11 -fPIC -fno-rtti -fno-exceptions \
		   -fasynchronous-unwind-tables -Wall -Wno-narrowing \
		   -Wno-unused-parameter -Wno-format-diag -MMD -MP \
		   -I$(PLUGIN_DIR)/include -Ianalysis -Igcc-plugin

gcc-plugin: $(GCC_PLUGIN)

$(PLUGIN_DIR)/include/gcc-plugin.h:
	@echo "physcheck: no gcc plugin headers in $(PLUGIN_DIR): run 'make deps'" >&2
	@exit 2

$(BUILD)/gcc-plugin/%.o: gcc-plugin/%.c $(PLUGIN_DIR)/include/gcc-plugin.h
	@mkdir -p $(dir $@)
	$(call quiet,CXX,$@)
	$(Q)$(CXX) $(PLUGIN_CXXFLAGS) -x c++ -c -o $@ $<

# Linked by the C driver: cc1 carries the C++ runtime the plugin uses
# (operator new, the unwinder's personality) and exports it to plugins,
# and leaving libstdc++.so out saves every compile a megabyte of memory.
$(GCC_PLUGIN): $(PLUGIN_OBJS) $(ANALYSIS_LIB)
	$(call quiet,LD,$@)
	$(Q)$(PLUGIN_CC) -shared -o $@ $(PLUGIN_OBJS) $(ANALYSIS_LIB) $(ANALYSIS_LDLIBS)

# The README's table of checks, rewritten from the registry
# (physcheck --list-checks --json); the checker tier tests it is current.
readme-checks: $(SPARSE_CLIENT)
	$(Q)python3 tests/checker/readme_checks.py --write --checker $(SPARSE_CLIENT) --readme README.md

# ---------------------------------------------------------------- fuzz
# Each harness of tests/fuzz/ is built twice: with a plain main that
# replays its corpus (`make check`, any compiler), and with clang's
# libFuzzer, ASan and UBSan for `make fuzz` (FUZZ_SECONDS per harness).
FUZZ_HARNESSES	:= model engine
FUZZ_REPLAY	:= $(patsubst %,$(BUILD)/fuzz/replay_%,$(FUZZ_HARNESSES))
FUZZ_BINS	:= $(patsubst %,$(BUILD)/fuzz/fuzz_%,$(FUZZ_HARNESSES))
FUZZ_CC		:= clang
FUZZ_FLAGS	:= -O1 -g -std=gnu11 -fsanitize=fuzzer,address,undefined \
		   -fno-sanitize-recover=undefined
FUZZ_SECONDS	?= 60
FUZZ_DEFS	:= -Ianalysis -DKERNEL_MODEL='"$(CURDIR)/model/kernel.model"'

$(BUILD)/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(ANALYSIS_LIB)
	@mkdir -p $(dir $@)
	$(call quiet,CC,$@)
	$(Q)$(CC) $(CFLAGS) $(WARN) -std=gnu11 $(FUZZ_DEFS) -o $@ $< tests/fuzz/replay.c \
		$(ANALYSIS_LIB) $(LDFLAGS) $(ANALYSIS_LDLIBS)

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(ANALYSIS_SRCS) $(wildcard analysis/*.h analysis/checks/*.h)
	@mkdir -p $(dir $@)
	$(call quiet,CLANG,$@)
	$(Q)$(FUZZ_CC) $(FUZZ_FLAGS) $(FUZZ_DEFS) -o $@ $< $(ANALYSIS_SRCS) $(ANALYSIS_LDLIBS)

# New inputs go to build/fuzz/new-HARNESS/, crashes to build/fuzz/; a
# crash becomes a corpus file of tests/fuzz/corpus/ once fixed.
deps-fuzz:
	$(Q)scripts/setup-deps core fuzz

fuzz: deps-fuzz
	$(Q)$(MAKE) $(if $(filter 1,$(V)),,-s) $(FUZZ_BINS) $(ANALYSIS_LIB)
	$(Q)$(MAKE) $(if $(filter 1,$(V)),,-s) fuzz-run

fuzz-run:
	$(Q)for h in $(FUZZ_HARNESSES); do \
		mkdir -p $(BUILD)/fuzz/new-$$h && \
		$(BUILD)/fuzz/fuzz_$$h -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
			-artifact_prefix=$(BUILD)/fuzz/$$h- \
			$(BUILD)/fuzz/new-$$h tests/fuzz/corpus/$$h || exit 1; \
	done
	$(Q)python3 tests/fuzz/fuzz_gate_inputs.py --seconds $(FUZZ_SECONDS)

# ---------------------------------------------------------------- tests
UNIT_SRCS	:= $(wildcard tests/unit/test_*.c)
UNIT_BINS	:= $(patsubst tests/unit/%.c,$(BUILD)/tests/unit/%,$(UNIT_SRCS))

# The plugin as another gcc's headers would build it: this gcc's headers
# but for plugin-version.h, whose version record claims gcc 11.  It is the
# real plugin otherwise, so loading it tests the plugin's own version check
# (tests/checker/run); gcc 11 cannot build physcheck, so the record never
# matches the gcc in use.
OTHER_GCC	:= $(BUILD)/tests/other-gcc
OTHER_GCC_PLUGIN := $(OTHER_GCC)/physcheck_plugin.so

tests: $(UNIT_BINS) $(OTHER_GCC_PLUGIN) $(SPARSE_TEST_PROGS) $(FUZZ_REPLAY)

$(BUILD)/tests/unit/%: tests/unit/%.c tests/unit/tap.h $(ANALYSIS_LIB)
	@mkdir -p $(dir $@)
	$(call quiet,CC,$@)
	$(Q)$(CC) $(ANALYSIS_CFLAGS) -Ianalysis -o $@ $< $(ANALYSIS_LIB) $(LDFLAGS) $(ANALYSIS_LDLIBS)

$(OTHER_GCC)/plugin-version.h: $(PLUGIN_DIR)/include/plugin-version.h
	@mkdir -p $(dir $@)
	$(call quiet,GEN,$@)
	$(Q)sed -e 's/basever\[\] = "[^"]*"/basever[] = "11.1.0"/' \
		-e 's/datestamp\[\] = "[^"]*"/datestamp[] = "20210427"/' $< > $@.tmp
	$(Q)grep -q '"11.1.0"' $@.tmp && grep -q '"20210427"' $@.tmp && mv $@.tmp $@

$(OTHER_GCC)/physcheck_plugin.o: gcc-plugin/physcheck_plugin.c $(OTHER_GCC)/plugin-version.h
	$(call quiet,CXX,$@)
	$(Q)$(CXX) -I$(OTHER_GCC) $(PLUGIN_CXXFLAGS) -x c++ -c -o $@ $<

$(OTHER_GCC_PLUGIN): $(OTHER_GCC)/physcheck_plugin.o \
		$(filter-out %/physcheck_plugin.o,$(PLUGIN_OBJS)) $(ANALYSIS_LIB)
	$(call quiet,LD,$@)
	$(Q)$(PLUGIN_CC) -shared -o $@ $^ $(ANALYSIS_LDLIBS)

# ---------------------------------------------------------------- use
demo: deps
	$(Q)$(MAKE) $(if $(filter 1,$(V)),,-s) all
	$(Q)python3 scripts/physcheck-demo

check: deps-tests
	$(Q)$(MAKE) $(if $(filter 1,$(V)),,-s) all tests
	$(Q)python3 tests/run

# The boot tier (tests/boot/README.md), not part of check: the converted
# 7.3 kernel boots under qemu and moves data through its converted
# drivers.  BOOT_MUTANT=drop-offset also builds a kernel converted by a
# broken rule, which the tier must catch; BOOT_ARGS for tests/boot/run.
boot-test:
	$(Q)scripts/setup-deps core kernel boot
	$(Q)python3 tests/boot/run $(if $(BOOT_MUTANT),--mutant $(BOOT_MUTANT)) $(BOOT_ARGS)

# The CI gate on examples/ (the dogfood): no finding that the committed
# baseline lacks.  After a deliberate change to examples/, refresh it with
# make gate GATE_ARGS=--update-baseline.
GATE_BASELINE	:= examples/physcheck-gate-baseline.json

gate: all
	$(Q)python3 scripts/physcheck-gate --kernel examples --baseline $(GATE_BASELINE) \
		$(GATE_ARGS) drivers

bench: deps
	$(Q)$(MAKE) $(if $(filter 1,$(V)),,-s) all
	$(Q)python3 bench/run

# The scripts a user runs go to bin/ with their modules in
# lib/physcheck/python/; they find the rules, the model and the tools
# from where they are (scripts/physcheck_tools/paths.py).
install: all
	$(call quiet,INSTALL,$(DESTDIR)$(PREFIX))
	$(Q)install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/physcheck \
		$(DESTDIR)$(PREFIX)/share/physcheck/cocci \
		$(DESTDIR)$(PREFIX)/include/physcheck
	$(Q)install -m 755 $(SPARSE_CLIENT) $(DESTDIR)$(PREFIX)/bin/physcheck
	$(Q)install -m 644 $(GCC_PLUGIN) $(DESTDIR)$(PREFIX)/lib/physcheck/
	$(Q)install -m 644 model/kernel.model $(DESTDIR)$(PREFIX)/share/physcheck/
	$(Q)install -m 644 include/physcheck.h $(DESTDIR)$(PREFIX)/include/physcheck/
	$(Q)for f in cocci/*.cocci cocci/kernel-macros.h; do [ -e "$$f" ] || continue; \
		install -m 644 "$$f" $(DESTDIR)$(PREFIX)/share/physcheck/cocci/; done
	$(Q)install -d $(DESTDIR)$(PREFIX)/lib/physcheck/python/physcheck_tools
	$(Q)install -m 644 scripts/spatch_macros.py $(DESTDIR)$(PREFIX)/lib/physcheck/python/
	$(Q)install -m 644 scripts/physcheck_tools/*.py \
		$(DESTDIR)$(PREFIX)/lib/physcheck/python/physcheck_tools/
	$(Q)install -m 755 scripts/physcheck-convert scripts/physcheck-gate \
		$(DESTDIR)$(PREFIX)/bin/

clean:
	$(call quiet,CLEAN,$(BUILD) $(SPARSE_CLIENT) $(GCC_PLUGIN))
	$(Q)rm -rf $(BUILD) $(SPARSE_CLIENT) $(GCC_PLUGIN)

-include $(ANALYSIS_OBJS:.o=.d) $(SPARSE_OBJS:.o=.d) $(PLUGIN_OBJS:.o=.d) \
	$(OTHER_GCC)/physcheck_plugin.d
