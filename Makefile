# recoupe: a plain Makefile. `make help` lists the targets.
#
# Layout: every src/*/*.c (and the C++ shim src/*/*.cc, and src/*/*.S data blobs)
# goes into librecoupe.a / librecoupe.so; tools/recoupe/*.c is the CLI, a client of
# include/recoupe.h (and the parts it includes, include/recoupe/*.h) only; each tests/unit/test_*.c is its own cmocka binary;
# tests/e2e/*.sh run the built binary on fixture files.

VERSION   := 0.1.0
PREFIX    ?= /usr/local
DESTDIR   ?=
BUILD     ?= build
CC        ?= cc
CXX       ?= c++
OPT       ?= -O2 -g
SAN       ?=
JOBS      ?= $(shell nproc 2>/dev/null || echo 2)

# the libraries the code links against (libexttextcat is not used by src/ and not
# linked); sqlite3 for the store (src/store), libmicrohttpd for the server
PKGS      := libxml-2.0 zlib libdeflate libutf8proc libxxhash jansson simdjson sqlite3 libmicrohttpd
EXTRALIBS := -lstemmer -Wl,--push-state,--no-as-needed -lcld2_full -lcld2 -Wl,--pop-state -lstdc++ -lpthread -lm

WARN      := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
# pkg-config is expanded when a recipe runs, after scripts/deps.sh installed the packages
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))
CPPFLAGS_ALL = -Iinclude -Isrc -D_GNU_SOURCE -DRECOUPE_VERSION='"$(VERSION)"' $(PKG_CFLAGS)
CFLAGS_ALL   = -std=c17 $(WARN) $(OPT) $(SAN) -fPIC -fvisibility=hidden -MMD -MP $(CFLAGS)
CXXFLAGS_ALL = -std=c++17 -Wall -Wextra -Werror -Wno-unused-parameter $(OPT) $(SAN) -fPIC -fvisibility=hidden -MMD -MP $(CXXFLAGS)
LDLIBS_ALL   = $(PKG_LIBS) $(EXTRALIBS)

