# Witan build.  `make` builds build/witan; `make run` and `make test` are the
# two commands of README.md.  Development builds use -Werror; pass
# SANITIZE=address,undefined for sanitizer builds (objects go to a separate
# directory so the two never mix).

CC      ?= cc
PKGS    := libh2o-evloop sqlite3 libpq libcmark-gfm libsodium jansson cairo pangocairo libcurl libqpdf zlib libbrotlienc gumbo expat
SANITIZE ?=
BUILD   := build
ifneq ($(SANITIZE),)
OBJDIR  := $(BUILD)/obj-san
SANFLAGS := -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
else
OBJDIR  := $(BUILD)/obj
SANFLAGS :=
endif

CFLAGS  ?= -O2 -g
CFLAGS  += -std=c17 -D_GNU_SOURCE -DH2O_USE_LIBUV=0 -Wall -Wextra -Werror \
           -Wno-unused-parameter -Wno-format-truncation -Wshadow -Wpointer-arith -Wvla \
           -Isrc -I$(OBJDIR)/gen $(SANFLAGS)
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
LDLIBS  += $(PKG_LIBS) -lcmark-gfm-extensions -lssl -lcrypto -lpthread -lm
LDFLAGS += $(SANFLAGS)

SRCS    := $(shell find src -name '*.c' | sort)
OBJS    := $(SRCS:src/%.c=$(OBJDIR)/%.o)
LIBOBJS := $(filter-out $(OBJDIR)/main.o,$(OBJS))
# Files compiled into the binary: SQL migrations, static assets, the one-off
# bank holidays (data/bank-holidays.txt), demo sources,
# the words and templates of `witan gen`.
EMBED   := $(sort $(wildcard sql/*.sql) $(wildcard sql/pg/*.sql) $(wildcard data/*.txt) $(wildcard static/*) $(wildcard data/demo/*) $(wildcard data/gen/*))
GEN_C   := $(OBJDIR)/gen/embedded.c
GEN_O   := $(OBJDIR)/gen/embedded.o

UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(OBJDIR)/tests/%)

WITAN   := $(BUILD)/witan
ifneq ($(SANITIZE),)
WITAN   := $(BUILD)/witan-san
endif

.PHONY: all run test check-layers test-unit test-http test-load test-san test-san-run test-browser deps deps-test bench bench-search bench-pack bench-alerts bench-pg bench-moderngov bench-log fuzz fuzz-smoke clean
all: $(WITAN)

# `make V=1` shows the full commands.
ifeq ($(V),1)
Q :=
else
Q := @
endif

$(WITAN): $(OBJS) $(GEN_O)
	@echo "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(OBJDIR)/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

$(GEN_C): scripts/embed.sh $(EMBED)
	@mkdir -p $(dir $@)
	@echo "  EMBED   $(words $(EMBED)) files"
	$(Q)sh scripts/embed.sh $(EMBED) > $@.tmp && mv $@.tmp $@

$(GEN_O): $(GEN_C)
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<

$(OBJDIR)/tests/%: tests/unit/%.c $(LIBOBJS) $(GEN_O)
	@mkdir -p $(dir $@)
	@echo "  TEST    $@"
	$(Q)$(CC) $(CFLAGS) $(PKG_CFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS) -lcmocka

# The search benchmark's direct baseline: the server's search code without
# the server (bench/fts_direct.c, run by bench/search.sh).
$(OBJDIR)/bench/fts_direct: bench/fts_direct.c $(LIBOBJS) $(GEN_O)
	@mkdir -p $(dir $@)
	@echo "  BENCH   $@"
	$(Q)$(CC) $(CFLAGS) $(PKG_CFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS)

# The reports pack benchmark (bench/pdfpack.c): pdf_pack() on 40 documents.
$(OBJDIR)/bench/pdfpack: bench/pdfpack.c $(LIBOBJS) $(GEN_O)
	@mkdir -p $(dir $@)
	@echo "  BENCH   $@"
	$(Q)$(CC) $(CFLAGS) $(PKG_CFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS)

# The e-mail alerts benchmark (bench/alerts.c): 10,000 subscribers' digests.
$(OBJDIR)/bench/alerts: bench/alerts.c $(LIBOBJS) $(GEN_O)
	@mkdir -p $(dir $@)
	@echo "  BENCH   $@"
	$(Q)$(CC) $(CFLAGS) $(PKG_CFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS)

-include $(OBJS:.o=.d)

DB ?= demo.db
run: deps
	$(MAKE) all
	@test -f $(DB) || ./$(WITAN) init --db $(DB) --demo
	./$(WITAN) serve --db $(DB) --listen 127.0.0.1:8080

deps:
	sh scripts/deps.sh run

deps-test:
	sh scripts/deps.sh test

test: deps-test
	$(MAKE) check-layers
	$(MAKE) all
	$(MAKE) test-unit fuzz-smoke test-http test-pg test-load test-browser

# The folders of src/ are layers that only point down (docs/ARCHITECTURE.md,
# "Layers"): an #include that points up or sideways fails, with file and line.
check-layers:
	@sh scripts/check-layers.sh

test-unit: $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do echo "== $$t"; ./$$t; done

# (two test files at a time, as on PostgreSQL: the tier's tests hold no
# timing targets, and it keeps make test near its 20 minutes)
test-http: $(WITAN)
	WITAN=$(abspath $(WITAN)) node --test --test-concurrency=2 tests/http/

# Load, slow clients and the event loop under slow work (tests/load/): one
# file at a time, alone on the machine, as their figures need.
test-load: $(WITAN)
	WITAN=$(abspath $(WITAN)) node --test --test-concurrency=1 tests/load/

# The unit and HTTP tiers again on a sanitizer build (ASan + UBSan;
# objects in build/obj-san, the server build/witan-san).  .ci/run runs it
# after `make test`.
SAN_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 LSAN_OPTIONS=suppressions=$(abspath tests/lsan.supp) \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
test-san:
	$(MAKE) SANITIZE=address,undefined test-san-run

test-san-run: $(WITAN) $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do echo "== $$t"; $(SAN_ENV) ./$$t; done
	$(SAN_ENV) WITAN=$(abspath $(WITAN)) node --test --test-concurrency=2 tests/http/

test-browser: $(WITAN)
	WITAN=$(abspath $(WITAN)) sh tests/browser/run.sh

bench: $(WITAN)
	sh bench/run.sh

# The search benchmark (issue 4): a 20,000-meeting corpus, 50 queries over
# HTTP against the same statements run directly.  Not part of `make bench`
# (it takes minutes); CORPUS=path reuses a generated corpus.
bench-search: $(WITAN) $(OBJDIR)/bench/fts_direct
	sh bench/search.sh

bench-pack: $(OBJDIR)/bench/pdfpack
	./$(OBJDIR)/bench/pdfpack

# PostgreSQL against SQLite (issue 18): the same generated record, pages
# rendered uncached (bench/pg.sh; MEETINGS=2000 by default).
bench-pg: $(WITAN)
	sh bench/pg.sh

# Importing from ModernGov (issue 19): a generated 2,000-meeting site.
bench-moderngov: $(WITAN)
	WITAN=$(abspath $(WITAN)) node bench/moderngov.mjs

# The publication log (issue 20): its cost per entry and its size.
bench-log: $(WITAN)
	WITAN=$(abspath $(WITAN)) sh bench/log.sh

# E-mail alerts (issue 15): queueing and composing for 10,000 subscribers.
bench-alerts: $(WITAN) $(OBJDIR)/bench/alerts
	sh bench/alerts.sh

# Fuzzing (tests/fuzz/README.md): each tests/fuzz/fuzz_<t>.c is a libFuzzer
# target built with clang under ASan and UBSan from the sources its line
# "/* FUZZ_SRCS: ... */" names, with the pkg-config packages of its line
# "/* FUZZ_PKGS: ... */" and the libraries of "/* FUZZ_LIBS: ... */".
# `make fuzz` runs each for FUZZ_SECONDS; new inputs go to
# build/fuzz/fuzz_<t>.corpus, the committed seeds in tests/fuzz/corpus/<t>
# are only read.  `make fuzz-smoke` (part of `make test`) runs each for
# FUZZ_SMOKE_SECONDS.
FUZZ_SECONDS ?= 30
FUZZ_SMOKE_SECONDS ?= 3
FUZZ_CC    ?= clang
FUZZ_FLAGS := -g -O1 -std=c17 -D_GNU_SOURCE -Isrc -fsanitize=fuzzer,address,undefined \
              -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_TARGETS := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS  := $(FUZZ_TARGETS:tests/fuzz/%.c=$(BUILD)/fuzz/%)
fuzz_line   = $(shell sed -n 's|^/\* $(1): *\(.*[^ ]\) *\*/$$|\1|p' $(2))

fuzz: $(FUZZ_BINS)
	@set -e; for b in $(FUZZ_BINS); do \
		n=$${b##*/}; \
		mkdir -p $$b.corpus; \
		echo "== $$n ($(FUZZ_SECONDS) s)"; \
		$$b -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 -print_final_stats=1 -artifact_prefix=$$b. \
			$$b.corpus tests/fuzz/corpus/$${n#fuzz_} 2>$$b.log || { tail -n 60 $$b.log; exit 1; }; \
		grep -E '^stat::(number_of_executed_units|average_exec_per_sec)' $$b.log | tr '\n' ' '; echo; \
	done

fuzz-smoke:
	$(MAKE) fuzz FUZZ_SECONDS=$(FUZZ_SMOKE_SECONDS)

.SECONDEXPANSION:
$(BUILD)/fuzz/%: tests/fuzz/%.c $$(call fuzz_line,FUZZ_SRCS,tests/fuzz/$$*.c) \
		$(wildcard src/*/*.h src/*/*.def) tests/fuzz/common.h
	@mkdir -p $(dir $@)
	@echo "  FUZZ    $@"
	$(Q)$(FUZZ_CC) $(FUZZ_FLAGS) $(shell pkg-config --cflags $(call fuzz_line,FUZZ_PKGS,$<) 2>/dev/null) \
		-o $@ $< $(call fuzz_line,FUZZ_SRCS,$<) \
		$(if $(call fuzz_line,FUZZ_PKGS,$<),$(shell pkg-config --libs $(call fuzz_line,FUZZ_PKGS,$<))) \
		$(call fuzz_line,FUZZ_LIBS,$<)

clean:
	rm -rf $(BUILD)

# The PostgreSQL backend (issue 18), each on a throwaway cluster
# (tests/pg/cluster.sh): the schema (every migration translated by
# db/dialect.c and applied, with sql/pg/compat.sql and the boundary's views
# and triggers; compat.sql's functions against sqlite3's answers,
# tests/pg/migrations.sh), then the demo on PostgreSQL against the demo on
# SQLite, page by page, and a harvest into each (tests/pg/parity.test.mjs),
# two servers on one database behind nginx, with a replica, through a
# restart (tests/pg/two-servers.test.mjs), three bodies in one database
# (tests/pg/bodies.test.mjs), and the whole HTTP tier with every server on a PostgreSQL database
# (tests/pg/http.sh; two test files at a time).
.PHONY: test-pg test-pg-schema test-http-pg
test-pg-schema: $(OBJDIR)/tests/test_dialect
	DIALECT=$(OBJDIR)/tests/test_dialect sh tests/pg/migrations.sh

test-pg: $(WITAN) test-pg-schema
	WITAN=$(abspath $(WITAN)) node --test tests/pg/
	$(MAKE) test-http-pg

test-http-pg: $(WITAN)
	WITAN=$(abspath $(WITAN)) sh tests/pg/http.sh --test-concurrency=2

