# enkat -- plain Makefile; honours CC, CFLAGS, LDFLAGS, PREFIX, DESTDIR.
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/enkat

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

ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE $(WARN) $(ENGINE_CFLAGS) $(CFLAGS)

B = build
# The engine: no curses here, linked by every program and by the unit tests.
ENGINE = util diag text numfmt fileio inifile survey survey_load condition \
	 score result result_read answers
ENGINE_OBJ = $(ENGINE:%=$(B)/%.o)
UNIT_TESTS = $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))
UNIT_BIN = $(UNIT_TESTS:%=$(B)/%)
MANPAGES = man/enkat.1 man/enkat-survey.5 man/enkat-results.5

all: enkat

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

enkat: $(ENGINE_OBJ) $(B)/enkat.o
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

check: $(B)/.deps-check enkat $(UNIT_BIN) $(B)/locale/sv_SE.UTF-8
	@LOCPATH=$(CURDIR)/$(B)/locale sh tests/run-all.sh $(UNIT_BIN)

bench: enkat
	@sh bench/survey-load.sh

lint-man:
	mandoc -T lint -W warning $(MANPAGES)

install: enkat
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DATADIR)/surveys
	install -m 755 enkat $(DESTDIR)$(BINDIR)/enkat
	install -m 644 man/enkat.1 $(DESTDIR)$(MANDIR)/man1/enkat.1
	install -m 644 man/enkat-survey.5 man/enkat-results.5 $(DESTDIR)$(MANDIR)/man5/
	install -m 644 surveys/*.ini $(DESTDIR)$(DATADIR)/surveys/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/enkat $(DESTDIR)$(MANDIR)/man1/enkat.1 \
		$(DESTDIR)$(MANDIR)/man5/enkat-survey.5 \
		$(DESTDIR)$(MANDIR)/man5/enkat-results.5
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf $(B) enkat

.PHONY: all check bench lint-man install uninstall clean
.SECONDARY:

-include $(wildcard $(B)/*.d)
