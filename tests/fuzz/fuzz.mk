# Fuzzing with libFuzzer (clang, ASan, UBSan), included by the top-level
# Makefile, or used as: make -f Makefile -f tests/fuzz/fuzz.mk fuzz-smoke
#
#   make fuzz-build   the targets, in build-fuzz/ (never build/ or ./enkat)
#   make fuzz-smoke   each target FUZZ_SMOKE_SECONDS (30) on its seed corpus,
#                     then every file in tests/fuzz/regressions/TARGET/ once;
#                     ends with "fuzz: N passed, N failed" (part of check)
#   make fuzz         each target FUZZ_SECONDS (600), one after another, with
#                     a corpus kept in build-fuzz/corpus/; prints the
#                     executions; a crash is copied to tests/fuzz/regressions/
#   FUZZ_TARGETS="fuzz_result" picks targets; FUZZ_FLAGS adds libFuzzer
#   options (e.g. FUZZ_FLAGS=-max_len=4096).
# Targets: fuzz_survey (the survey loader and everything a loaded survey
# drives), fuzz_result (the result-file reader), fuzz_merge (enkat-merge's
# run, while its modules exist).
ifndef ENKAT_FUZZ_MK
ENKAT_FUZZ_MK := 1
FUZZ_B = build-fuzz
FUZZ_CC = clang
FUZZ_SECONDS = 600
FUZZ_SMOKE_SECONDS = 30
FUZZ_FLAGS =
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
# The engine with coverage for the fuzzer; the targets with its main().
# The engine keeps its no-curses guard here too (NO_CURSES, Makefile).
FUZZ_CFLAGS_ALL = -std=c11 -D_DEFAULT_SOURCE -D_GNU_SOURCE $(WARN) \
	$(ENGINE_CFLAGS) $(MERGE_CFLAGS) -I$(NO_CURSES) $(CPPFLAGS) -g -O1 $(FUZZ_SAN) \
	-fsanitize=fuzzer-no-link
# ENGINE_MODULES: the Makefile's ENGINE list, less modules not there yet
FUZZ_ENGINE_OBJ = $(ENGINE_MODULES:%=$(FUZZ_B)/%.o)
# fuzz_merge only while enkat-merge's modules are there to link with.
FUZZ_MERGE_SRC = $(wildcard $(SRC)/merge_*.c)
FUZZ_ALL = fuzz_survey fuzz_result $(if $(FUZZ_MERGE_SRC),$(if \
	$(wildcard tests/fuzz/fuzz_merge.c),fuzz_merge))
FUZZ_TARGETS = $(FUZZ_ALL)
FUZZ_MERGE_OBJ = $(patsubst $(SRC)/%.c,$(FUZZ_B)/%.o,$(FUZZ_MERGE_SRC))

# clang and libFuzzer are test packages: the Makefile's check stamp
# (which installs them for make check as root) comes first
$(FUZZ_B)/.deps-fuzz: | $(B)/.deps-check $(NO_CURSES)/.stamp
	@mkdir -p $(FUZZ_B)
	@touch $@

$(FUZZ_B)/%.o: $(SRC)/%.c | $(FUZZ_B)/.deps-fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS_ALL) -MMD -MP -c -o $@ $<

$(FUZZ_B)/fuzz_%.o: tests/fuzz/fuzz_%.c | $(FUZZ_B)/.deps-fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS_ALL) -I$(SRC) \
		-DFUZZ_SURVEY_DIR='"$(CURDIR)/surveys"' -MMD -MP -c -o $@ $<

$(FUZZ_B)/fuzz_merge: $(FUZZ_B)/fuzz_merge.o $(FUZZ_MERGE_OBJ) $(FUZZ_ENGINE_OBJ)
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -pthread -o $@ $^ $(ENGINE_LIBS) $(MERGE_LIBS)

$(FUZZ_B)/fuzz_%: $(FUZZ_B)/fuzz_%.o $(FUZZ_ENGINE_OBJ)
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(ENGINE_LIBS)

fuzz-build: $(FUZZ_TARGETS:%=$(FUZZ_B)/%)

fuzz-smoke: fuzz-build
	@FUZZ_B=$(FUZZ_B) sh tests/fuzz/run.sh smoke $(FUZZ_SMOKE_SECONDS) \
		"$(FUZZ_FLAGS)" $(FUZZ_TARGETS)

fuzz: fuzz-build
	@FUZZ_B=$(FUZZ_B) sh tests/fuzz/run.sh long $(FUZZ_SECONDS) \
		"$(FUZZ_FLAGS)" $(FUZZ_TARGETS)

fuzz-clean:
	rm -rf $(FUZZ_B)

.PHONY: fuzz fuzz-build fuzz-smoke fuzz-clean

-include $(wildcard $(FUZZ_B)/*.d)
endif
