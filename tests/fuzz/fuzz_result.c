/* libFuzzer target: the result-file reader (what enkat runs to resume a
 * draft and enkat-merge runs on every input) on any bytes. Oracles, when a
 * file is accepted:
 *   - result_format of the table reads back (result_load_buffer) with the
 *     very same fields, the same checked values and the same scores, and
 *     formatting that again gives the same bytes;
 *   - scores recomputed from the rows are within their ranges;
 *   - resuming it against the bundled surveys (as enkat does with a draft)
 *     either works or says why, and what comes back writes a readable file.
 * The bundled surveys are read once, from FUZZ_SURVEY_DIR. */
#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "answers.h"
#include "approval.h"
#include "fuzz_common.h"
#include "result.h"
#include "score.h"
#include "survey.h"
#include "text.h"
#include "util.h"

#ifndef FUZZ_SURVEY_DIR
#define FUZZ_SURVEY_DIR "surveys"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct survey *surveys[2];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *const names[] = {"demo.ini", "kommun.ini"};

	(void)argc;
	(void)argv;
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "");
	for (size_t i = 0; i < 2; i++) {
		struct diag d = {0};
		char *path = xasprintf("%s/%s", FUZZ_SURVEY_DIR, names[i]);

		surveys[i] = survey_load(path, &d);
		if (!surveys[i]) {
			diag_print(&d, stderr);
			fprintf(stderr, "fuzz_result: cannot load %s\n", path);
			abort();
		}
		diag_free(&d);
		free(path);
	}
	return 0;
}

static bool same_values(const struct result_values *a, const struct result_values *b)
{
	return a->version == b->version && a->area_weight == b->area_weight &&
	       a->level == b->level && a->has_value == b->has_value &&
	       a->has_max == b->has_max && (!a->has_value || a->value == b->value) &&
	       (!a->has_max || a->max_value == b->max_value) && a->weight == b->weight &&
	       a->na == b->na && a->area_target == b->area_target &&
	       a->has_threshold == b->has_threshold &&
	       (!a->has_threshold || a->threshold == b->threshold) &&
	       a->type == b->type && a->state == b->state && a->final == b->final &&
	       a->updated_at == b->updated_at;
}

static bool same_score(const struct score *a, const struct score *b)
{
	return a->has_percent == b->has_percent &&
	       (!a->has_percent || a->percent == b->percent) &&
	       a->answered == b->answered && a->applicable == b->applicable &&
	       a->level == b->level && a->target == b->target && a->gap == b->gap;
}

static void check_score(const struct score *sc)
{
	FUZZ_CHECK(!sc->has_percent || (sc->percent >= -1e-9 && sc->percent <= 100 + 1e-9),
		   "percent %g", sc->percent);
	FUZZ_CHECK(!isnan(sc->percent), "percent is NaN");
	FUZZ_CHECK(sc->answered <= sc->applicable, "answered > applicable");
	FUZZ_CHECK(sc->level >= 0 && sc->level <= SURVEY_MAX_LEVELS, "level %d", sc->level);
	FUZZ_CHECK(sc->gap >= 0, "gap %d", sc->gap);
}

/* As enkat does when it resumes a draft: the answers for survey s, and
 * if they come back, the file they write reads back too. */
