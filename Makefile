# Makefile - builds libminutes, the minutes command and the tests; runs the demo and tests.
#
#   make              build into build/
#   make demo         install dependencies, build, index seeds/ into index/, search it
#   make test         build and run every test, plain and under ASan+UBSan
#   make deps         install missing Debian packages with apt-get
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

PKGS := xapian-core zlib jansson
TEST_PKGS := cmocka

C_WARNINGS := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
              -Wpointer-arith -Wformat=2 -Wundef -Wvla
CXX_WARNINGS := -Wall -Wextra -Werror -Wshadow -Wpointer-arith -Wformat=2 -Wundef

OPT ?= -O2 -g
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS))
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS))
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

# ---- sources -------------------------------------------------------------------------------

LIB_C := $(sort $(wildcard src/lib/*.c))
LIB_CXX := src/lib/xap.cc
CLI_C := $(sort $(wildcard src/cli/*.c))
UNIT_C := $(sort $(wildcard tests/unit/test-*.c))

LIB_OBJ := $(LIB_C:src/lib/%.c=$(BUILD)/lib/%.o) $(BUILD)/lib/xap.o
CLI_OBJ := $(CLI_C:src/cli/%.c=$(BUILD)/cli/%.o)
UNIT_BIN := $(UNIT_C:tests/unit/%.c=$(BUILD)/tests/%)

LIB_A := $(BUILD)/libminutes.a
LIB_SO := $(BUILD)/libminutes.so
MINUTES := $(BUILD)/minutes

# ---- build ---------------------------------------------------------------------------------

.PHONY: all lib tests demo test check deps clean format

all: $(MINUTES) $(LIB_SO)

lib: $(LIB_A) $(LIB_SO)

$(BUILD)/lib/%.o: src/lib/%.c Makefile
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/lib/xap.o: src/lib/xap.cc Makefile
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CXX     $<")
	$(Q)$(CXX) $(CPPFLAGS) $(CXXFLAGS_ALL) -c $< -o $@

$(BUILD)/cli/%.o: src/cli/%.c Makefile
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS_ALL) -c $< -o $@

$(LIB_A): $(LIB_OBJ)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

# The shared library exports only the public minutes_* names (src/lib/minutes.sym).
$(LIB_SO): $(LIB_OBJ) src/lib/minutes.sym
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CXX) -shared -Wl,--version-script=src/lib/minutes.sym -o $@ $(LIB_OBJ) \
	    $(LDFLAGS_ALL) $(PKG_LIBS)

# Linked with the C++ driver because the shim is C++.
$(MINUTES): $(CLI_OBJ) $(LIB_A)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CXX) -o $@ $(CLI_OBJ) $(LIB_A) $(LDFLAGS_ALL) $(PKG_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIB_A) Makefile
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) -Isrc/lib $(CFLAGS_ALL) $(TEST_CFLAGS) -o $@ $< $(LIB_A) \
	    $(LDFLAGS_ALL) $(PKG_LIBS) $(TEST_LIBS) -lstdc++ -lm

tests: $(MINUTES) $(LIB_SO) $(UNIT_BIN)

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(UNIT_BIN:=.d)

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
