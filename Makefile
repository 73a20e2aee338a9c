# pmdrill - one plain GNU Makefile.
#   make            build ./pmdrill
#   make run        install missing packages, build, drill the bundled PMP bank
#   make check      install missing packages, build, run every test
#   make asan       the test suite under AddressSanitizer + UBSan
#   make bench      benchmarks (figures go into docs/benchmarks.md)
#   make fuzz       fuzz the loaders with libFuzzer (clang)
#   make install    PREFIX=/usr/local DESTDIR=
#   make deb        the Debian package (build/deb/), lintian-clean
# SPDX-License-Identifier: GPL-3.0-or-later

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/pmdrill
MANDIR ?= $(PREFIX)/share/man
COMPLETIONDIR ?= $(PREFIX)/share/bash-completion/completions
PKG_CONFIG ?= pkg-config
CC ?= cc
DEPS = libxml-2.0 sqlite3 libcurl readline libcrypto

# Build directory: objects go there; ./pmdrill is a copy of $(B)/pmdrill.
B ?= build
OPT ?= -O2 -g
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
       -Wwrite-strings -Wformat=2
ifeq ($(WERROR),1)
WARN += -Werror
endif

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(DEPS) 2>/dev/null)
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(DEPS) 2>/dev/null)
# -ffp-contract=off: the scheduler must reproduce ts-fsrs bit for bit.
FINAL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-ffp-contract=off $(WARN) $(OPT) $(SAN) $(PKG_CFLAGS) -MMD -MP \
	$(CPPFLAGS) -DPMD_DATADIR='"$(DATADIR)"' $(CFLAGS)
FINAL_LDFLAGS = $(SAN) $(LDFLAGS)
LIBS = $(PKG_LIBS) -lm

ENGINE_SRC = $(sort $(wildcard engine/*.c))
CLI_SRC = $(sort $(wildcard cli/*.c))
ENGINE_OBJ = $(ENGINE_SRC:%.c=$(B)/%.o) $(B)/engine/schema-rng.o
CLI_OBJ = $(CLI_SRC:%.c=$(B)/%.o)
UNIT_SRC = $(sort $(wildcard tests/unit/test-*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

.PHONY: all run check test asan bench fuzz fuzzers all-tests install uninstall clean deps lint deb

all: pmdrill

pmdrill: $(B)/pmdrill
	cp $< $@

$(B)/pmdrill: $(CLI_OBJ) $(B)/libpmdrill.a
	$(CC) $(FINAL_LDFLAGS) -o $@ $(CLI_OBJ) $(B)/libpmdrill.a $(LIBS)

$(B)/libpmdrill.a: $(ENGINE_OBJ)
	rm -f $@
	ar rcs $@ $^

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(FINAL_CFLAGS) -Iengine -c -o $@ $<

# The schema is compiled into the library, so an installed pmdrill
# validates against exactly the schema it was built with.
$(B)/engine/schema-rng.c: question-banks/schema/bank.rng
	@mkdir -p $(@D)
	{ echo '/* generated from $< by make; do not edit */'; \
	  echo 'const char pmd_bank_schema_rng[] ='; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $<; \
	  echo ';'; } > $@

$(B)/engine/schema-rng.o: $(B)/engine/schema-rng.c
	$(CC) $(FINAL_CFLAGS) -Wno-missing-prototypes -Wno-missing-variable-declarations -c -o $@ $<

$(B)/tests/test-%: tests/unit/test-%.c $(B)/libpmdrill.a tests/unit/check.h
	@mkdir -p $(@D)
	$(CC) $(FINAL_CFLAGS) -Iengine -Itests/unit -o $@ $< $(B)/libpmdrill.a $(LIBS) $(FINAL_LDFLAGS)

$(B)/tests/fuzz-%: tests/fuzz/fuzz-%.c tests/fuzz/driver.c $(B)/libpmdrill.a
	@mkdir -p $(@D)
	$(CC) $(FINAL_CFLAGS) -Iengine -o $@ $< tests/fuzz/driver.c $(B)/libpmdrill.a $(LIBS) $(FINAL_LDFLAGS)

FUZZ_SRC = $(sort $(wildcard tests/fuzz/fuzz-*.c))
FUZZ_BIN = $(FUZZ_SRC:tests/fuzz/%.c=$(B)/tests/%)

# make deps: install the Debian packages the build and the tests need.
deps:
	@sh tests/deps.sh

run: deps pmdrill
	./pmdrill drill --bank pmp-2026

ASAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
ASAN_FUZZ_BIN = $(FUZZ_SRC:tests/fuzz/%.c=build-asan/tests/%)

# The short fuzz run and the hostile-input sweep (tests/integration/sweep.sh)
# always use the sanitizer build, so that they catch memory errors and
# undefined behaviour, not only crashes.
check: deps
	@$(MAKE) --no-print-directory all-tests
	@$(MAKE) --no-print-directory B=build-asan OPT='-O1 -g' SAN='$(ASAN_FLAGS)' fuzzers build-asan/pmdrill
	@PMDRILL=$(CURDIR)/$(B)/pmdrill PMDRILL_ASAN=$(CURDIR)/build-asan/pmdrill B=$(B) \
		sh tests/run-all.sh $(UNIT_BIN) -- $(ASAN_FUZZ_BIN)

all-tests: $(B)/pmdrill $(UNIT_BIN)

fuzzers: $(FUZZ_BIN)

test: check

asan:
	@$(MAKE) --no-print-directory B=build-asan OPT='-O1 -g' SAN='$(ASAN_FLAGS)' check

bench: deps pmdrill $(B)/tests/bench-bank $(B)/tests/bench-store $(B)/tests/bench-optimize
	B=$(B) sh tests/bench/run.sh

fuzz: deps
	sh tests/fuzz/libfuzzer.sh

# make deb: dpkg-buildpackage in a copy of the tree (tools/deb.sh), then lintian.
deb: deps
	sh tools/deb.sh $(B)/deb

install: pmdrill
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/banks $(DESTDIR)$(DATADIR)/schema \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(COMPLETIONDIR)
	install -m 755 pmdrill $(DESTDIR)$(BINDIR)/pmdrill
	install -m 644 question-banks/*.xml $(DESTDIR)$(DATADIR)/banks/
	install -m 644 question-banks/schema/bank.rng $(DESTDIR)$(DATADIR)/schema/
	install -m 644 docs/pmdrill.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 docs/pmdrill-bank.5 $(DESTDIR)$(MANDIR)/man5/
	install -m 644 cli/pmdrill.bash-completion $(DESTDIR)$(COMPLETIONDIR)/pmdrill

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/pmdrill $(DESTDIR)$(MANDIR)/man1/pmdrill.1 \
		$(DESTDIR)$(MANDIR)/man5/pmdrill-bank.5 $(DESTDIR)$(COMPLETIONDIR)/pmdrill
	rm -rf $(DESTDIR)$(DATADIR)

lint: pmdrill
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability -Iengine engine cli
	groff -mandoc -ww -z docs/pmdrill.1 docs/pmdrill-bank.5

clean:
	rm -rf build build-asan build-fuzz build-fuzz-lib pmdrill

-include $(shell find $(B) -name '*.d' 2>/dev/null)

$(B)/tests/bench-%: tests/bench/bench-%.c tests/bench/genbank.h tests/unit/fsrs-history.h $(B)/libpmdrill.a
	@mkdir -p $(@D)
	$(CC) $(FINAL_CFLAGS) -Wno-unused-function -Iengine -o $@ $< $(B)/libpmdrill.a $(LIBS) $(FINAL_LDFLAGS)