static void resume(const struct survey *s, const struct result_table *t)
{
	struct diag d = {0};
	struct answers *as = answers_from_table(s, t, "fuzz.csv", &d);
	struct answers *carried = answers_new(s, t->rows[0].field[RC_DEPARTMENT],
					      t->rows[0].field[RC_RESPONDENT]);

	FUZZ_CHECK((as == NULL) == (d.count > 0), "answers %s with %zu messages",
		   as ? "taken" : "refused", d.count);
	/* a changed survey definition: whatever fits is carried over */
	for (size_t i = 0; i < t->n_rows; i++)
		answers_take_row(carried, &t->rows[i]);
	for (size_t k = 0; k < 2; k++) {
		struct answers *x = k ? carried : as;
		struct result_table out;
		struct result_table *back;
		struct diag d2 = {0};
		struct score *areas;
		struct score overall;
		size_t len;
		char *csv;

		if (!x || !*x->department)
			continue;
		areas = xcalloc(s->n_areas, sizeof *areas);
		answers_score(x, areas, &overall);
		check_score(&overall);
		free(areas);
		answers_to_table(x, &out);
		csv = result_format(&out, &len);
		back = result_load_buffer("resumed.csv", csv, len, &d2);
		if (!back)
			fuzz_diag_show(&d2);
		FUZZ_CHECK(back, "answers taken from a valid file write an invalid one");
		result_table_release(back);
		free(back);
		result_table_release(&out);
		free(csv);
		diag_free(&d2);
	}
	answers_free(as);
	answers_free(carried);
	fuzz_diag_drain(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = {0}, d2 = {0};
	struct result_table *t = result_load_buffer("fuzz.csv", (const char *)data, size, &d);
	struct result_table *again;
	struct score *areas, *areas2, overall, overall2;
	const char **ids, **ids2;
	size_t len, len2, n, n2;
	char *csv, *csv2;

	fuzz_check_lines(data, size, &d);
	FUZZ_CHECK((t == NULL) == (d.count > 0), "table %s with %zu messages",
		   t ? "loaded" : "refused", d.count);
	fuzz_diag_drain(&d);
	if (!t)
		return 0;
	FUZZ_CHECK(t->n_rows > 0, "a table without rows");

	csv = result_format(t, &len);
	FUZZ_CHECK(strlen(csv) == len, "NUL in the formatted file");
	again = result_load_buffer("again.csv", csv, len, &d2);
	if (!again)
		fuzz_diag_show(&d2);
	FUZZ_CHECK(again, "the formatted table does not read back");
	FUZZ_CHECK(again->n_rows == t->n_rows, "%zu rows, %zu read back", t->n_rows,
		   again->n_rows);
	for (size_t i = 0; i < t->n_rows; i++) {
		for (size_t c = 0; c < RESULT_NCOLS; c++)
			FUZZ_CHECK(strcmp(t->rows[i].field[c], again->rows[i].field[c]) == 0,
				   "row %zu column %s: '%s' read back as '%s'", i,
				   result_column_names[c], t->rows[i].field[c],
				   again->rows[i].field[c]);
		FUZZ_CHECK(same_values(&t->rows[i].v, &again->rows[i].v),
			   "row %zu: checked values differ", i);
	}
	/* the yearly loop's rows: the same after a round trip, and every
	 * reader of them takes what the reader let through */
	FUZZ_CHECK(again->n_parts == t->n_parts, "%zu other rows, %zu read back",
		   t->n_parts, again->n_parts);
	for (size_t i = 0; i < t->n_parts; i++)
		for (size_t c = 0; c < RESULT_ALL_NCOLS; c++)
			FUZZ_CHECK(strcmp(t->parts[i].field[c], again->parts[i].field[c]) == 0,
				   "other row %zu column %s: '%s' read back as '%s'", i,
				   result_column_names[c], t->parts[i].field[c],
				   again->parts[i].field[c]);
	{
		struct action_list l = {0};
		struct approval ap = {0};
		struct history h = {0};

		actions_from_table(&l, t);
		approval_from_table(&ap, &h, t);
		FUZZ_CHECK(approval_state_of(t) == approval_state_of(again),
			   "the seal reads differently after a round trip");
		actions_release(&l);
		approval_release(&ap);
		history_release(&h);
	}
	csv2 = result_format(again, &len2);
	FUZZ_CHECK(len == len2 && memcmp(csv, csv2, len) == 0,
		   "formatting the table read back gives other bytes");

	n = result_score(t, &areas, &ids, &overall);
	n2 = result_score(again, &areas2, &ids2, &overall2);
	FUZZ_CHECK(n == n2 && n > 0, "areas: %zu and %zu", n, n2);
	for (size_t a = 0; a < n; a++) {
		check_score(&areas[a]);
		FUZZ_CHECK(strcmp(ids[a], ids2[a]) == 0, "area order");
		FUZZ_CHECK(same_score(&areas[a], &areas2[a]), "area '%s' scores differ",
			   ids[a]);
	}
	check_score(&overall);
	FUZZ_CHECK(same_score(&overall, &overall2), "overall scores differ");

	for (size_t k = 0; k < 2; k++)
		resume(surveys[k], t);

	free(areas);
	free(areas2);
	free(ids);
	free(ids2);
	free(csv);
	free(csv2);
	result_table_release(again);
	free(again);
	result_table_release(t);
	free(t);
	diag_free(&d2);
	return 0;
}
