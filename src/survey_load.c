/* Turns an INI document into a struct survey, checking everything
 * enkat-survey(5) promises to check. Each check adds a message and goes on,
 * so that one run of --check lists every problem. */
#include "survey.h"

#include <math.h>
#include <nettle/sha2.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "condition.h"
#include "csvfmt.h"
#include "fileio.h"
#include "inifile.h"
#include "numfmt.h"
#include "text.h"
#include "util.h"

/* Real surveys have tens of questions; these caps keep the checks of each
 * id against the others quick even for a 16 MiB file. */
#define SURVEY_MAX_QUESTIONS 10000
#define SURVEY_MAX_AREAS 1000
#define SURVEY_MAX_SCALES 1000

struct loader {
	const char *file;
	struct diag *d;
	size_t errors_before;
	struct survey *s;
	char **show_if;   /* raw condition text per question, file order */
	long *show_if_line;
};

#define PROBLEM(ld, line, ...) diag_add((ld)->d, (ld)->file, (line), __VA_ARGS__)

static const char *const yesno_ids[] = {"yes", "partly", "no"};
static const double yesno_points[] = {2, 1, 0};
static const char *const yesno_sv[] = {"Ja", "Delvis", "Nej"};
static const char *const yesno_en[] = {"Yes", "Partly", "No"};

static bool parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = {"yes", "true", "1"};
	static const char *const no[] = {"no", "false", "0"};

	for (size_t i = 0; i < 3; i++) {
		if (strcmp(v, yes[i]) == 0)
			return *out = true;
		if (strcmp(v, no[i]) == 0) {
			*out = false;
			return true;
		}
	}
	return false;
}

/* Applies the two escapes of text values: \n (new line) and \\. */
static char *unescape(const char *v)
{
	struct strbuf sb = {0};

	strbuf_add(&sb, "", 0);
	for (; *v; v++) {
		if (v[0] == '\\' && v[1] == 'n') {
			strbuf_putc(&sb, '\n');
			v++;
		} else if (v[0] == '\\' && v[1] == '\\') {
			strbuf_putc(&sb, '\\');
			v++;
		} else {
			strbuf_putc(&sb, *v);
		}
	}
	return strbuf_detach(&sb);
}

/* Splits a list of ids separated by spaces and/or commas. */
static size_t split_list(const char *v, char ***out)
{
	char **items = NULL;
	size_t n = 0, cap = 0;

	while (*v) {
		size_t len;
		while (*v == ' ' || *v == ',' || *v == '\t')
			v++;
		len = strcspn(v, " ,\t");
		if (len == 0)
			break;
		items = xgrow(items, &cap, n + 1, sizeof *items);
		items[n++] = xstrndup(v, len);
		v += len;
	}
	*out = items;
	return n;
}

static void free_list(char **items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
}

/* Reads BASE.LANG for every language of the survey into t. A required text
 * must exist in every language; an optional one in all or none. */
static void take_text(struct loader *ld, struct ini_section *sec, const char *base,
		      bool required, struct survey_text *t)
{
	const struct survey *s = ld->s;
	size_t have = 0;
	long first_line = 0;

	for (size_t i = 0; i < s->n_langs; i++) {
		char *name = xasprintf("%s.%s", base, s->langs[i]);
		struct ini_key *k = ini_take(sec, name);

		free(name);
		if (k) {
			t->lang[i] = unescape(k->value);
			if (!*t->lang[i])
				PROBLEM(ld, k->line, "'%s' is empty", k->name);
			if (!first_line)
				first_line = k->line;
			have++;
		}
	}
	if (have == s->n_langs || (!required && have == 0))
		return;
	for (size_t i = 0; i < s->n_langs; i++)
		if (!t->lang[i])
			PROBLEM(ld, have ? first_line : sec->line,
				"[%s]: missing '%s.%s'%s", sec->name, base, s->langs[i],
				have ? " (given in another language)" : "");
}

/* What a number key allows. Every number in a survey is also 0 or from
 * SURVEY_MIN_NUMBER to SURVEY_MAX_NUMBER in size. */
struct number_rule {
	bool negative_ok, zero_ok;
	double max;           /* at most this (and at least -max, if negative_ok) */
	const char *max_text; /* max as a message writes it */
	const char *range;    /* the message for a wrong sign, e.g. "must be more than 0" */
};

static const struct number_rule RULE_WEIGHT = {
	false, false, SURVEY_MAX_NUMBER, SURVEY_MAX_NUMBER_TEXT, "must be more than 0"};
static const struct number_rule RULE_OPTION_POINTS = {
	false, true, SURVEY_MAX_NUMBER, SURVEY_MAX_NUMBER_TEXT, "must not be negative"};
static const struct number_rule RULE_POINTS = {
	false, false, SURVEY_MAX_NUMBER, SURVEY_MAX_NUMBER_TEXT, "must be more than 0"};
static const struct number_rule RULE_BOUND = {
	true, true, SURVEY_MAX_NUMBER, SURVEY_MAX_NUMBER_TEXT, NULL};
static const struct number_rule RULE_THRESHOLD = {
	false, false, 1, "1", "must be more than 0 and at most 1"};

/* Reads a number key; true when it is there and allowed by rule (then
 * *out is set), false when it is absent or wrong (said). The message for
 * a wrong number says what is allowed instead, never just "not a number"
 * when the text is a number: 1e-320 is too small, 1e999 too large. */
