# Makefile - builds libminutes, the minutes command and the tests; runs the demo and tests.
#
#   make              build into build/
#   make demo         install dependencies, build, index seeds/ into index/, search it
#   make test         build and run every test, plain and under ASan+UBSan
#   make deps         install missing Debian packages with apt-get
#   make install      install under PREFIX (default /usr/local), into DESTDIR if given
#   make uninstall    remove what make install installed
#   make SANITIZE=address,undefined   a sanitizer build (into build/san/)
#   make V=1          show full command lines

# ---- settings ------------------------------------------------------------------------------

PKG_CONFIG ?= pkg-config
CC ?= cc
CXX ?= c++
SANITIZE ?=
V ?= 0

ifeq ($(SANITIZE),)
BUILD ?= build
SAN_FLAGS :=
else
BUILD ?= build/san
SAN_FLAGS := -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
endif

# libxml2 is compiled against but not linked: read-html.c loads it when it first needs it.
PKGS := xapian-core zlib jansson
HEADER_PKGS := libxml-2.0
TEST_PKGS := cmocka
# libmicrohttpd serves 'minutes serve' (src/cli/serve.c): compiled against, not linked;
# src/cli/mhd.c loads it when a server starts, so that no other command loads it.
CLI_PKGS := libmicrohttpd

C_WARNINGS := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
              -Wpointer-arith -Wformat=2 -Wundef -Wvla
CXX_WARNINGS := -Wall -Wextra -Werror -Wshadow -Wpointer-arith -Wformat=2 -Wundef

OPT ?= -O2 -g
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) $(HEADER_PKGS))
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS))
CLI_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(CLI_PKGS))
TEST_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(TEST_PKGS))
TEST_LIBS = $(shell $(PKG_CONFIG) --libs $(TEST_PKGS))

CPPFLAGS += -Iinclude -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
CFLAGS_ALL = -std=c11 $(OPT) $(C_WARNINGS) -fPIC -MMD -MP \
             $(SAN_FLAGS) $(PKG_CFLAGS) $(CFLAGS)
CXXFLAGS_ALL = -std=c++17 $(OPT) $(CXX_WARNINGS) -fPIC -MMD -MP \
               $(SAN_FLAGS) $(PKG_CFLAGS) $(CXXFLAGS)
LDFLAGS_ALL = $(SAN_FLAGS) $(LDFLAGS)

ifeq ($(V),1)
Q :=
else
Q := @
endif

# The version is written once, as MINUTES_VERSION in include/minutes.h: 'minutes --version'
# prints it, minutes.pc carries it, and its first number is the shared library's SONAME
# version (libminutes.so.0), which changes when the library's ABI breaks.
VERSION := $(shell sed -n 's/^\#define MINUTES_VERSION "\(.*\)"$$/\1/p' include/minutes.h)
SOVERSION := $(firstword $(subst ., ,$(VERSION)))

# Where make install puts things; DESTDIR is prefixed to each (for packaging).
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR ?= $(DATADIR)/zsh/site-functions
DESTDIR ?=
INSTALL ?= install

# ---- sources -------------------------------------------------------------------------------