LIB_C    := $(sort $(wildcard src/*/*.c))
LIB_CXX  := $(sort $(wildcard src/*/*.cc))
LIB_ASM  := $(sort $(wildcard src/*/*.S))
LIB_OBJ  := $(LIB_C:%.c=$(BUILD)/%.o) $(LIB_CXX:%.cc=$(BUILD)/%.o) $(LIB_ASM:%.S=$(BUILD)/%.o)
TOOL_C   := $(sort $(wildcard tools/recoupe/*.c))
TOOL_OBJ := $(TOOL_C:%.c=$(BUILD)/%.o)
UNIT_C   := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_C:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_C   := $(sort $(wildcard tests/fuzz/fuzz_*.c))

STAMP    := $(BUILD)/.deps-ok

.PHONY: all deps check unit e2e demo asan valgrind fuzz bench eval install uninstall clean help format

all: $(BUILD)/recoupe $(BUILD)/librecoupe.a $(BUILD)/librecoupe.so

help:
	@echo "make            build librecoupe.a, librecoupe.so and the recoupe binary (installs missing Debian packages first)"
	@echo "make demo       build, then run recoupe on the bundled sample examples/koursk"
	@echo "make check      build, then run every unit and end-to-end test"
	@echo "make asan       the tests again under AddressSanitizer + UndefinedBehaviorSanitizer"
	@echo "make valgrind   every command under valgrind's memcheck on the sample and the fixtures (installs valgrind)"
	@echo "make fuzz       libFuzzer targets under ASan (FUZZ_SECONDS=60 each)"
	@echo "make bench      speed benchmarks (writes bench/out/)"
	@echo "make eval       quality evaluation against ../shared/eval, fails below the pinned floors"
	@echo "make install    PREFIX=$(PREFIX) DESTDIR= : binary, library, header, man page, recoupe.pc"

deps: $(STAMP)
$(STAMP): scripts/deps.sh
	@sh scripts/deps.sh
	@mkdir -p $(BUILD) && touch $@

$(BUILD)/%.o: %.c | $(STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/%.o: %.cc | $(STAMP)
	@mkdir -p $(dir $@)
	$(CXX) $(CPPFLAGS_ALL) $(CXXFLAGS_ALL) -c $< -o $@

# data blobs (.incbin) are assembled from the source tree's root
$(BUILD)/%.o: %.S | $(STAMP)
	@mkdir -p $(dir $@)
	$(CC) -c $< -o $@

# facts: the gazetteer table, generated from Debian's unicode-cldr-core and iso-codes
$(BUILD)/gen/facts_places.inc: scripts/gen_places.py | $(STAMP)
	@mkdir -p $(dir $@)
	python3 scripts/gen_places.py $@
$(BUILD)/src/facts/places.o: $(BUILD)/gen/facts_places.inc
$(BUILD)/src/facts/places.o: CPPFLAGS_ALL += -I$(BUILD)/gen

# the installed archive is one relocatable object in which only the public recoupe_*
# names stay global, so that a program with its own buf_init or json_str links with it
$(BUILD)/librecoupe.a: $(LIB_OBJ)
	@rm -f $@
	$(LD) -r -o $(BUILD)/librecoupe.o $^
	objcopy --wildcard --keep-global-symbol='recoupe_*' $(BUILD)/librecoupe.o
	ar rcs $@ $(BUILD)/librecoupe.o

# every object as it is, for the unit tests and benchmarks that call internal functions
$(BUILD)/librecoupe-internal.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/librecoupe.so: $(LIB_OBJ) src/librecoupe.map
	$(CC) -shared $(SAN) -Wl,-soname,librecoupe.so.0 -Wl,--version-script,src/librecoupe.map -o $@ $(LIB_OBJ) $(LDLIBS_ALL)

$(BUILD)/recoupe: $(TOOL_OBJ) $(BUILD)/librecoupe.a
	$(CC) $(SAN) -o $@ $(TOOL_OBJ) $(BUILD)/librecoupe.a $(LDLIBS_ALL)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/librecoupe-internal.a | $(STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -Itests -o $@ $< $(BUILD)/librecoupe-internal.a $(LDLIBS_ALL) -lcmocka

# benchmark and evaluation programs: bench/NAME.c -> $(BUILD)/bench/NAME, linked like the tests
$(BUILD)/bench/%: bench/%.c $(BUILD)/librecoupe-internal.a | $(STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -o $@ $< $(BUILD)/librecoupe-internal.a $(LDLIBS_ALL)

# the README's library example, linked statically beside a program's own buf_init & co
$(BUILD)/examples/read_articles: examples/read_articles.c tests/link/clash.c $(BUILD)/librecoupe.a | $(STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -o $@ examples/read_articles.c tests/link/clash.c $(BUILD)/librecoupe.a $(LDLIBS_ALL)

check: all $(UNIT_BIN) $(BUILD)/examples/read_articles
	@sh tests/run.sh $(BUILD)
	@sh scripts/check_layers.sh $(BUILD)
	@python3 scripts/check_circles.py $(BUILD)
	@sh scripts/check_format.sh
	@sh scripts/check_docs.sh
	@python3 scripts/check_sizes.py

unit: $(UNIT_BIN)
	@sh tests/run.sh $(BUILD) unit

e2e: all
	@sh tests/run.sh $(BUILD) e2e

demo: all
	@echo "== recoupe extract examples/koursk   (title, date, site, language of each article)"
	@$(BUILD)/recoupe extract --quiet --fields file,title,date,site,lang,chars examples/koursk
	@echo "== recoupe lang examples/koursk"
	@$(BUILD)/recoupe lang --quiet examples/koursk
	@echo "== recoupe dups examples/koursk   (five different articles: no duplicate group)"
	@$(BUILD)/recoupe dups --quiet examples/koursk
	@echo "== recoupe threads examples/koursk   (one story of five)"
	@$(BUILD)/recoupe threads --quiet examples/koursk
	@echo "== recoupe report examples/koursk   (the stories as one offline HTML page)"
	@$(BUILD)/recoupe report --quiet -o $(BUILD)/report-koursk.html examples/koursk && echo "$(CURDIR)/$(BUILD)/report-koursk.html"

asan:
	@$(MAKE) --no-print-directory BUILD=build-asan OPT="-O1 -g" \
	  SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" check

valgrind: all
	@command -v valgrind >/dev/null 2>&1 || { echo "recoupe: installing valgrind for make valgrind"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends valgrind >/dev/null \
	  || { $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends valgrind >/dev/null; }; }
	@sh tests/valgrind.sh $(BUILD)

fuzz:
	@sh tests/fuzz/run.sh

bench: all
	@sh bench/run.sh $(BUILD)

eval: all
	@sh bench/eval.sh $(BUILD)

# the project's style is .clang-format (clang-format 14): `make format` formats every
# C file the project keeps (or FILES="a.c b.h"); `make check` fails when one is not.
# Tables meant to be read several entries a line sit between clang-format off/on.
format:
	@files="$(or $(FILES),$(shell git ls-files '*.c' '*.h' 2>/dev/null))"; \
	echo "clang-format -i ($$(echo $$files | wc -w) files)"; clang-format -i $$files

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/recoupe \
	  $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 755 $(BUILD)/recoupe $(DESTDIR)$(PREFIX)/bin/recoupe
	install -m 644 $(BUILD)/librecoupe.a $(DESTDIR)$(PREFIX)/lib/librecoupe.a
	install -m 755 $(BUILD)/librecoupe.so $(DESTDIR)$(PREFIX)/lib/librecoupe.so.$(VERSION)
	ln -sf librecoupe.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/librecoupe.so.0
	ln -sf librecoupe.so.0 $(DESTDIR)$(PREFIX)/lib/librecoupe.so
	install -m 644 include/recoupe.h $(DESTDIR)$(PREFIX)/include/recoupe.h
	install -m 644 include/recoupe/*.h $(DESTDIR)$(PREFIX)/include/recoupe/
	install -m 644 docs/recoupe.1 $(DESTDIR)$(PREFIX)/share/man/man1/recoupe.1
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' -e 's|@LIBS@|$(LDLIBS_ALL)|' \
	  recoupe.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/recoupe.pc

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/recoupe $(DESTDIR)$(PREFIX)/lib/librecoupe.a \
	  $(DESTDIR)$(PREFIX)/lib/librecoupe.so $(DESTDIR)$(PREFIX)/lib/librecoupe.so.0 \
	  $(DESTDIR)$(PREFIX)/lib/librecoupe.so.$(VERSION) $(DESTDIR)$(PREFIX)/include/recoupe.h \
	  $(DESTDIR)$(PREFIX)/share/man/man1/recoupe.1 $(DESTDIR)$(PREFIX)/lib/pkgconfig/recoupe.pc
	rm -rf $(DESTDIR)$(PREFIX)/include/recoupe

clean:
	rm -rf build build-asan build-fuzz

# the server's web page is embedded by .incbin, which -MMD does not see
$(BUILD)/tools/recoupe/serve_page.o: tools/recoupe/serve_page.html
$(BUILD)/src/classify/model.o: data/categories.bin

-include $(LIB_OBJ:.o=.d) $(TOOL_OBJ:.o=.d)
