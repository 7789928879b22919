/* libFuzzer target: the survey loader (what `enkat --check` and every start
 * of enkat run) on any bytes. When a survey loads, every part of it is
 * touched the way the front ends touch it, and answers chosen from the
 * input's hash go through the whole engine with oracles:
 *   - every text made visible has no control character left;
 *   - word wrap always advances and every line fits its width;
 *   - lookups by id find what they were built from;
 *   - the revision mapping is one both ways: every earlier id a question
 *     or area continues has it among its successors, and a split or merge
 *     is never comparable;
 *   - every number and derived figure is one a result file may hold;
 *   - a comment added at the end keeps the identity (not the checksum);
 *   - answers -> result file -> answers gives the same answers, the same
 *     scores (recomputed from the rows alone), and the same file again. */
#include <locale.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "answers.h"
#include "condition.h"
#include "fuzz_common.h"
#include "result.h"
#include "revision.h"
#include "score.h"
#include "survey.h"
#include "text.h"
#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* widths need a UTF-8 LC_CTYPE, as the programs set at start */
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "");
	return 0;
}

/* No C0 control but '\n' (when kept), no DEL, no C1 (U+0080..U+009F). */
static void check_visible(const char *v, bool newlines)
{
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		FUZZ_CHECK(*p >= 0x20 || (newlines && *p == '\n'),
			   "control byte 0x%02x left in visible text", *p);
		FUZZ_CHECK(*p != 0x7F, "DEL left in visible text");
		FUZZ_CHECK(!(p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F),
			   "C1 control left in visible text");
	}
	FUZZ_CHECK(utf8_invalid_at(v, strlen(v)) == strlen(v),
		   "visible text is not valid UTF-8");
}

/* Display columns of s[0..n), without copying it. */
static size_t width_of(const char *s, size_t n, size_t *first)
{
	size_t w = 0;

	*first = 0;
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t k = utf8_decode(s + i, n - i, &cp);

		w += (size_t)text_char_width(cp);
		i += k;
		if (!*first)
			*first = w;
	}
	return w;
}

static void check_wrap(const char *s, size_t width)
{
	const char *p = s;
	size_t guard = strlen(s) + 2;

	while (p) {
		size_t line_bytes, len = strlen(p), w, first;
		const char *next = text_wrap_line(p, width, &line_bytes);

		FUZZ_CHECK(line_bytes <= len, "line longer than the text");
		FUZZ_CHECK(!next || (next > p && next <= p + len),
			   "wrap does not advance");
		FUZZ_CHECK(!memchr(p, '\n', line_bytes), "new line inside a line");
		w = width_of(p, line_bytes, &first);
		/* only a single character wider than the line may overflow it */
		FUZZ_CHECK(w <= width || w == first, "line of %zu columns in %zu", w, width);
		FUZZ_CHECK(guard-- > 0, "wrap loops");
		p = next;
	}
}

static void touch_text(const char *t)
{
	char *v = text_visible(t, true), *one = text_visible(t, false);
	size_t cut;

	check_visible(v, true);
	check_visible(one, false);
	/* narrow columns cost a line each: only for short texts */
	if (strlen(v) < 400)
		check_wrap(v, 1 + strlen(v) % 13);
	check_wrap(v, 76);
	(void)text_width(one);
	cut = text_cut(one, 20);
	FUZZ_CHECK(cut <= strlen(one), "cut beyond the end");
	free(v);
	free(one);
}

static void touch(const struct survey *s, const struct survey_text *t)
{
	FUZZ_CHECK(s->n_langs == SURVEY_MAX_LANGS || !t->lang[s->n_langs],
		   "a text in an undeclared language");
	for (size_t l = 0; l < s->n_langs; l++)
		touch_text(survey_text_get(t, l));
}

