# mechcheck — build, test, benchmark, install.
#   make run    install missing Debian packages, build, run the main job
#   make test   install, build, run every Check suite (plain and under ASan+UBSan)

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
CC      ?= cc
VERSION := 0.1.0

PKGS     := gmp glpk check jansson
DEB_PKGS := build-essential pkg-config libgmp-dev libglpk-dev check libsubunit-dev \
            uthash-dev libjansson-dev lrslib

WARN    := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-missing-field-initializers
CPPFLAGS_ALL := -D_POSIX_C_SOURCE=200809L -DMC_VERSION=\"$(VERSION)\" -Iinclude -Isrc
OPT     ?= -O2 -g
CFLAGS_ALL = $(WARN) $(OPT) -pthread $(CFLAGS)
LIBS    := -lglpk -ljansson -lgmp -lm -pthread
CHECK_LIBS = $(shell pkg-config --libs check 2>/dev/null || echo -lcheck -lsubunit -lrt -lm)
SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

LIB_SRC  := $(sort $(wildcard src/*/*.c))
LIB_SRC  := $(filter-out src/cli/%,$(LIB_SRC))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
TEST_SRC := $(sort $(wildcard tests/*.c))
BENCH_SRC:= $(sort $(wildcard benchmarks/*.c))

obj = $(patsubst %.c,$(1)/obj/%.o,$(2))

LIB      := $(BUILD)/libmechcheck.a
BIN      := $(BUILD)/mechcheck
TESTS    := $(BUILD)/mc_tests
ASAN_DIR := $(BUILD)/asan
ASAN_LIB := $(ASAN_DIR)/libmechcheck.a
ASAN_BIN := $(ASAN_DIR)/mechcheck
ASAN_TESTS := $(ASAN_DIR)/mc_tests
BENCHES  := $(patsubst benchmarks/%.c,$(BUILD)/bench/%,$(BENCH_SRC))

.PHONY: all deps run test test-plain test-asan test-install test-run bench proofs install uninstall clean
.DELETE_ON_ERROR:

all: $(if $(CLI_SRC),$(BIN)) $(LIB)

# ---- Debian packages -------------------------------------------------------
deps:
	@./scripts/deps.sh $(DEB_PKGS)

# ---- library, binary --------------------------------------------------------
$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CPPFLAGS) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

$(ASAN_DIR)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CPPFLAGS) $(CFLAGS_ALL) $(SAN) -MMD -MP -c $< -o $@

$(LIB): $(call obj,$(BUILD),$(LIB_SRC))
	@rm -f $@
	ar rcs $@ $^

$(ASAN_LIB): $(call obj,$(ASAN_DIR),$(LIB_SRC))
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(call obj,$(BUILD),$(CLI_SRC)) $(LIB)
	$(CC) $(CFLAGS_ALL) -o $@ $^ $(LIBS)

$(ASAN_BIN): $(call obj,$(ASAN_DIR),$(CLI_SRC)) $(ASAN_LIB)
	$(CC) $(CFLAGS_ALL) $(SAN) -o $@ $^ $(LIBS)

# ---- tests -------------------------------------------------------------------
# Every tests/*.c may define "Suite *mc_suite_NAME(void)"; the runner calls them all.
$(BUILD)/gen/suites.h: $(TEST_SRC)
	@mkdir -p $(dir $@)
	@./scripts/gen_suites.sh $(TEST_SRC) > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/tests/%.o $(ASAN_DIR)/obj/tests/%.o: CPPFLAGS += -I$(BUILD)/gen
$(BUILD)/obj/tests/run_tests.o $(ASAN_DIR)/obj/tests/run_tests.o: $(BUILD)/gen/suites.h

$(TESTS): $(call obj,$(BUILD),$(TEST_SRC)) $(LIB)
	$(CC) $(CFLAGS_ALL) -o $@ $^ $(CHECK_LIBS) $(LIBS)

$(ASAN_TESTS): $(call obj,$(ASAN_DIR),$(TEST_SRC)) $(ASAN_LIB)
	$(CC) $(CFLAGS_ALL) $(SAN) -o $@ $^ $(CHECK_LIBS) $(LIBS)

test: deps
	@$(MAKE) --no-print-directory test-plain
	@$(MAKE) --no-print-directory test-asan
	@$(MAKE) --no-print-directory test-install
	@$(MAKE) --no-print-directory test-run

# the main job of `make run` succeeds (its output in $(BUILD)/run.log)
test-run: all
	@./scripts/run_main.sh $(BIN) > $(BUILD)/run.log 2>&1 || \
	    { tail -20 $(BUILD)/run.log; echo "make run's main job failed (see $(BUILD)/run.log)"; exit 1; }
	@echo "test-run: ok (make run's main job; output in $(BUILD)/run.log)"

# make install into a scratch DESTDIR; pkg-config, headers and library work
test-install: all
	@BUILD=$(BUILD) sh tests/install_test.sh

test-plain: $(TESTS) $(if $(CLI_SRC),$(BIN))
	MC_BIN=$(abspath $(BIN)) MC_TESTDATA=$(abspath tests/data) $(TESTS) $(SUITE)

test-asan: $(ASAN_TESTS) $(if $(CLI_SRC),$(ASAN_BIN))
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	MC_BIN=$(abspath $(ASAN_BIN)) MC_TESTDATA=$(abspath tests/data) MC_SANITIZED=1 $(ASAN_TESTS) $(SUITE)

# ---- main job ----------------------------------------------------------------
run: deps
	@$(MAKE) --no-print-directory all
	@./scripts/run_main.sh $(BIN)

# ---- committed verification reports ------------------------------------------
# proofs/PAPER.md from proofs/PAPER.suite.json (tests compare them byte for byte)
proofs: all
	@./scripts/proofs.sh $(BIN)

# ---- benchmarks ----------------------------------------------------------------
$(BUILD)/bench/%: $(BUILD)/obj/benchmarks/%.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $^ $(LIBS)

bench: deps
	@$(MAKE) --no-print-directory OPT="-O3 -g -DNDEBUG" BUILD=$(BUILD)/release $(patsubst $(BUILD)/%,$(BUILD)/release/%,$(BENCHES))
	@./scripts/run_benches.sh $(BUILD)/release

# ---- install -------------------------------------------------------------------
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	           $(DESTDIR)$(PREFIX)/include/mechcheck $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/mechcheck
	install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/libmechcheck.a
	install -m 644 include/mechcheck/*.h $(DESTDIR)$(PREFIX)/include/mechcheck/
	install -m 644 man/mechcheck.1 $(DESTDIR)$(PREFIX)/share/man/man1/mechcheck.1
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' mechcheck.pc.in \
	    > $(DESTDIR)$(PREFIX)/lib/pkgconfig/mechcheck.pc

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/mechcheck $(DESTDIR)$(PREFIX)/lib/libmechcheck.a \
	      $(DESTDIR)$(PREFIX)/lib/pkgconfig/mechcheck.pc $(DESTDIR)$(PREFIX)/share/man/man1/mechcheck.1
	rm -rf $(DESTDIR)$(PREFIX)/include/mechcheck

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