LIB_C := $(sort $(wildcard src/lib/*.c))
LIB_CXX := $(sort $(wildcard src/lib/*.cc))
CLI_C := $(sort $(wildcard src/cli/*.c))
UNIT_C := $(sort $(wildcard tests/unit/test-*.c))

LIB_OBJ := $(LIB_C:src/lib/%.c=$(BUILD)/lib/%.o) $(LIB_CXX:src/lib/%.cc=$(BUILD)/lib/%.o) \
           $(BUILD)/lib/synonyms-table.o
CLI_OBJ := $(CLI_C:src/cli/%.c=$(BUILD)/cli/%.o)
UNIT_BIN := $(UNIT_C:tests/unit/%.c=$(BUILD)/tests/%)

LIB_A := $(BUILD)/libminutes.a
LIB_SO := $(BUILD)/libminutes.so
LIB_SONAME := libminutes.so.$(SOVERSION)
LIB_SO_FILE := libminutes.so.$(VERSION)
MINUTES := $(BUILD)/minutes

# Man pages: minutes(1), written in roff, and one page per command, minutes-COMMAND(1),
# made from the command's own help ('minutes help COMMAND') by src/cli/man/help2roff.awk.
MAN_COMMANDS := index search meetings show merge serve
MAN_PAGES := $(BUILD)/man/minutes.1 $(MAN_COMMANDS:%=$(BUILD)/man/minutes-%.1)

# ---- build ---------------------------------------------------------------------------------

.PHONY: all lib man tests demo test check deps clean format bench install uninstall

all: $(MINUTES) $(LIB_SO) $(MAN_PAGES)

lib: $(LIB_A) $(LIB_SO)

$(BUILD)/lib/%.o: src/lib/%.c Makefile
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/lib/%.o: src/lib/%.cc Makefile
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CXX     $<")
	$(Q)$(CXX) $(CPPFLAGS) $(CXXFLAGS_ALL) -c $< -o $@

# The built-in synonyms table, src/lib/synonyms.txt, as a C string (synonyms_builtin): each
# line a literal, with backslashes, quotes and question marks (trigraphs) escaped.
$(BUILD)/gen/synonyms-table.c: src/lib/synonyms.txt Makefile
	@mkdir -p $(@D)
	@$(if $(Q),echo "  GEN     $@")
	$(Q){ echo '/* Generated from src/lib/synonyms.txt by the Makefile; edit that file. */'; \
	  echo '#include "synonyms.h"'; echo 'const char synonyms_builtin[] ='; \
	  sed -e 's/[\\"?]/\\&/g' -e 's/^/    "/' -e 's/$$/\\n"/' $<; \
	  echo '    "";'; } >$@.tmp && mv $@.tmp $@

$(BUILD)/lib/synonyms-table.o: $(BUILD)/gen/synonyms-table.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) -Isrc/lib $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/cli/%.o: src/cli/%.c Makefile
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS_ALL) $(CLI_CFLAGS) -c $< -o $@

$(LIB_A): $(LIB_OBJ)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

# The shared library exports only the public minutes_* names (src/lib/minutes.sym), under
# the SONAME libminutes.so.N: the file is libminutes.so.VERSION, libminutes.so.N links to
# it (what programs load) and libminutes.so to that (what -lminutes finds).
$(BUILD)/$(LIB_SO_FILE): $(LIB_OBJ) src/lib/minutes.sym
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CXX) -shared -Wl,-soname,$(LIB_SONAME) -Wl,--version-script=src/lib/minutes.sym \
	    -o $@ $(LIB_OBJ) $(LDFLAGS_ALL) $(PKG_LIBS)

$(LIB_SO): $(BUILD)/$(LIB_SO_FILE)
	$(Q)ln -sf $(LIB_SO_FILE) $(BUILD)/$(LIB_SONAME) && ln -sf $(LIB_SONAME) $@

# Linked with the C++ driver because the shim is C++.
$(MINUTES): $(CLI_OBJ) $(LIB_A)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CXX) -o $@ $(CLI_OBJ) $(LIB_A) $(LDFLAGS_ALL) $(PKG_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIB_A) Makefile
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) -Isrc/lib $(CFLAGS_ALL) $(TEST_CFLAGS) -o $@ $< $(LIB_A) \
	    $(LDFLAGS_ALL) $(PKG_LIBS) $(TEST_LIBS) -lstdc++ -lm

tests: $(MINUTES) $(LIB_SO) $(MAN_PAGES) $(UNIT_BIN)

man: $(MAN_PAGES)

$(BUILD)/man/minutes.1: src/cli/man/minutes.1 Makefile
	@mkdir -p $(@D)
	@$(if $(Q),echo "  MAN     $@")
	$(Q)sed 's/@VERSION@/$(VERSION)/g' $< >$@