static void check_slug(const char *slug)
{
	FUZZ_CHECK(*slug, "empty slug");
	FUZZ_CHECK(strstr(slug, "..") == NULL, "'..' in slug '%s'", slug);
	FUZZ_CHECK(slug[0] != '-' && slug[strlen(slug) - 1] != '-',
		   "slug '%s' starts or ends with '-'", slug);
	for (const char *p = slug; *p; p++)
		FUZZ_CHECK((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
			   *p == '_' || *p == '-', "byte 0x%02x in slug",
			   (unsigned char)*p);
}

/* 0, or a normal number from SURVEY_MIN_NUMBER to SURVEY_MAX_NUMBER in size:
 * the survey's rule for every number (enkat-survey(5), Limits). */
static bool in_size(double v)
{
	return v == 0 || (fabs(v) >= SURVEY_MIN_NUMBER && fabs(v) <= SURVEY_MAX_NUMBER);
}

static void check_structure(const struct survey *s)
{
	FUZZ_CHECK(s->n_langs >= 1 && s->n_langs <= SURVEY_MAX_LANGS, "langs");
	FUZZ_CHECK(s->id && text_is_id(s->id, SURVEY_ID_MAX), "survey id");
	FUZZ_CHECK(s->version >= 1 && s->version <= 999999, "version");
	FUZZ_CHECK(s->n_areas > 0 && s->n_questions > 0, "empty survey loaded");
	FUZZ_CHECK(s->threshold >= SURVEY_MIN_NUMBER && s->threshold <= 1, "threshold");
	FUZZ_CHECK(strlen(s->sha256) == 64 && strlen(s->file_sha256) == 64, "sha256");
	for (size_t l = 0; l < s->n_langs; l++)
		FUZZ_CHECK(survey_lang_index(s, s->langs[l]) == l, "lang index");
	touch(s, &s->title);
	touch(s, &s->description);
	for (int l = 0; l < s->max_level; l++) {
		touch(s, &s->levels[l].title);
		touch(s, &s->levels[l].description);
	}
	for (size_t a = 0; a < s->n_areas; a++) {
		const struct survey_area *ar = &s->areas[a];
		FUZZ_CHECK(ar->weight > 0 && in_size(ar->weight), "area weight");
		FUZZ_CHECK(ar->target >= 0 && ar->target <= s->max_level, "target");
		FUZZ_CHECK(ar->first_question + ar->n_questions <= s->n_questions,
			   "area question range");
		touch(s, &ar->title);
		touch(s, &ar->description);
	}
	for (size_t k = 0; k < s->n_scales; k++)
		for (size_t o = 0; o < s->scales[k].n_options; o++) {
			touch(s, &s->scales[k].options[o].label);
			touch(s, &s->scales[k].options[o].description);
		}
	for (size_t o = 0; s->yesno_options && o < 3; o++)
		touch(s, &s->yesno_options[o].label);
	for (size_t i = 0; i < s->n_questions; i++) {
		const struct survey_question *q = &s->questions[i];
		const struct survey_area *ar;
		enum question_type type;

		FUZZ_CHECK(q->area < s->n_areas, "question area");
		ar = &s->areas[q->area];
		FUZZ_CHECK(i >= ar->first_question &&
			   i < ar->first_question + ar->n_questions,
			   "question %zu outside its area's range", i);
		FUZZ_CHECK(survey_question_by_id(s, q->id) == q &&
			   survey_question_index(s, q->id) == i, "lookup of '%s'", q->id);
		FUZZ_CHECK(question_type_parse(question_type_name(q->type), &type) &&
			   type == q->type, "type name");
		FUZZ_CHECK(q->weight > 0, "weight");
		FUZZ_CHECK(q->level >= 0 && q->level <= s->max_level, "level");
		FUZZ_CHECK(question_is_scored(q) == (q->max_points > 0), "scored");
		FUZZ_CHECK(isfinite(q->max_points), "max points not finite");
		/* what a result file may hold (result_read.c): every figure the
		 * survey gives or derives, a normal number within 1e15 */
		FUZZ_CHECK(in_size(q->max_points) && q->max_points <= SURVEY_MAX_NUMBER,
			   "max points %g of '%s'", q->max_points, q->id);
		FUZZ_CHECK(in_size(q->weight) && in_size(q->points) &&
			   (!q->has_min || in_size(q->min)) && (!q->has_max || in_size(q->max)),
			   "a number of '%s' outside 0 or %g..%g", q->id, SURVEY_MIN_NUMBER,
			   SURVEY_MAX_NUMBER);
		for (size_t o = 0; o < q->n_options; o++)
			FUZZ_CHECK(in_size(q->options[o].points) && q->options[o].points >= 0,
				   "points %g of an option of '%s'", q->options[o].points, q->id);
		if (q->type == QTYPE_NUMBER && q->points > 0)
			FUZZ_CHECK(q->has_min && q->has_max && q->max > q->min,
				   "scored number without a range");
		if (q->type <= QTYPE_MULTI)
			FUZZ_CHECK(q->n_options >= 2 && q->n_options <= SURVEY_MAX_OPTIONS,
				   "%zu options", q->n_options);
		touch(s, &q->text);
		touch(s, &q->guidance);
		for (size_t o = 0; o < q->n_options; o++) {
			char key = question_option_key(q, o);

			FUZZ_CHECK(survey_option_index(q, q->options[o].id) == o,
				   "option lookup");
			if (key)
				FUZZ_CHECK(question_option_by_key(q, key) == o,
					   "option key '%c'", key);
			if (q->owns_options) { /* shared ones: once, below */
				touch(s, &q->options[o].label);
				touch(s, &q->options[o].description);
			}
		}
		for (size_t k = 0; q->show_if && k < q->show_if->n_terms; k++) {
			const struct cond_term *t = &q->show_if->terms[k];
			const struct survey_question *ref;

			FUZZ_CHECK(t->question < i, "condition refers forward");
			ref = &s->questions[t->question];
			if (!t->numeric)
				FUZZ_CHECK(t->option < ref->n_options, "condition option");
		}
	}
}

/* Texts that have broken CSV writers and spreadsheets. */
static const char *const tricky[] = {
	"", "=1+1", "'=SUM(A1:A9)", "''@x", "-5", "+46 8 123 456", "@home",
	"\tTab", "\rCR", "a,b;c\"d\"", "rad 1\r\nrad 2", "slut\n", " mellanslag ",
	"Öst & Väst", "\x1b]0;pwned\x07", "'sic'", "\"", ";", "\xe2\x80\xae" "abc",
	"\xc2\x9b" "31m", "x\x7f" "y",
};
#define N_TRICKY (sizeof tricky / sizeof tricky[0])

static const char *const departments[] = {
	"Kultur", "Miljöförvaltningen", "../../etc/x", "..", "/", "a/b\\c",
	"Kultur\x1b]0;pwned\x07", "=cmd|' /C calc'!A0", "-x", " ", "Ö\r\nÄ",
	"\xf0\x9f\x98\x80", "'", "@",
};
#define N_DEPS (sizeof departments / sizeof departments[0])

static const char *pick_text(const struct survey *s, size_t q, uint64_t r)
{
	if (r % 5 == 0)
		return survey_text_get(&s->questions[q].text, 0);
	return tricky[(r >> 3) % N_TRICKY];
}

static void answer_all(struct answers *as, uint64_t *st)
{
	const struct survey *s = as->survey;

	for (size_t i = 0; i < s->n_questions; i++) {
		const struct survey_question *q = &s->questions[i];
		uint64_t r = fuzz_next(st), r2 = fuzz_next(st);

		if (r % 3 == 0)
			answers_set_comment(as, i, pick_text(s, i, r2 >> 7));
		switch ((r >> 8) % 6) {
		case 0:
			continue;
		case 1:
			answers_set_na(as, i);
			continue;
		default:
			break;
		}
		switch (q->type) {
		case QTYPE_SCALE:
		case QTYPE_YESNO:
		case QTYPE_CHOICE:
			answers_set_option(as, i, r2 % q->n_options);
			break;
		case QTYPE_MULTI:
			answers_set_chosen(as, i, q->n_options >= 64 ? r2
					   : r2 & ((1ull << q->n_options) - 1));
			break;
		case QTYPE_NUMBER: {
			static const double special[] = {0, -0.0, 1e300, -1e-300, 0.1,
							 1.0 / 3, 123456789012345678.0};
			double x;
			if (r2 % 4 == 0)
				x = special[(r2 >> 2) % (sizeof special / sizeof special[0])];
			else if (q->has_min && q->has_max)
				x = q->min + (q->max - q->min) * (double)(r2 >> 11) / 9007199254740992.0;
			else
				x = ((double)(int64_t)(r2 % 2000001) - 1000000) / 100;
			answers_set_number(as, i, x);
			break;
		}
		case QTYPE_TEXT:
			answers_set_text(as, i, pick_text(s, i, r2));
			break;
		}
	}
}

static void check_score(const struct survey *s, const struct score *sc)
{
	FUZZ_CHECK(!sc->has_percent || (sc->percent >= -1e-9 && sc->percent <= 100 + 1e-9),
		   "percent %g", sc->percent);
	FUZZ_CHECK(sc->answered <= sc->applicable, "answered > applicable");
	FUZZ_CHECK(sc->level >= 0 && sc->level <= s->max_level, "level %d", sc->level);
	FUZZ_CHECK(sc->gap == (sc->target > sc->level ? sc->target - sc->level : 0),
		   "gap");
}

static bool same_score(const struct score *a, const struct score *b)
{
	return a->has_percent == b->has_percent &&
	       (!a->has_percent || fabs(a->percent - b->percent) <= 1e-9) &&
	       a->answered == b->answered && a->applicable == b->applicable &&
	       a->level == b->level && a->target == b->target && a->gap == b->gap;
}

static bool same_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static void check_same_answers(const struct answers *as, const struct answers *back)
{
	const struct survey *s = as->survey;

	FUZZ_CHECK(strcmp(as->department, back->department) == 0, "department");
	FUZZ_CHECK(strcmp(as->respondent, back->respondent) == 0, "respondent");
	FUZZ_CHECK(as->final == back->final, "final");
	FUZZ_CHECK(as->updated_at == back->updated_at, "updated_at");
	for (size_t i = 0; i < s->n_questions; i++) {
		const struct survey_question *q = &s->questions[i];
		const struct answer *a = &as->a[i], *b = &back->a[i];
		bool visible = answers_visible(as, i);

		FUZZ_CHECK(visible == answers_visible(back, i), "visibility of '%s'", q->id);
		FUZZ_CHECK(same_str(a->comment, b->comment), "comment of '%s'", q->id);
		/* hidden or not: a hidden answer is kept in the file and
		 * comes back (enkat-results(5), States) */
		FUZZ_CHECK(a->state == b->state, "state of '%s': %d, read back %d",
			   q->id, a->state, b->state);
		if (a->state != ANSWER_GIVEN)
			continue;
		switch (q->type) {
		case QTYPE_SCALE:
		case QTYPE_YESNO:
		case QTYPE_CHOICE:
			FUZZ_CHECK(a->option == b->option, "option of '%s'", q->id);
			break;
		case QTYPE_MULTI:
			FUZZ_CHECK(a->chosen == b->chosen, "choices of '%s'", q->id);
			break;
		case QTYPE_NUMBER:
			FUZZ_CHECK(a->number == b->number, "number of '%s': %.17g, read "
				   "back %.17g", q->id, a->number, b->number);
			break;
		case QTYPE_TEXT:
			FUZZ_CHECK(same_str(a->text, b->text), "text of '%s'", q->id);
			break;
		}
	}
}

static void round_trip(const struct survey *s, uint64_t *st)
{
	uint64_t r = fuzz_next(st);
	const char *dep = departments[r % N_DEPS];
	struct answers *as = answers_new(s, dep, tricky[(r >> 8) % N_TRICKY]);
	struct answers *back;
	struct score *areas = xcalloc(s->n_areas, sizeof *areas), overall, overall2;
	struct score *areas2;
	const char **ids;
	struct result_table t, t2;
	struct result_table *read;
	struct diag d = {0};
	size_t len, len2, n_areas2;
	char *csv, *csv2, *name, *slug;

	as->final = (r >> 16) & 1;
	as->updated_at = (time_t)((r >> 20) % 253402300800ull); /* 1970..9999 */
	answer_all(as, st);
	for (size_t i = 0; i < s->n_questions; i++) {
		double p;
		if (answers_points(as, i, &p))
			FUZZ_CHECK(p >= 0 && p <= s->questions[i].max_points + 1e-9,
				   "points %g of %g", p, s->questions[i].max_points);
	}
	answers_score(as, areas, &overall);
	for (size_t a = 0; a < s->n_areas; a++)
		check_score(s, &areas[a]);
	check_score(s, &overall);

	slug = text_slug(dep);
	check_slug(slug);
	free(slug);
	name = result_filename(s->id, s->version, dep);
	FUZZ_CHECK(!strchr(name, '/') && !strstr(name, ".."), "file name '%s'", name);
	free(name);

	answers_to_table(as, &t);
	FUZZ_CHECK(t.n_rows == s->n_questions, "rows");
	csv = result_format(&t, &len);
	FUZZ_CHECK(strlen(csv) == len, "NUL in the result file");
	read = result_load_buffer("roundtrip.csv", csv, len, &d);
	if (!read)
		fuzz_diag_show(&d);
	FUZZ_CHECK(read, "the result file written for a valid survey does not read back");
	back = answers_from_table(s, read, "roundtrip.csv", &d);
	if (!back)
		fuzz_diag_show(&d);
	FUZZ_CHECK(back, "the answers do not come back from the result file");
	check_same_answers(as, back);

	/* every score from the rows alone, as enkat-results(5) promises */
	n_areas2 = result_score(read, &areas2, &ids, &overall2);
	for (size_t k = 0; k < n_areas2; k++) {
		size_t a;
		for (a = 0; a < s->n_areas && strcmp(s->areas[a].id, ids[k]) != 0; a++)
			;
		FUZZ_CHECK(a < s->n_areas, "area '%s' from nowhere", ids[k]);
		FUZZ_CHECK(same_score(&areas[a], &areas2[k]),
			   "area '%s': %g%% level %d from the answers, %g%% level %d "
			   "from the rows", ids[k], areas[a].percent, areas[a].level,
			   areas2[k].percent, areas2[k].level);
	}
	FUZZ_CHECK(same_score(&overall, &overall2), "overall: %g%% level %d from the "
		   "answers, %g%% level %d from the rows", overall.percent,
		   overall.level, overall2.percent, overall2.level);

	/* and the answers read back write the very same file */
	answers_to_table(back, &t2);
	csv2 = result_format(&t2, &len2);
	FUZZ_CHECK(len == len2 && memcmp(csv, csv2, len) == 0,
		   "the file written again differs");

	free(csv);
	free(csv2);
	free(areas2);
	free(ids);
	result_table_release(&t);
	result_table_release(&t2);
	result_table_release(read);
	free(read);
	answers_free(back);
	answers_free(as);
	free(areas);
	diag_free(&d);
}

/* A department that answered everything, with the first option: every
 * condition is then evaluated on answered questions, as in real use. */
static void all_answered(const struct survey *s)
{
	struct answers *as = answers_new(s, "Alla", "");
	struct score *areas = xcalloc(s->n_areas, sizeof *areas), overall;
	size_t shown = 0;

	for (size_t i = 0; i < s->n_questions; i++) {
		const struct survey_question *q = &s->questions[i];

		switch (q->type) {
		case QTYPE_SCALE:
		case QTYPE_YESNO:
		case QTYPE_CHOICE:
			answers_set_option(as, i, 0);
			break;
		case QTYPE_MULTI:
			answers_set_chosen(as, i, 1);
			break;
		case QTYPE_NUMBER:
			answers_set_number(as, i, q->has_max ? q->max : q->has_min ? q->min : 1);
			break;
		case QTYPE_TEXT:
			answers_set_text(as, i, "x");
			break;
		}
	}
	for (size_t i = 0; i < s->n_questions; i++)
		shown += answers_visible(as, i);
	answers_score(as, areas, &overall);
	check_score(s, &overall);
	FUZZ_CHECK(overall.applicable <= shown, "applicable %zu > shown %zu",
		   overall.applicable, shown);
	free(areas);
	answers_free(as);
}

/* What `enkat --check FILE` does, for one input in 32: the same verdict
 * and checksum from the file as from the buffer. */
static void from_file(const uint8_t *data, size_t size, const struct survey *s)
{
	char path[] = "/tmp/fuzz-survey-XXXXXX";
	int fd = mkstemp(path);
	struct diag d = {0};
	struct survey *f;

	FUZZ_CHECK(fd >= 0, "mkstemp");
	FUZZ_CHECK(write(fd, data, size) == (ssize_t)size, "write");
	close(fd);
	f = survey_load(path, &d);
	unlink(path);
	FUZZ_CHECK((f == NULL) == (s == NULL), "the file %s, the buffer %s",
		   f ? "loads" : "does not load", s ? "loads" : "does not");
	FUZZ_CHECK(!f || strcmp(f->sha256, s->sha256) == 0, "another identity");
	FUZZ_CHECK(!f || strcmp(f->file_sha256, s->file_sha256) == 0, "another checksum");
	survey_free(f);
	fuzz_diag_drain(&d);
}

/* For one input in 8 that loads: a comment and a blank line added at the
 * end are no new definition (enkat-survey(5), Identity). */
static void same_identity(const uint8_t *data, size_t size, const struct survey *s)
{
	static const char tail[] = "\n; a comment\n\n";
	char *more = xmalloc(size + sizeof tail);
	struct diag d = {0};
	struct survey *t;

	memcpy(more, data, size);
	memcpy(more + size, tail, sizeof tail);
	t = survey_load_buffer("fuzz.ini", more, size + sizeof tail - 1, &d);
	if (!t)
		fuzz_diag_show(&d);
	FUZZ_CHECK(t, "a comment added at the end: the survey no longer loads");
	FUZZ_CHECK(strcmp(t->sha256, s->sha256) == 0, "a comment added at the end "
		   "changes the identity");
	FUZZ_CHECK(strcmp(t->file_sha256, s->file_sha256) != 0, "the file checksum "
		   "does not see the comment");
	survey_free(t);
	free(more);
	fuzz_diag_drain(&d);
}

static void check_revisions(const struct survey *s)
{
	size_t n_out = s->n_questions > s->n_areas ? s->n_questions : s->n_areas;
	size_t *out = xcalloc(n_out, sizeof *out);

	for (int w = 0; w < 2; w++) {
		enum revision_what what = w ? REVISION_AREA : REVISION_QUESTION;
		size_t n = w ? s->n_areas : s->n_questions;

		for (size_t i = 0; i < n; i++) {
			const char *const *ids;
			size_t n_ids, m;
			enum revision_kind k = revision_of(s, what, i, 0, &ids, &n_ids);

			FUZZ_CHECK(k != REVISION_NONE && n_ids >= 1, "revision_of: none");
			FUZZ_CHECK((k == REVISION_MERGED) == (n_ids > 1), "merged with one id");
			if (k == REVISION_SPLIT || k == REVISION_MERGED)
				FUZZ_CHECK(!revision_comparable(s, what, i, 0),
					   "a split or merge comparable");
			for (size_t j = 0; j < n_ids; j++) {
				bool found = false;
				FUZZ_CHECK(text_is_id(ids[j], SURVEY_ID_MAX), "continued id");
				m = revision_successors(s, what, ids[j], 0, out, NULL);
				for (size_t x = 0; x < m; x++)
					found = found || out[x] == i;
				FUZZ_CHECK(found, "a continued id without its successor");
				FUZZ_CHECK(m == 1 || k == REVISION_SPLIT, "split not said");
			}
		}
	}
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = {0};
	struct survey *s = survey_load_buffer("fuzz.ini", (const char *)data, size, &d);

	fuzz_check_lines(data, size, &d);
	FUZZ_CHECK((s == NULL) == (d.count > 0), "survey %s with %zu messages",
		   s ? "loaded" : "refused", d.count);
	fuzz_diag_drain(&d);
	if (fuzz_seed(data, size) % 32 == 1)
		from_file(data, size, s);
	if (s) {
		uint64_t st = fuzz_seed(data, size);
		check_structure(s);
		check_revisions(s);
		if (fuzz_seed(data, size) % 8 == 3)
			same_identity(data, size, s);
		round_trip(s, &st);
		all_answered(s);
		survey_free(s);
	}
	return 0;
}
