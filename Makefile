# enkat -- plain Makefile; honours CC, CFLAGS, LDFLAGS, PREFIX, DESTDIR.
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/enkat
LOCALEDIR ?= $(PREFIX)/share/locale

CC ?= cc
CFLAGS ?= -O2 -g
PKG_CONFIG ?= pkg-config
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla

# pkg-config runs when a recipe needs it, after tests/deps.sh has had the
# chance to install what was missing (libcsv ships no .pc file).
ENGINE_CFLAGS = $(shell $(PKG_CONFIG) --cflags inih nettle)
ENGINE_LIBS = $(shell $(PKG_CONFIG) --libs inih nettle) -lcsv -lm
CURSES_CFLAGS = $(shell $(PKG_CONFIG) --cflags ncursesw)
CURSES_LIBS = $(shell $(PKG_CONFIG) --libs ncursesw)
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka)
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka)

ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE $(WARN) $(ENGINE_CFLAGS) \
	$(CURSES_CFLAGS) -DENKAT_DATADIR='"$(DATADIR)"' \
	-DENKAT_LOCALEDIR='"$(LOCALEDIR)"' $(CFLAGS)

# B: where objects go; BIN: a prefix for the programs (check-asan builds
# into build-asan/ so that it never replaces ./enkat).
B = build
BIN =
# The engine: no curses here, linked by every program and by the unit tests.
ENGINE = util diag text numfmt fileio inifile survey survey_load condition \
	 score result result_read answers session paths
ENGINE_OBJ = $(ENGINE:%=$(B)/%.o)
# enkat-merge: src/merge.c (main) and any src/merge_*.c modules.
MERGE_OBJ = $(patsubst src/%.c,$(B)/%.o,$(wildcard src/merge.c src/merge_*.c))
# enkat: src/enkat.c and its front-end modules (src/ui*.c, src/plain*.c).
ENKAT_OBJ = $(B)/enkat.o $(patsubst src/%.c,$(B)/%.o,$(wildcard src/ui*.c src/plain*.c))
PROGRAMS = $(BIN)enkat $(if $(wildcard src/merge.c),$(BIN)enkat-merge)
UNIT_TESTS = $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))
UNIT_BIN = $(UNIT_TESTS:%=$(B)/%)
MAN1 = $(wildcard man/*.1)
MAN5 = $(wildcard man/*.5)

# Interface translations: po/LANG.po -> build/mo/LANG/LC_MESSAGES/enkat.mo
LANGS = $(patsubst po/%.po,%,$(wildcard po/*.po))
MO = $(LANGS:%=build/mo/%/LC_MESSAGES/enkat.mo)

all: $(PROGRAMS) $(MO)

build/mo/%/LC_MESSAGES/enkat.mo: po/%.po | $(B)/.deps-build
	@mkdir -p $(dir $@)
	msgfmt -c -o $@ $<

# Regenerates the template after interface strings change.
po/enkat.pot: $(wildcard src/*.c)
	xgettext --from-code=UTF-8 -k_ -kN_ --no-location -o $@ $^

$(B)/.deps-build:
	@mkdir -p $(B)
	@sh tests/deps.sh build
	@touch $@

$(B)/.deps-check:
	@mkdir -p $(B)
	@sh tests/deps.sh check
	@touch $@

$(B)/%.o: src/%.c | $(B)/.deps-build
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BIN)enkat: $(ENGINE_OBJ) $(ENKAT_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(ENGINE_LIBS) $(CURSES_LIBS)

$(BIN)enkat-merge: $(ENGINE_OBJ) $(MERGE_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(ENGINE_LIBS)

$(B)/test_%.o: tests/unit/test_%.c | $(B)/.deps-check
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -Isrc -MMD -MP -c -o $@ $<

$(B)/test_%: $(B)/test_%.o $(ENGINE_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(ENGINE_LIBS) $(CMOCKA_LIBS)

# A Swedish locale of our own, so the tests meet the decimal comma that
# sv_SE gives printf and strtod even where none is installed.
$(B)/locale/sv_SE.UTF-8: | $(B)/.deps-check
	@mkdir -p $(B)/locale
	localedef -i sv_SE -f UTF-8 $@ 2>/dev/null || test -d $@

# The assessment, with the bundled survey unless ARGS names one, e.g.
#   make run ARGS="--department Kultur --lang sv"
run: $(BIN)enkat $(MO)
	./$(BIN)enkat $(ARGS)

# check: the suite, the unit tests under valgrind, and the suite again
# built with sanitizers. test: the suite alone.
check: test check-valgrind check-asan $(if $(wildcard tests/fuzz/fuzz.mk),fuzz-smoke)

test: $(B)/.deps-check $(PROGRAMS) $(MO) $(UNIT_BIN) $(B)/locale/sv_SE.UTF-8
	@ENKAT=$(CURDIR)/$(BIN)enkat ENKAT_MERGE=$(CURDIR)/$(BIN)enkat-merge \
		LOCPATH=$(CURDIR)/$(B)/locale \
		sh tests/run-all.sh $(UNIT_BIN)

# The whole suite again with AddressSanitizer and UBSan, in build-asan/.
ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
check-asan:
	@$(MAKE) --no-print-directory test B=build-asan BIN=build-asan/ CFLAGS="$(ASAN_FLAGS)" \
		LDFLAGS="$(ASAN_FLAGS)"

# The unit tests under valgrind: no leaks, no errors.
check-valgrind: $(B)/.deps-check $(UNIT_BIN) $(B)/locale/sv_SE.UTF-8
	@for t in $(UNIT_BIN); do \
		LOCPATH=$(CURDIR)/$(B)/locale valgrind -q --leak-check=full \
			--errors-for-leak-kinds=all --error-exitcode=9 $$t >/dev/null \
			|| { echo "valgrind: $$t failed"; exit 1; }; \
	done; echo "valgrind: $(words $(UNIT_BIN)) unit-test programs clean"

# Every bench/bench-*.sh, one after another (gen-*.sh are generators).
bench: $(PROGRAMS)
	@for b in bench/bench-*.sh; do sh $$b || exit 1; echo; done

lint-man:
	mandoc -T lint -W warning $(MAN1) $(MAN5)

install: $(PROGRAMS) $(MO)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DATADIR)/surveys
	install -m 755 $(PROGRAMS) $(DESTDIR)$(BINDIR)/
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	install -m 644 surveys/*.ini $(DESTDIR)$(DATADIR)/surveys/
	for l in $(LANGS); do \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
		install -m 644 build/mo/$$l/LC_MESSAGES/enkat.mo \
			$(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/enkat.mo || exit 1; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/enkat $(DESTDIR)$(BINDIR)/enkat-merge \
		$(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(MAN1))) \
		$(addprefix $(DESTDIR)$(MANDIR)/man5/,$(notdir $(MAN5)))
	rm -rf $(DESTDIR)$(DATADIR)
	rm -f $(LANGS:%=$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/enkat.mo)

clean:
	rm -rf build build-asan build-fuzz enkat enkat-merge

.PHONY: all run test check check-asan check-valgrind bench lint-man install uninstall clean
.SECONDARY:

-include $(wildcard $(B)/*.d)
# fuzzing: fuzz-build, fuzz (long runs) and fuzz-smoke (part of check)
-include tests/fuzz/fuzz.mk