$(BUILD)/man/minutes-%.1: $(MINUTES) src/cli/man/help2roff.awk
	@mkdir -p $(@D)
	@$(if $(Q),echo "  MAN     $@")
	$(Q)$(MINUTES) help $* >$@.help && awk -v command=$* -v version=$(VERSION) \
	    -f src/cli/man/help2roff.awk $@.help >$@.tmp && mv $@.tmp $@ && rm $@.help

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(UNIT_BIN:=.d)

# ---- install -------------------------------------------------------------------------------
#
#   make install [PREFIX=/usr/local] [DESTDIR=]      make uninstall [PREFIX=...] [DESTDIR=]
#
# The program, the shared library (with its SONAME links) and the static one, the header,
# minutes.pc for pkg-config, the man pages and the bash and zsh completions.

INSTALLED_MAN := $(MAN_PAGES:$(BUILD)/man/%=$(MANDIR)/man1/%)

$(BUILD)/minutes.pc: src/lib/minutes.pc.in Makefile
	@mkdir -p $(@D)
	$(Q)sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' -e 's|@VERSION@|$(VERSION)|g' $< >$@

# Remade each time: PREFIX may differ from the last install.
.PHONY: $(BUILD)/minutes.pc

install: $(MINUTES) $(LIB_SO) $(LIB_A) $(MAN_PAGES) $(BUILD)/minutes.pc
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) \
	    $(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR) \
	    $(DESTDIR)$(ZSHCOMPDIR)
	$(INSTALL) -m 755 $(MINUTES) $(DESTDIR)$(BINDIR)/minutes
	$(INSTALL) -m 755 $(BUILD)/$(LIB_SO_FILE) $(DESTDIR)$(LIBDIR)/$(LIB_SO_FILE)
	ln -sf $(LIB_SO_FILE) $(DESTDIR)$(LIBDIR)/$(LIB_SONAME)
	ln -sf $(LIB_SONAME) $(DESTDIR)$(LIBDIR)/libminutes.so
	$(INSTALL) -m 644 $(LIB_A) $(DESTDIR)$(LIBDIR)/libminutes.a
	$(INSTALL) -m 644 include/minutes.h $(DESTDIR)$(INCLUDEDIR)/minutes.h
	$(INSTALL) -m 644 $(BUILD)/minutes.pc $(DESTDIR)$(PKGCONFIGDIR)/minutes.pc
	$(INSTALL) -m 644 $(MAN_PAGES) $(DESTDIR)$(MANDIR)/man1/
	$(INSTALL) -m 644 src/cli/completion/minutes.bash $(DESTDIR)$(BASHCOMPDIR)/minutes
	$(INSTALL) -m 644 src/cli/completion/_minutes $(DESTDIR)$(ZSHCOMPDIR)/_minutes

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/minutes $(DESTDIR)$(LIBDIR)/$(LIB_SO_FILE) \
	    $(DESTDIR)$(LIBDIR)/$(LIB_SONAME) $(DESTDIR)$(LIBDIR)/libminutes.so \
	    $(DESTDIR)$(LIBDIR)/libminutes.a $(DESTDIR)$(INCLUDEDIR)/minutes.h \
	    $(DESTDIR)$(PKGCONFIGDIR)/minutes.pc $(INSTALLED_MAN:%=$(DESTDIR)%) \
	    $(DESTDIR)$(BASHCOMPDIR)/minutes $(DESTDIR)$(ZSHCOMPDIR)/_minutes

# ---- use -----------------------------------------------------------------------------------

demo: deps
	$(MAKE) all
	$(MINUTES) index -d index seeds
	$(MINUTES) search -d index --color=always '"private fostering"'

# Every test, plain and sanitized; tests/run prints the "N passed, N failed" line.
test:
	$(MAKE) tests
	$(MAKE) tests SANITIZE=address,undefined
	tests/run build build/san

check: tests
	tests/run $(BUILD)

deps:
	tools/deps