static bool take_number(struct loader *ld, struct ini_section *sec, const char *key,
			const struct number_rule *rule, double *out)
{
	struct ini_key *k = ini_take(sec, key);
	enum num_status st;
	double v = 0;
	bool negative, zero;

	if (!k)
		return false;
	st = num_parse_status(k->value, &v);
	if (st == NUM_INVALID) {
		PROBLEM(ld, k->line, "'%s': '%s' is not a number (write decimals "
			"with a point, e.g. 0.75)", key, k->value);
		return false;
	}
	negative = v < 0 || (st == NUM_TOO_SMALL && signbit(v)); /* -1e-999 */
	zero = st == NUM_OK && v == 0;
	if ((negative && !rule->negative_ok) || (zero && !rule->zero_ok)) {
		PROBLEM(ld, k->line, "'%s' %s", key, rule->range);
		return false;
	}
	if (st == NUM_TOO_LARGE || fabs(v) > rule->max) {
		/* sums and ranges of larger numbers (max - min, the points of a
		 * multiple choice, weighted means) overflow to inf and NaN,
		 * which no result file could hold */
		if (rule->negative_ok)
			PROBLEM(ld, k->line, "'%s': '%s' is out of range: from -%s to %s",
				key, k->value, rule->max_text, rule->max_text);
		else
			PROBLEM(ld, k->line, "'%s': '%s' is too large: at most %s", key,
				k->value, rule->max_text);
		return false;
	}
	if (st == NUM_TOO_SMALL || (v != 0 && fabs(v) < SURVEY_MIN_NUMBER)) {
		/* a smaller number would make derived figures (the points of a
		 * number answer) subnormal, which no result file holds */
		PROBLEM(ld, k->line, "'%s': '%s' is too small: %s%s", key, k->value,
			rule->zero_ok ? "0, or at least " SURVEY_MIN_NUMBER_TEXT
			: "at least " SURVEY_MIN_NUMBER_TEXT,
			rule->negative_ok ? " in size, either side of 0" : "");
		return false;
	}
	*out = v == 0 ? 0 : v; /* no -0 */
	return true;
}

static bool take_int(struct loader *ld, struct ini_section *sec, const char *key,
		     long min, long max, long *out)
{
	struct ini_key *k = ini_take(sec, key);

	if (!k)
		return false;
	if (!num_parse_int(k->value, min, max, out)) {
		PROBLEM(ld, k->line, "'%s': '%s' is not a whole number from %ld to %ld",
			key, k->value, min, max);
		return false;
	}
	return true;
}

static bool take_bool(struct loader *ld, struct ini_section *sec, const char *key,
		      bool *out)
{
	struct ini_key *k = ini_take(sec, key);

	if (!k)
		return false;
	if (!parse_bool(k->value, out)) {
		PROBLEM(ld, k->line, "'%s': '%s' is not yes or no", key, k->value);
		return false;
	}
	return true;
}

static void check_id(struct loader *ld, long line, const char *what, const char *id)
{
	if (!text_is_id(id, SURVEY_ID_MAX))
		PROBLEM(ld, line, "%s '%s': an id is 1 to %d characters from "
			"A-Z a-z 0-9 _ -, starting with a letter or digit", what, id,
			SURVEY_ID_MAX);
}

static void report_unused(struct loader *ld, struct ini_section *sec)
{
	for (size_t i = 0; i < sec->n_keys; i++) {
		struct ini_key *k = &sec->keys[i];
		const char *dot = strrchr(k->name, '.');
		size_t suffix = dot ? strlen(dot + 1) : 0;

		if (k->used)
			continue;
		if (dot && (suffix == 2 || suffix == 3) && dot[1] >= 'a' && dot[1] <= 'z' &&
		    dot[2] >= 'a' && dot[2] <= 'z' && dot != k->name)
			PROBLEM(ld, k->line, "unknown key '%s' in [%s] (or '%s' is not "
				"one of the survey's languages)", k->name, sec->name, dot + 1);
		else
			PROBLEM(ld, k->line, "unknown key '%s' in [%s]", k->name, sec->name);
	}
}

/* ----- revisions: continues = OLDID ... (enkat-survey(5), Revisions) ----- */

/* At most this many earlier ids in one continues key: a merge of more is
 * not a question any more, and the checks of each id against the others
 * stay quick. */
#define SURVEY_MAX_CONTINUES 64
/* and at most this many in all the keys of the questions (of the areas) */
#define SURVEY_MAX_CONTINUED 10000

/* Reads continues, continues.version and continues.comparable of a
 * question's or an area's section into c; what is "question" or "area".
 * The checks that need the whole survey are check_continues's. */
static void take_continues(struct loader *ld, struct ini_section *sec,
			   struct survey_continues *c)
{
	const struct survey *s = ld->s;
	struct ini_key *k = ini_take(sec, "continues");
	struct ini_key *kv = ini_take(sec, "continues.version");
	struct ini_key *kc = ini_take(sec, "continues.comparable");
	char **ids;
	size_t n;
	long v;
	bool comparable = true;

