# enkat -- plain Makefile (GNU make). Honours CC, CFLAGS, CPPFLAGS,
# LDFLAGS, LDLIBS, AR, PKG_CONFIG, PREFIX (BINDIR, MANDIR, DATADIR,
# LOCALEDIR) and DESTDIR.
#
#   make              the programs and translations; installs nothing:
#                     names the missing Debian packages and stops
#   make run          builds and starts enkat (ARGS="..." for options)
#   make check        test + check-valgrind + check-asan + fuzz-smoke
#   make test         the unit tests and every tests/cli/*.sh suite
#   make deps         installs every package the build and tests need
#   make install      PREFIX=/usr/local, DESTDIR= for staging
# run, check, test and deps install missing packages with apt-get when run
# as root (tests/deps.sh --install); other goals only check for them.
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/enkat
LOCALEDIR ?= $(PREFIX)/share/locale

CC ?= cc
AR ?= ar
CFLAGS ?= -O2 -g
PKG_CONFIG ?= pkg-config
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla
# Links name only the shared libraries a program uses (enkat-merge gets no
# nettle or inih from the engine's list). Empty it for a linker without
# the option.
AS_NEEDED = -Wl,--as-needed

# pkg-config runs when a recipe needs it, after tests/deps.sh has had the
# chance to install what was missing (libcsv ships no .pc file): these
# stay '=' variables, used in recipes only.
ENGINE_CFLAGS = $(shell $(PKG_CONFIG) --cflags inih nettle libacl libutf8proc)
ENGINE_LIBS = $(shell $(PKG_CONFIG) --libs inih nettle libacl libutf8proc) -lcsv -lm
CURSES_CFLAGS = $(shell $(PKG_CONFIG) --cflags ncursesw)
CURSES_LIBS = $(shell $(PKG_CONFIG) --libs ncursesw)
# libxlsxwriter (--xlsx) is enkat-merge's alone: the engine never links it
MERGE_CFLAGS = $(shell $(PKG_CONFIG) --cflags xlsxwriter)
MERGE_LIBS = $(shell $(PKG_CONFIG) --libs xlsxwriter)
CMOCKA_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka)
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka)

# B: where objects go; BIN: a prefix for the programs (check-asan builds
# into build-asan/ so that it never replaces ./enkat); SRC: the sources.
B = build
BIN =
SRC = src

# The engine: every rule of the assessment, no curses. The one list to
# extend with a new engine module; a listed module whose source is not
# there (yet) is left out. Built as $(B)/libenkat.a, linked by every
# program and the unit tests.
ENGINE = util diag i18n text numfmt csvfmt fileio inifile survey survey_load condition \
	 score result result_read answers session paths assess site actions approval \
	 previous revision
ENGINE_SRC = $(wildcard $(ENGINE:%=$(SRC)/%.c))
ENGINE_MODULES = $(ENGINE_SRC:$(SRC)/%.c=%)
ENGINE_OBJ = $(ENGINE_MODULES:%=$(B)/%.o)
ENGINE_LIB = $(B)/libenkat.a
# The report: reading and checking many result files into one model
# (src/merge_*.c but for MERGE_ONLY), every figure of it, and the HTML
# report; no curses. Built as $(B)/libenkat-report.a,
# linked by enkat-merge (the city's picture) and enkat (a department's own
# report, enkat --report), so both share one code.
# enkat-merge alone: its main and the writers only it has.
MERGE_ONLY = merge merge_csv merge_summary merge_xlsx
REPORT_SRC = $(filter-out $(MERGE_ONLY:%=$(SRC)/%.c),$(wildcard $(SRC)/merge_*.c \
	$(SRC)/report.c))