format:
	clang-format -i include/*.h src/lib/*.[ch] src/lib/*.cc src/cli/*.[ch] tests/unit/*.c

clean:
	rm -rf build

# ---- fuzzing -------------------------------------------------------------------------------
#
#   make fuzz [FUZZ_SECONDS=60] [FUZZ_TARGETS="segment query read"]
#
# Builds the libFuzzer targets of tests/fuzz/ with clang, the library compiled for them with
# -fsanitize=fuzzer-no-link,address,undefined, into build/fuzz/, and runs each for
# FUZZ_SECONDS. Each starts from its corpus in build/fuzz/corpus-TARGET/ (kept between runs,
# grown by it), tests/fuzz/corpus-TARGET/ and the seeds/ split into small pieces; fuzz-query
# also uses the dictionary tests/fuzz/query.dict; leaks inside Xapian's query parser are
# suppressed (tests/fuzz/lsan.supp, tests/fuzz/xapian-leaks/). An input that makes a target
# fail is left in build/fuzz/artifacts/TARGET/: keep it in tests/fuzz/regressions/TARGET/,
# where tests/unit/test-fuzz-regressions.c replays it in every 'make test'.

FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= segment query read
FUZZ_CC ?= clang
FUZZ_CXX ?= clang++
FUZZ_DIR := build/fuzz
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS = -std=c11 -O1 -g $(filter-out -Werror,$(C_WARNINGS)) -MMD -MP $(FUZZ_SAN) \
              -fsanitize=fuzzer-no-link $(PKG_CFLAGS)
FUZZ_CXXFLAGS = -std=c++17 -O1 -g $(filter-out -Werror,$(CXX_WARNINGS)) -MMD -MP $(FUZZ_SAN) \
                -fsanitize=fuzzer-no-link $(PKG_CFLAGS)
FUZZ_LIB_OBJ := $(LIB_C:src/lib/%.c=$(FUZZ_DIR)/lib/%.o) \
                $(LIB_CXX:src/lib/%.cc=$(FUZZ_DIR)/lib/%.o) $(FUZZ_DIR)/lib/synonyms-table.o
FUZZ_BIN := $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz-%)
# Options of every run; a run stops at the first failure.
FUZZ_FLAGS ?= -timeout=30 -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1

.PHONY: fuzz fuzz-build check-valgrind

$(FUZZ_DIR)/lib/%.o: src/lib/%.c Makefile
	@mkdir -p $(@D)
	@$(if $(Q),echo "  FUZZCC  $<")
	$(Q)$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ_DIR)/lib/%.o: src/lib/%.cc Makefile
	@mkdir -p $(@D)
	@$(if $(Q),echo "  FUZZCXX $<")
	$(Q)$(FUZZ_CXX) $(CPPFLAGS) $(FUZZ_CXXFLAGS) -c $< -o $@

$(FUZZ_DIR)/lib/synonyms-table.o: $(BUILD)/gen/synonyms-table.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  FUZZCC  $<")
	$(Q)$(FUZZ_CC) $(CPPFLAGS) -Isrc/lib $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ_DIR)/obj/fuzz-%.o: tests/fuzz/fuzz-%.c Makefile
	@mkdir -p $(@D)
	@$(if $(Q),echo "  FUZZCC  $<")
	$(Q)$(FUZZ_CC) $(CPPFLAGS) -Isrc/lib $(FUZZ_CFLAGS) -c $< -o $@

.PRECIOUS: $(FUZZ_DIR)/obj/fuzz-%.o
.SECONDARY: $(FUZZ_LIB_OBJ)

$(FUZZ_DIR)/fuzz-%: $(FUZZ_DIR)/obj/fuzz-%.o $(FUZZ_LIB_OBJ)
	@$(if $(Q),echo "  FUZZLD  $@")
	$(Q)$(FUZZ_CXX) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB_OBJ) $(PKG_LIBS)

# The seeds, whole and in pieces of 30 lines (segment, read); single lines (query).
$(FUZZ_DIR)/seeds-text/.done $(FUZZ_DIR)/seeds-query/.done: $(wildcard seeds/*)
	@rm -rf $(FUZZ_DIR)/seeds-text $(FUZZ_DIR)/seeds-query
	@mkdir -p $(FUZZ_DIR)/seeds-text $(FUZZ_DIR)/seeds-query
	$(Q)for f in seeds/*; do \
	    [ -f "$$f" ] || continue; b=$$(basename "$$f"); \
	    cp "$$f" $(FUZZ_DIR)/seeds-text/; \
	    split -l 30 -a 3 "$$f" "$(FUZZ_DIR)/seeds-text/$$b-"; \
	    awk -v d="$(FUZZ_DIR)/seeds-query/$$b-" 'length($$0) > 2 && NR % 7 == 0 \
	        { printf "%s", substr($$0, 1, 200) > (d NR); close(d NR) }' "$$f"; \
	done
	@touch $(FUZZ_DIR)/seeds-text/.done $(FUZZ_DIR)/seeds-query/.done

fuzz-build: $(FUZZ_BIN)

fuzz: $(FUZZ_BIN) $(FUZZ_DIR)/seeds-text/.done $(FUZZ_DIR)/seeds-query/.done
	$(Q)for t in $(FUZZ_TARGETS); do \
	    mkdir -p $(FUZZ_DIR)/corpus-$$t $(FUZZ_DIR)/artifacts/$$t || exit 2; \
	    if [ $$t = query ]; then extra="-dict=tests/fuzz/query.dict $(FUZZ_DIR)/seeds-query"; \
	    else extra=$(FUZZ_DIR)/seeds-text; fi; \
	    echo "  FUZZ    $$t for $(FUZZ_SECONDS) s"; \
	    LSAN_OPTIONS=suppressions=tests/fuzz/lsan.supp \
	    $(FUZZ_DIR)/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) $(FUZZ_FLAGS) \
	        -artifact_prefix=$(FUZZ_DIR)/artifacts/$$t/ $(FUZZ_DIR)/corpus-$$t \
	        tests/fuzz/corpus-$$t $$extra || exit 1; \
	done

-include $(FUZZ_LIB_OBJ:.o=.d) $(FUZZ_TARGETS:%=$(FUZZ_DIR)/obj/fuzz-%.d)

# ---- valgrind ------------------------------------------------------------------------------
#
#   make check-valgrind
#
# Every unit test, and the program in every command-line test, run under valgrind (through
# MINUTES_WRAPPER, see tests/run and tests/cli/test-lib.sh): a memory error or a definite
# leak makes valgrind exit with 99 and write a log, and the test fail. Takes several minutes.

VALGRIND ?= valgrind
VALGRIND_FLAGS ?= -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
                  --show-leak-kinds=definite --num-callers=30 \
                  --suppressions=$(CURDIR)/tests/valgrind.supp \
                  --log-file=%q{MINUTES_WRAPPER_LOGS}/valgrind.%p.log

check-valgrind:
	$(MAKE) tests
	MINUTES_WRAPPER="$(VALGRIND) $(VALGRIND_FLAGS)" tests/run $(BUILD)

# ---- benchmarks ----------------------------------------------------------------------------
#
#   make bench [BENCH_MB=500]
#
# Generates a corpus once (cached in ~/.cache/minutes-bench), measures minutes against SQLite
# FTS5, ripgrep and omindex where installed, and a bare per-paragraph Xapian loop in C++
# (tools/bench-loop.cc, no part of minutes: built here only), and writes BENCHMARKS.md.

BENCH_MB ?= 10

bench: all $(BUILD)/bench-loop
	tools/bench --mb $(BENCH_MB) --loop $(BUILD)/bench-loop

$(BUILD)/bench-loop: tools/bench-loop.cc Makefile
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CXX     $<")
	$(Q)$(CXX) -std=c++17 -O2 $(CXX_WARNINGS) $(shell $(PKG_CONFIG) --cflags xapian-core) \
	    -o $@ $< $(shell $(PKG_CONFIG) --libs xapian-core)