	if (!k) {
		if (kv)
			PROBLEM(ld, kv->line, "'continues.version' without 'continues'");
		if (kc)
			PROBLEM(ld, kc->line, "'continues.comparable' without 'continues'");
		return;
	}
	c->line = k->line;
	if (s->version == 1) {
		PROBLEM(ld, k->line, "'continues' in version 1 of a survey: there is "
			"no earlier version to continue");
		return;
	}
	n = split_list(k->value, &ids);
	if (n == 0) {
		PROBLEM(ld, k->line, "'continues' is empty (the ids this %s had in "
			"an earlier version)", strncmp(sec->name, "area.", 5) == 0
			? "area" : "question");
		free(ids);
		return;
	}
	if (n > SURVEY_MAX_CONTINUES) {
		PROBLEM(ld, k->line, "'continues' lists %zu ids: at most %d", n,
			SURVEY_MAX_CONTINUES);
		free_list(ids, n);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		check_id(ld, k->line, "continued id", ids[i]);
		for (size_t j = 0; j < i; j++)
			if (strcmp(ids[i], ids[j]) == 0)
				PROBLEM(ld, k->line, "'continues': '%s' listed twice", ids[i]);
	}
	c->ids = ids;
	c->n_ids = n;
	if (kv && s->version > 1) {
		if (num_parse_int(kv->value, 1, s->version - 1, &v))
			c->version = v;
		else
			PROBLEM(ld, kv->line, "'continues.version': '%s' is not an earlier "
				"version: a whole number from 1 to %ld", kv->value,
				s->version - 1);
	}
	if (take_bool(ld, sec, "continues.comparable", &comparable)) {
		c->not_comparable = !comparable;
		c->comparable_line = kc->line;
	}
}

static struct survey_continues *continues_of(struct survey *s, bool area, size_t i)
{
	return area ? &s->areas[i].continues : &s->questions[i].continues;
}

static const char *id_of(const struct survey *s, bool area, size_t i)
{
	return area ? s->areas[i].id : s->questions[i].id;
}

/* One earlier id as a continues key names it, or one id of this version:
 * sorted by id, then index, so that each id's claimers are side by side
 * and every check is one pass (a 16 MiB file stays quick). */
struct id_ref {
	const char *id;
	size_t index;
};