REPORT_OBJ = $(REPORT_SRC:$(SRC)/%.c=$(B)/%.o)
REPORT_LIB = $(B)/libenkat-report.a
MERGE_OBJ = $(patsubst $(SRC)/%.c,$(B)/%.o,$(wildcard $(MERGE_ONLY:%=$(SRC)/%.c)))
# enkat: src/enkat.c and its front-end modules (src/ui*.c, src/plain*.c),
# the only code compiled with curses.
ENKAT_OBJ = $(patsubst $(SRC)/%.c,$(B)/%.o,$(wildcard $(SRC)/enkat.c $(SRC)/ui*.c $(SRC)/plain*.c))
PROGRAMS = $(BIN)enkat $(if $(wildcard $(SRC)/merge.c),$(BIN)enkat-merge)
UNIT_TESTS = $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))
UNIT_BIN = $(UNIT_TESTS:%=$(B)/%)
MAN1 = $(wildcard man/*.1)
MAN5 = $(wildcard man/*.5)

# A source that belongs to no program would silently not be built.
UNCLAIMED = $(filter-out $(ENGINE_SRC) $(REPORT_SRC) $(patsubst $(B)/%.o,$(SRC)/%.c,\
	$(MERGE_OBJ) $(ENKAT_OBJ)),$(wildcard $(SRC)/*.c))
ifneq ($(UNCLAIMED),)
$(warning $(UNCLAIMED): in no program; an engine module goes into ENGINE in the Makefile)
endif

# Interface translations: po/LANG.po -> build/mo/LANG/LC_MESSAGES/enkat.mo
LANGS = $(patsubst po/%.po,%,$(wildcard po/*.po))
MO = $(LANGS:%=build/mo/%/LC_MESSAGES/enkat.mo)

# Compiler flags: ours first, then the caller's CPPFLAGS and CFLAGS (which
# may override a warning). OBJ_CFLAGS says what kind of code an object is.
BASE_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE $(WARN) \
	-DENKAT_DATADIR='"$(DATADIR)"' -DENKAT_LOCALEDIR='"$(LOCALEDIR)"'
COMPILE = $(CC) $(BASE_CFLAGS) $(OBJ_CFLAGS) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

# The engine and enkat-merge never include curses: they get no curses
# flags, and a folder of curses headers that are each an #error comes
# first on their include path, so such an include fails the build at
# once (without it, /usr/include/curses.h would compile and only the link
# would fail, or worse, not).
NO_CURSES = $(B)/no-curses
NO_CURSES_H = curses.h ncurses.h term.h panel.h menu.h form.h \
	$(foreach d,ncursesw ncurses,$(d)/curses.h $(d)/ncurses.h $(d)/term.h \
	$(d)/panel.h $(d)/menu.h $(d)/form.h)
NO_CURSES_MSG = no curses here: the engine (ENGINE in the Makefile) and \
	enkat-merge are built without it; drawing and keys belong to the front \
	end (ui*.c, plain*.c)

$(ENGINE_OBJ): OBJ_CFLAGS = $(ENGINE_CFLAGS) -I$(NO_CURSES)
$(MERGE_OBJ) $(REPORT_OBJ): OBJ_CFLAGS = $(ENGINE_CFLAGS) $(MERGE_CFLAGS) -I$(NO_CURSES) -pthread
$(ENKAT_OBJ): OBJ_CFLAGS = $(ENGINE_CFLAGS) $(CURSES_CFLAGS)

all: $(PROGRAMS) $(MO)

build/mo/%/LC_MESSAGES/enkat.mo: po/%.po | $(B)/.deps-build
	@mkdir -p $(dir $@)
	msgfmt -c -o $@ $<

# Regenerates the template after interface strings change.
po/enkat.pot: $(wildcard $(SRC)/*.c)
	xgettext --from-code=UTF-8 -k_ -kN_ --no-location -o $@ $^

# Dependencies: tests/deps.sh checks for the Debian packages (once per
# build folder) and, for the goals that may, installs what is missing.
DEPS_INSTALL = $(if $(filter run check test deps,$(MAKECMDGOALS)),--install)

$(B)/.deps-build:
	@mkdir -p $(B)
	@sh tests/deps.sh $(DEPS_INSTALL) build
	@touch $@

# after .deps-build, so that two apt-get never run at once under -j
$(B)/.deps-check: | $(B)/.deps-build
	@sh tests/deps.sh $(DEPS_INSTALL) check
	@touch $@

deps:
	@sh tests/deps.sh --install check

# (again when the Makefile changes: the message may have)
$(NO_CURSES)/.stamp: Makefile
	@for h in $(NO_CURSES_H); do \
		mkdir -p "$(NO_CURSES)/$$(dirname $$h)" && \
		printf '#error "%s"\n' "$(NO_CURSES_MSG)" >"$(NO_CURSES)/$$h" || exit 1; \
	done
	@touch $@

$(B)/%.o: $(SRC)/%.c | $(B)/.deps-build $(NO_CURSES)/.stamp
	$(COMPILE)

# made afresh, also when ENGINE loses a module (hence the Makefile)
$(ENGINE_LIB): $(ENGINE_OBJ) Makefile
	@rm -f $@
	$(AR) rcs $@ $(ENGINE_OBJ)

$(REPORT_LIB): $(REPORT_OBJ) Makefile
	@rm -f $@
	$(AR) rcs $@ $(REPORT_OBJ)

$(BIN)enkat: $(ENKAT_OBJ) $(REPORT_LIB) $(ENGINE_LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -pthread $(AS_NEEDED) -o $@ $^ $(ENGINE_LIBS) $(CURSES_LIBS) $(LDLIBS)

$(BIN)enkat-merge: $(MERGE_OBJ) $(REPORT_LIB) $(ENGINE_LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -pthread $(AS_NEEDED) -o $@ $^ $(ENGINE_LIBS) $(MERGE_LIBS) $(LDLIBS)

$(B)/test_%.o: tests/unit/test_%.c | $(B)/.deps-check
	$(CC) $(BASE_CFLAGS) $(ENGINE_CFLAGS) $(CMOCKA_CFLAGS) -I$(SRC) $(CPPFLAGS) \
		$(CFLAGS) -MMD -MP -c -o $@ $<

$(B)/test_%: $(B)/test_%.o $(ENGINE_LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) $(AS_NEEDED) -o $@ $^ $(ENGINE_LIBS) $(CMOCKA_LIBS) $(LDLIBS)

# a unit test of the report (test_merge_*.c) links its library too
$(B)/test_merge_%: $(B)/test_merge_%.o $(REPORT_LIB) $(ENGINE_LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -pthread $(AS_NEEDED) -o $@ $^ $(ENGINE_LIBS) \
		$(MERGE_LIBS) $(CMOCKA_LIBS) $(LDLIBS)

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

# ENKAT_B, ENKAT_BIN: the build tests/cli/install.sh installs
test: $(B)/.deps-check $(PROGRAMS) $(MO) $(UNIT_BIN) $(B)/locale/sv_SE.UTF-8
	@ENKAT=$(CURDIR)/$(BIN)enkat ENKAT_MERGE=$(CURDIR)/$(BIN)enkat-merge \
		LOCPATH=$(CURDIR)/$(B)/locale ENKAT_B=$(B) ENKAT_BIN=$(BIN) \
		sh tests/run-all.sh $(UNIT_BIN)

# The whole suite again with AddressSanitizer and UBSan, in build-asan/.
ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
# after this build's packages are there: the sub-make would otherwise run
# its own apt-get beside ours under make -j
check-asan: | $(B)/.deps-check
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

# enkat-merge against Miller, DuckDB and the libcsv floor (N=, Q=, RUNS=)
bench-merge: $(BIN)enkat-merge
	ENKAT_MERGE=$(abspath $(BIN)enkat-merge) sh bench/bench-merge.sh

lint-man:
	mandoc -T lint -W warning $(MAN1) $(MAN5)

# The installed programs find their survey and translations relative to
# themselves (PREFIX/bin/../share, see src/paths.h), so a build made for
# one PREFIX installs into any other.
install: $(PROGRAMS) $(MO)
	install -d -m 755 $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DATADIR)/surveys
	install -m 755 $(PROGRAMS) $(DESTDIR)$(BINDIR)/
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	install -m 644 surveys/*.ini $(DESTDIR)$(DATADIR)/surveys/
	for l in $(LANGS); do \
		install -d -m 755 $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
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

.PHONY: all run test check check-asan check-valgrind deps bench bench-merge lint-man install \
	uninstall clean
.SECONDARY:

-include $(wildcard $(B)/*.d)
# fuzzing: fuzz-build, fuzz (long runs) and fuzz-smoke (part of check)
-include tests/fuzz/fuzz.mk