static int id_ref_cmp(const void *a, const void *b)
{
	const struct id_ref *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* The index of the question (area) with this id, from refs (this
 * version's ids, sorted), or -1. */
static size_t find_ref(const struct id_ref *refs, size_t n, const char *id)
{
	struct id_ref key = {id, 0};
	size_t lo = 0, hi = n;

	while (lo < hi) { /* the first whose id is not below */
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(refs[mid].id, key.id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && strcmp(refs[lo].id, id) == 0 ? refs[lo].index : (size_t)-1;
}

static bool continues_lists(const struct survey_continues *c, const char *id)
{
	for (size_t i = 0; i < c->n_ids; i++)
		if (strcmp(c->ids[i], id) == 0)
			return true;
	return false;
}

/* The checks of the mapping that need every question (or area): an
 * earlier id that is an id of this version belongs to that question
 * alone (unless it is split, every part saying so); an earlier id
 * claimed by several is a split, each part continuing that one id only
 * (marked split here, for revision.h); a split or merged one is never
 * comparable. */
static void check_continues(struct loader *ld, bool area)
{
	struct survey *s = ld->s;
	const char *what = area ? "area" : "question";
	size_t n = area ? s->n_areas : s->n_questions, n_claims = 0, k;
	struct id_ref *own = xcalloc(n ? n : 1, sizeof *own), *claims;
	bool said_total = false;

	for (size_t i = 0; i < n; i++) {
		own[i].id = id_of(s, area, i);
		own[i].index = i;
		n_claims += continues_of(s, area, i)->n_ids;
	}
	qsort(own, n, sizeof *own, id_ref_cmp);
	claims = xcalloc(n_claims ? n_claims : 1, sizeof *claims);
	n_claims = 0;
	for (size_t i = 0; i < n; i++) {
		const struct survey_continues *c = continues_of(s, area, i);

		if (n_claims + c->n_ids > SURVEY_MAX_CONTINUED) {
			if (!said_total)
				PROBLEM(ld, c->line, "more than %d earlier ids in all the "
					"'continues' keys of the %ss", SURVEY_MAX_CONTINUED, what);
			said_total = true;
			continue;
		}
		for (k = 0; k < c->n_ids; k++) {
			const char *old = c->ids[k];
			size_t same = find_ref(own, n, old);

			claims[n_claims].id = old;
			claims[n_claims++].index = i;
			if (same != (size_t)-1 && same != i &&
			    !continues_lists(continues_of(s, area, same), old)) {
				long line = area ? s->areas[same].line : s->questions[same].line;
				PROBLEM(ld, c->line, "%s '%s' continues '%s', which is still "
					"%s of this version (line %ld): a %s keeps its id "
					"without 'continues'; if '%s' was split, give "
					"'continues = %s' in both", what, id_of(s, area, i), old,
					area ? "an area" : "a question", line, what, old, old);
			}
		}
	}
	qsort(claims, n_claims, sizeof *claims, id_ref_cmp);
	for (size_t g = 0; g < n_claims; g = k) {
		/* claims[g..k) name one id; a repeat in one key was said */
		for (k = g + 1; k < n_claims && strcmp(claims[k].id, claims[g].id) == 0; k++)
			;
		if (claims[k - 1].index == claims[g].index)
			continue; /* one claimer */
		for (size_t m = g; m < k; m++) {
			struct survey_continues *c = continues_of(s, area, claims[m].index);
			size_t other = claims[m == g ? k - 1 : g].index;

			if (c->n_ids == 1) {
				c->split = true;
				continue;
			}
			if (m > g && claims[m - 1].index == claims[m].index)
				continue;
			PROBLEM(ld, c->line, "%s '%s' merges '%s' with others, but %s '%s' "
				"(line %ld) continues '%s' too: an earlier %s is either split "
				"(each part continues it alone) or merged into one, not both",
				what, id_of(s, area, claims[m].index), claims[m].id, what,
				id_of(s, area, other), continues_of(s, area, other)->line,
				claims[m].id, what);
		}
	}
	for (size_t i = 0; i < n; i++) {
		const struct survey_continues *c = continues_of(s, area, i);

		if ((c->split || c->n_ids > 1) && c->comparable_line && !c->not_comparable)
			PROBLEM(ld, c->comparable_line, "%s '%s': 'continues.comparable = "
				"yes' on a %s: its figure is never directly comparable with "
				"the earlier one", what, id_of(s, area, i), c->n_ids > 1
				? "merge" : "part of a split");
	}
	free(own);
	free(claims);
}

/* ----- [survey] ----- */

static void load_header(struct loader *ld, struct ini_section *sec)
{
	struct survey *s = ld->s;
	struct ini_key *k;
	char **langs;
	size_t n;
	long version;

	if ((k = ini_take(sec, "id"))) {
		check_id(ld, k->line, "survey id", k->value);
		s->id = xstrdup(k->value);
	} else {
		PROBLEM(ld, sec->line, "[survey]: missing 'id'");
	}
	if (take_int(ld, sec, "version", 1, 999999, &version))
		s->version = version;
	else if (!ini_take(sec, "version"))
		PROBLEM(ld, sec->line, "[survey]: missing 'version' (e.g. 2026)");
	if ((k = ini_take(sec, "languages"))) {
		n = split_list(k->value, &langs);
		if (n == 0)
			PROBLEM(ld, k->line, "'languages' is empty");
		if (n > SURVEY_MAX_LANGS)
			PROBLEM(ld, k->line, "more than %d languages", SURVEY_MAX_LANGS);
		for (size_t i = 0; i < n && i < SURVEY_MAX_LANGS; i++) {
			size_t len = strlen(langs[i]);
			bool ok = len >= 2 && len <= 3;
			for (size_t j = 0; j < len; j++)
				ok = ok && langs[i][j] >= 'a' && langs[i][j] <= 'z';
			if (!ok) {
				PROBLEM(ld, k->line, "'%s' is not a language code (2 or 3 "
					"lowercase letters, e.g. sv, en)", langs[i]);
				continue;
			}
			for (size_t j = 0; j < s->n_langs; j++)
				if (strcmp(s->langs[j], langs[i]) == 0) {
					PROBLEM(ld, k->line, "language '%s' given twice", langs[i]);
					ok = false;
				}
			if (ok)
				memcpy(s->langs[s->n_langs++], langs[i], len + 1);
		}
		free_list(langs, n);
	} else {
		PROBLEM(ld, sec->line, "[survey]: missing 'languages' (e.g. sv en)");
	}
	if (s->n_langs == 0) { /* go on checking texts in a stand-in language */
		memcpy(s->langs[0], "sv", 3);
		s->n_langs = 1;
	}
	take_text(ld, sec, "title", true, &s->title);
	take_text(ld, sec, "description", false, &s->description);
	s->scoring = SCORING_LEVELS;
	if ((k = ini_take(sec, "scoring"))) {
		if (strcmp(k->value, "percent") == 0)
			s->scoring = SCORING_PERCENT;
		else if (strcmp(k->value, "levels") != 0)
			PROBLEM(ld, k->line, "'scoring': '%s' is neither levels nor percent",
				k->value);
	}
	s->threshold = 0.75;
	k = ini_take(sec, "threshold");
	if (k && s->scoring == SCORING_PERCENT)
		PROBLEM(ld, k->line, "'threshold' has no meaning with scoring = percent");
	if (k)
		take_number(ld, sec, "threshold", &RULE_THRESHOLD, &s->threshold);
}

/* ----- options of a scale or a choice question ----- */

static void load_options(struct loader *ld, struct ini_section *sec,
			 struct survey_option **out, size_t *n_out)
{
	struct ini_key *k = ini_take(sec, "options");
	struct survey_option *opts;
	char **ids;
	size_t n;
	bool any_points = false;

	*out = NULL;
	*n_out = 0;
	if (!k) {
		PROBLEM(ld, sec->line, "[%s]: missing 'options' (the option ids, in order)",
			sec->name);
		return;
	}
	n = split_list(k->value, &ids);
	if (n < 2 || n > SURVEY_MAX_OPTIONS) {
		PROBLEM(ld, k->line, "'options' must list 2 to %d option ids",
			SURVEY_MAX_OPTIONS);
		free_list(ids, n);
		return;
	}
	opts = xcalloc(n, sizeof *opts);
	for (size_t i = 0; i < n; i++) {
		char *key;

		check_id(ld, k->line, "option", ids[i]);
		for (size_t j = 0; j < i; j++)
			if (strcmp(ids[i], ids[j]) == 0)
				PROBLEM(ld, k->line, "option '%s' listed twice", ids[i]);
		opts[i].id = ids[i];
		key = xasprintf("%s.label", ids[i]);
		take_text(ld, sec, key, true, &opts[i].label);
		free(key);
		key = xasprintf("%s.description", ids[i]);
		take_text(ld, sec, key, false, &opts[i].description);
		free(key);
		key = xasprintf("%s.points", ids[i]);
		if (take_number(ld, sec, key, &RULE_OPTION_POINTS, &opts[i].points)) {
			any_points = any_points || opts[i].points > 0;
		} else if (!ini_take(sec, key)) {
			PROBLEM(ld, k->line, "[%s]: missing '%s'", sec->name, key);
		}
		free(key);
	}
	free(ids); /* the strings now belong to opts */
	if (!any_points)
		PROBLEM(ld, k->line, "[%s]: every option has 0 points, so nothing "
			"can be scored", sec->name);
	*out = opts;
	*n_out = n;
}

/* ----- sections ----- */

/* A section that is reported as a whole (a duplicate, a bad name) does not
 * also get a message for each of its keys. */
static void skip_keys(struct ini_section *sec)
{
	for (size_t i = 0; i < sec->n_keys; i++)
		sec->keys[i].used = true;
}

/* True, after one message, when n sections of a kind are already loaded
 * and that is the most a survey may have: the section is left out. */
static bool over_limit(struct loader *ld, struct ini_section *sec, size_t n,
		       size_t max, const char *what, bool *said)
{
	if (n < max)
		return false;
	if (!*said)
		PROBLEM(ld, sec->line, "more than %zu %s: a survey may have at most "
			"%zu", max, what, max);
	*said = true;
	skip_keys(sec);
	return true;
}

static void load_level(struct loader *ld, struct ini_section *sec, const char *num,
		       bool *seen)
{
	long n;

	if (!num_parse_int(num, 1, SURVEY_MAX_LEVELS, &n)) {
		PROBLEM(ld, sec->line, "[%s]: levels are numbered 1 to %d", sec->name,
			SURVEY_MAX_LEVELS);
		skip_keys(sec);
		return;
	}
	if (seen[n - 1]) {
		PROBLEM(ld, sec->line, "[%s] given twice", sec->name);
		skip_keys(sec);
		return;
	}
	seen[n - 1] = true;
	take_text(ld, sec, "title", true, &ld->s->levels[n - 1].title);
	take_text(ld, sec, "description", false, &ld->s->levels[n - 1].description);
}

static void load_scale(struct loader *ld, struct ini_section *sec, const char *id)
{
	struct survey *s = ld->s;
	struct survey_scale *sc;

	check_id(ld, sec->line, "scale id", id);
	for (size_t i = 0; i < s->n_scales; i++)
		if (strcmp(s->scales[i].id, id) == 0) {
			PROBLEM(ld, sec->line, "scale '%s' defined twice (first at line %ld)",
				id, s->scales[i].line);
			skip_keys(sec);
			return;
		}
	s->scales = xrealloc(s->scales, (s->n_scales + 1) * sizeof *s->scales);
	sc = &s->scales[s->n_scales++];
	memset(sc, 0, sizeof *sc);
	sc->id = xstrdup(id);
	sc->line = sec->line;
	load_options(ld, sec, &sc->options, &sc->n_options);
}

static void load_area(struct loader *ld, struct ini_section *sec, const char *id)
{
	struct survey *s = ld->s;
	struct survey_area *a;
	struct ini_key *k;
	long target;

	check_id(ld, sec->line, "area id", id);
	for (size_t i = 0; i < s->n_areas; i++)
		if (strcmp(s->areas[i].id, id) == 0) {
			PROBLEM(ld, sec->line, "area '%s' defined twice (first at line %ld)",
				id, s->areas[i].line);
			skip_keys(sec);
			return;
		}
	s->areas = xrealloc(s->areas, (s->n_areas + 1) * sizeof *s->areas);
	a = &s->areas[s->n_areas++];
	memset(a, 0, sizeof *a);
	a->id = xstrdup(id);
	a->line = sec->line;
	take_text(ld, sec, "title", true, &a->title);
	take_text(ld, sec, "description", false, &a->description);
	a->weight = 1;
	take_number(ld, sec, "weight", &RULE_WEIGHT, &a->weight);
	take_continues(ld, sec, &a->continues);
	k = ini_take(sec, "target");
	if (k && s->scoring == SCORING_PERCENT) {
		PROBLEM(ld, k->line, "'target' has no meaning with scoring = percent");
	} else if (k && take_int(ld, sec, "target", 1, SURVEY_MAX_LEVELS, &target)) {
		a->target = (int)target;
		/* checked against the highest level once all levels are read */
	}
}

struct pending_question {
	struct ini_section *sec;
	struct ini_key *level;
	char *area;
	long area_line;
};

static void load_question(struct loader *ld, struct ini_section *sec,
			  const char *id, struct survey_question *q, size_t index)
{
	struct survey *s = ld->s;
	struct ini_key *k, *type_key;

	memset(q, 0, sizeof *q);
	check_id(ld, sec->line, "question id", id);
	q->id = xstrdup(id);
	q->line = sec->line;
	q->area = (size_t)-1;
	q->required = true;
	q->weight = 1;
	take_text(ld, sec, "text", true, &q->text);
	take_text(ld, sec, "guidance", false, &q->guidance);
	take_bool(ld, sec, "required", &q->required);
	take_bool(ld, sec, "na", &q->allow_na);
	take_number(ld, sec, "weight", &RULE_WEIGHT, &q->weight);
	take_continues(ld, sec, &q->continues);
	if ((k = ini_take(sec, "show_if"))) {
		ld->show_if[index] = xstrdup(k->value);
		ld->show_if_line[index] = k->line;
	}

	type_key = ini_take(sec, "type");
	if (!type_key) {
		PROBLEM(ld, sec->line, "[%s]: missing 'type' (scale, yesno, choice, "
			"multi, number or text)", sec->name);
		return;
	}
	if (!question_type_parse(type_key->value, &q->type)) {
		PROBLEM(ld, type_key->line, "unknown question type '%s' (scale, yesno, "
			"choice, multi, number or text)", type_key->value);
		return;
	}
	switch (q->type) {
	case QTYPE_SCALE:
		if (!(k = ini_take(sec, "scale"))) {
			PROBLEM(ld, type_key->line, "[%s]: type scale needs 'scale' "
				"(the id of a [scale.ID] section)", sec->name);
			break;
		}
		{
			bool known = false;
			for (size_t i = 0; i < s->n_scales; i++)
				if (strcmp(s->scales[i].id, k->value) == 0) {
					q->options = s->scales[i].options;
					q->n_options = s->scales[i].n_options;
					known = true;
				}
			/* a known scale without options was reported already */
			if (!known)
				PROBLEM(ld, k->line, "unknown scale '%s'", k->value);
		}
		break;
	case QTYPE_YESNO:
		break; /* the shared built-in options are attached later */
	case QTYPE_CHOICE:
	case QTYPE_MULTI: {
		struct survey_option *own;
		load_options(ld, sec, &own, &q->n_options);
		q->options = own;
		q->owns_options = true;
		break;
	}
	case QTYPE_NUMBER: {
		long decimals = 0;
		q->has_min = take_number(ld, sec, "min", &RULE_BOUND, &q->min);
		q->has_max = take_number(ld, sec, "max", &RULE_BOUND, &q->max);
		if (q->has_min && q->has_max && q->min > q->max)
			PROBLEM(ld, ini_take(sec, "max")->line, "'max' is less than 'min'");
		if (take_int(ld, sec, "decimals", 0, 6, &decimals))
			q->decimals = (int)decimals;
		/* fall through to points */
	}
	/* fallthrough */
	case QTYPE_TEXT:
		take_number(ld, sec, "points", &RULE_POINTS, &q->points);
		/* a min or max that is there but wrong was reported already */
		if (q->type == QTYPE_NUMBER && q->points > 0 &&
		    !(q->has_min && q->has_max && q->max > q->min) &&
		    (q->has_min || !ini_take(sec, "min")) &&
		    (q->has_max || !ini_take(sec, "max")))
			PROBLEM(ld, ini_take(sec, "points")->line, "a number question "
				"with 'points' needs both 'min' and 'max', min < max");
		break;
	}
}

static double max_points_of(const struct survey_question *q)
{
	double m = 0;

	switch (q->type) {
	case QTYPE_SCALE:
	case QTYPE_YESNO:
	case QTYPE_CHOICE:
		for (size_t i = 0; i < q->n_options; i++)
			if (q->options[i].points > m)
				m = q->options[i].points;
		return m;
	case QTYPE_MULTI:
		for (size_t i = 0; i < q->n_options; i++)
			m += q->options[i].points;
		return m;
	case QTYPE_NUMBER:
	case QTYPE_TEXT:
		return q->points;
	}
	return 0;
}

static struct survey_option *make_yesno(const struct survey *s)
{
	struct survey_option *o = xcalloc(3, sizeof *o);

	for (size_t i = 0; i < 3; i++) {
		o[i].id = xstrdup(yesno_ids[i]);
		o[i].points = yesno_points[i];
		for (size_t l = 0; l < s->n_langs; l++)
			o[i].label.lang[l] = xstrdup(strcmp(s->langs[l], "sv") == 0
						     ? yesno_sv[i] : yesno_en[i]);
	}
	return o;
}

/* Questions go area by area, in file order within an area; those whose
 * area is unknown were reported and are left out. */
static void order_questions(struct loader *ld, struct survey_question *qs,
			    struct pending_question *pend, size_t n)
{
	struct survey *s = ld->s;
	char **show_if = xcalloc(n ? n : 1, sizeof *show_if);
	long *show_if_line = xcalloc(n ? n : 1, sizeof *show_if_line);
	size_t out = 0;

	s->questions = xcalloc(n ? n : 1, sizeof *s->questions);
	for (size_t a = 0; a < s->n_areas; a++) {
		s->areas[a].first_question = out;
		for (size_t i = 0; i < n; i++) {
			if (!pend[i].area || strcmp(pend[i].area, s->areas[a].id) != 0)
				continue;
			qs[i].area = a;
			s->questions[out] = qs[i];
			show_if[out] = ld->show_if[i];
			show_if_line[out] = ld->show_if_line[i];
			ld->show_if[i] = NULL;
			out++;
		}
		s->areas[a].n_questions = out - s->areas[a].first_question;
	}
	for (size_t i = 0; i < n; i++)
		if (qs[i].area == (size_t)-1) { /* unknown area, reported */
			survey_question_release(&qs[i]);
			free(ld->show_if[i]);
			ld->show_if[i] = NULL;
		}
	s->n_questions = out;
	free(ld->show_if);
	free(ld->show_if_line);
	ld->show_if = show_if;
	ld->show_if_line = show_if_line;
}

static void interpret(struct loader *ld, struct ini_doc *doc)
{
	struct survey *s = ld->s;
	struct ini_section *header = NULL;
	struct pending_question *pend = NULL;
	struct survey_question *qs = NULL;
	size_t n_q = 0, cap_q = 0, cap_pend = 0;
	bool level_seen[SURVEY_MAX_LEVELS] = {false};
	bool any_yesno = false;
	bool said_scales = false, said_areas = false, said_questions = false;

	for (size_t i = 0; i < doc->n_sections; i++)
		if (strcmp(doc->sections[i].name, "survey") == 0) {
			if (header)
				PROBLEM(ld, doc->sections[i].line, "[survey] given twice "
					"(first at line %ld)", header->line);
			else
				header = &doc->sections[i];
		}
	if (!header) {
		PROBLEM(ld, 1, "no [survey] section (it gives id, version, "
			"languages and title)");
		return;
	}
	load_header(ld, header);
	report_unused(ld, header);

	/* scales first, so questions may use a scale defined below them */
	for (size_t i = 0; i < doc->n_sections; i++) {
		struct ini_section *sec = &doc->sections[i];
		if (strncmp(sec->name, "scale.", 6) == 0) {
			if (!over_limit(ld, sec, s->n_scales, SURVEY_MAX_SCALES,
					"scales", &said_scales))
				load_scale(ld, sec, sec->name + 6);
			report_unused(ld, sec);
		}
	}
	for (size_t i = 0; i < doc->n_sections; i++) {
		struct ini_section *sec = &doc->sections[i];
		const char *name = sec->name;

		if (sec == header || strncmp(name, "scale.", 6) == 0)
			continue;
		if (strcmp(name, "survey") == 0)
			continue; /* a second one, already reported */
		if (strncmp(name, "level.", 6) == 0) {
			if (s->scoring == SCORING_PERCENT)
				PROBLEM(ld, sec->line, "[%s] has no meaning with "
					"scoring = percent", name);
			load_level(ld, sec, name + 6, level_seen);
		} else if (strncmp(name, "area.", 5) == 0) {
			if (!over_limit(ld, sec, s->n_areas, SURVEY_MAX_AREAS, "areas",
					&said_areas))
				load_area(ld, sec, name + 5);
		} else if (strncmp(name, "question.", 9) == 0) {
			struct ini_key *k;
			bool dup = false;

			if (over_limit(ld, sec, n_q, SURVEY_MAX_QUESTIONS, "questions",
				       &said_questions))
				continue;
			for (size_t j = 0; j < n_q; j++)
				if (strcmp(qs[j].id, name + 9) == 0) {
					PROBLEM(ld, sec->line, "question '%s' defined twice "
						"(first at line %ld)", name + 9, qs[j].line);
					dup = true;
				}
			if (dup) {
				skip_keys(sec);
				continue;
			}
			qs = xgrow(qs, &cap_q, n_q + 1, sizeof *qs);
			pend = xgrow(pend, &cap_pend, n_q + 1, sizeof *pend);
			ld->show_if = xrealloc(ld->show_if, (n_q + 1) * sizeof *ld->show_if);
			ld->show_if_line = xrealloc(ld->show_if_line,
						    (n_q + 1) * sizeof *ld->show_if_line);
			ld->show_if[n_q] = NULL;
			ld->show_if_line[n_q] = 0;
			load_question(ld, sec, name + 9, &qs[n_q], n_q);
			pend[n_q].sec = sec;
			pend[n_q].level = ini_take(sec, "level"); /* checked below */
			pend[n_q].area = NULL;
			if ((k = ini_take(sec, "area"))) {
				pend[n_q].area = k->value;
				pend[n_q].area_line = k->line;
			} else {
				PROBLEM(ld, sec->line, "[%s]: missing 'area'", name);
			}
			n_q++;
		} else {
			PROBLEM(ld, sec->line, "unknown section [%s] (expected [survey], "
				"[level.N], [scale.ID], [area.ID] or [question.ID])", name);
			skip_keys(sec);
		}
		report_unused(ld, sec);
	}

	/* levels: contiguous from 1 */
	for (int l = 0; l < SURVEY_MAX_LEVELS; l++)
		if (level_seen[l])
			s->max_level = l + 1;
	for (int l = 0; l < s->max_level; l++)
		if (!level_seen[l])
			PROBLEM(ld, header->line, "[level.%d] is missing (levels are "
				"numbered 1, 2, 3 ... without gaps)", l + 1);
	if (s->scoring == SCORING_LEVELS && s->max_level == 0)
		PROBLEM(ld, header->line, "scoring = levels needs [level.1] ... "
			"[level.N] sections (or set scoring = percent)");
	if (s->scoring == SCORING_PERCENT)
		s->max_level = 0;
	for (size_t a = 0; a < s->n_areas; a++)
		if (s->areas[a].target > s->max_level && s->max_level > 0)
			PROBLEM(ld, s->areas[a].line, "area '%s': target %d is above the "
				"highest level (%d)", s->areas[a].id, s->areas[a].target,
				s->max_level);
	if (s->n_areas == 0)
		PROBLEM(ld, header->line, "no [area.ID] section");
	if (n_q == 0)
		PROBLEM(ld, header->line, "no [question.ID] section");

	for (size_t i = 0; i < n_q; i++) {
		struct survey_question *q = &qs[i];
		bool found = false;

		if (q->type == QTYPE_YESNO && !q->options)
			any_yesno = true;
		for (size_t a = 0; pend[i].area && a < s->n_areas; a++)
			found = found || strcmp(s->areas[a].id, pend[i].area) == 0;
		if (pend[i].area && !found)
			PROBLEM(ld, pend[i].area_line, "question '%s': unknown area '%s'",
				q->id, pend[i].area);
		if (!found)
			pend[i].area = NULL;
	}
	if (any_yesno) {
		s->yesno_options = make_yesno(s);
		for (size_t i = 0; i < n_q; i++)
			if (qs[i].type == QTYPE_YESNO) {
				qs[i].options = s->yesno_options;
				qs[i].n_options = 3;
			}
	}
	for (size_t i = 0; i < n_q; i++) {
		struct survey_question *q = &qs[i];
		struct ini_section *sec = pend[i].sec;
		struct ini_key *lk = pend[i].level;
		long level;

		q->max_points = max_points_of(q);
		if (q->max_points > SURVEY_MAX_NUMBER) {
			/* only a multiple choice adds points up; its result row's
			 * max_value would be refused by every later reading */
			struct ini_key *ok = ini_take(sec, "options");
			char sum[NUMFMT_SIZE], *plus;
			num_format(sum, q->max_points);
			if ((plus = strstr(sum, "e+"))) /* 2e15, as the limit is written */
				memmove(plus + 1, plus + 2, strlen(plus + 2) + 1);
			PROBLEM(ld, ok ? ok->line : sec->line, "question '%s': the points "
				"of its options add up to %s; a question may be worth at "
				"most " SURVEY_MAX_NUMBER_TEXT, q->id, sum);
		}
		if (lk && s->scoring == SCORING_PERCENT) {
			PROBLEM(ld, lk->line, "'level' has no meaning with scoring = percent");
		} else if (lk && q->max_points <= 0 &&
			   (q->type == QTYPE_NUMBER || q->type == QTYPE_TEXT)) {
			PROBLEM(ld, lk->line, "'level' on a question that earns no points");
		} else if (lk && q->max_points > 0 && s->max_level > 0) {
			if (num_parse_int(lk->value, 1, s->max_level ? s->max_level : 1, &level))
				q->level = (int)level;
			else
				PROBLEM(ld, lk->line, "'level': '%s' is not a level from 1 to %d",
					lk->value, s->max_level);
		} else if (s->scoring == SCORING_LEVELS && q->max_points > 0 &&
			   s->max_level > 0) {
			PROBLEM(ld, sec->line, "[%s]: missing 'level' (1 to %d: the "
				"maturity level this question belongs to)", sec->name,
				s->max_level);
		}
	}
	order_questions(ld, qs, pend, n_q);
	free(qs);
	free(pend);
	check_continues(ld, true);
	check_continues(ld, false);

	for (size_t i = 0; i < s->n_questions; i++) {
		char *error = NULL;

		if (!ld->show_if[i])
			continue;
		s->questions[i].show_if = condition_parse(s, i, ld->show_if[i], &error);
		if (!s->questions[i].show_if) {
			PROBLEM(ld, ld->show_if_line[i], "question '%s': show_if: %s",
				s->questions[i].id, error);
			free(error);
		}
	}
}

static void hash_hex(const char *data, size_t len, char out[65])
{
	struct sha256_ctx ctx;
	unsigned char digest[SHA256_DIGEST_SIZE];

	sha256_init(&ctx);
	sha256_update(&ctx, len, (const uint8_t *)data);
	sha256_digest(&ctx, sizeof digest, digest);
	for (size_t i = 0; i < sizeof digest; i++)
		snprintf(out + 2 * i, 3, "%02x", digest[i]);
}

/* Raw-byte checks that inih cannot make: NUL bytes, invalid UTF-8. */
static bool check_bytes(struct loader *ld, const char *data, size_t len)
{
	long line = 1, first_unlisted = 0;
	size_t start = 0, bad_lines = 0;
	bool ok = true;

	for (size_t i = 0; i <= len; i++) {
		size_t at;

		if (i < len && data[i] == '\0') {
			PROBLEM(ld, line, "NUL byte: this is a binary file, not a survey");
			return false;
		}
		if (i < len && data[i] != '\n')
			continue;
		at = utf8_invalid_at(data + start, i - start);
		if (at < i - start) {
			ok = false;
			if (++bad_lines <= 5)
				PROBLEM(ld, line, "invalid UTF-8 at byte %zu of the line%s",
					at + 1, bad_lines == 1 ? " (save the file as UTF-8; "
					"it may be Latin-1 or Windows-1252)" : "");
			else if (bad_lines == 6)
				first_unlisted = line;
		}
		start = i + 1;
		line++;
	}
	if (bad_lines > 5)
		PROBLEM(ld, first_unlisted, "%zu more lines with invalid UTF-8",
			bad_lines - 5);
	return ok;
}

struct survey *survey_load_buffer(const char *name, const char *data, size_t len,
				  struct diag *d)
{
	struct loader ld = {0};
	struct ini_doc *doc;
	bool empty = true;

	ld.file = name;
	ld.d = d;
	ld.errors_before = d->count;
	ld.s = xcalloc(1, sizeof *ld.s);
	ld.s->path = xstrdup(name);
	hash_hex(data, len, ld.s->file_sha256);

	for (size_t i = csvfmt_bom_len(data, len);
	     i < len && empty; i++)
		empty = data[i] == ' ' || data[i] == '\t' || data[i] == '\r' ||
			data[i] == '\n';
	if (empty) {
		PROBLEM(&ld, 1, "empty file: no survey here");
	} else if (check_bytes(&ld, data, len)) {
		doc = ini_doc_parse(name, data, len, d);
		interpret(&ld, doc);
		ini_doc_free(doc);
	}
	for (size_t i = 0; ld.show_if && i < ld.s->n_questions; i++)
		free(ld.show_if[i]);
	free(ld.show_if);
	free(ld.show_if_line);
	diag_sort_lines(d, ld.errors_before);
	if (d->count > ld.errors_before) {
		survey_free(ld.s);
		return NULL;
	}
	survey_identity(ld.s, ld.s->sha256);
	return ld.s;
}

struct survey *survey_load(const char *path, struct diag *d)
{
	struct survey *s;
	char *data, *error;
	size_t len;

	if (file_read_all(path, SURVEY_MAX_BYTES, &data, &len, &error) != 0) {
		diag_add(d, path, 0, "%s", error);
		free(error);
		return NULL;
	}
	s = survey_load_buffer(path, data, len, d);
	free(data);
	return s;
}
