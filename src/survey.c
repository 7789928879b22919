#include "survey.h"

#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "condition.h"
#include "numfmt.h"

static void text_release(struct survey_text *t)
{
	for (size_t i = 0; i < SURVEY_MAX_LANGS; i++)
		free(t->lang[i]);
}

static void options_release(struct survey_option *o, size_t n)
{
	for (size_t i = 0; o && i < n; i++) {
		free(o[i].id);
		text_release(&o[i].label);
		text_release(&o[i].description);
	}
	free(o);
}

static void continues_release(struct survey_continues *c)
{
	for (size_t i = 0; i < c->n_ids; i++)
		free(c->ids[i]);
	free(c->ids);
}

void survey_question_release(struct survey_question *q)
{
	free(q->id);
	continues_release(&q->continues);
	text_release(&q->text);
	text_release(&q->guidance);
	if (q->owns_options)
		options_release((struct survey_option *)q->options, q->n_options);
	condition_free(q->show_if);
}

void survey_free(struct survey *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_questions; i++)
		survey_question_release(&s->questions[i]);
	free(s->questions);
	for (size_t i = 0; i < s->n_areas; i++) {
		free(s->areas[i].id);
		continues_release(&s->areas[i].continues);
		text_release(&s->areas[i].title);
		text_release(&s->areas[i].description);
	}
	free(s->areas);
	for (size_t i = 0; i < s->n_scales; i++) {
		free(s->scales[i].id);
		options_release(s->scales[i].options, s->scales[i].n_options);
	}
	free(s->scales);
	options_release(s->yesno_options, s->yesno_options ? 3 : 0);
	for (size_t i = 0; i < SURVEY_MAX_LEVELS; i++) {
		text_release(&s->levels[i].title);
		text_release(&s->levels[i].description);
	}
	text_release(&s->title);
	text_release(&s->description);
	free(s->id);
	free(s->path);
	free(s);
}

size_t survey_lang_index(const struct survey *s, const char *lang)
{
	for (size_t i = 0; lang && i < s->n_langs; i++)
		if (strcmp(s->langs[i], lang) == 0)
			return i;
	return 0;
}

const char *survey_text_get(const struct survey_text *t, size_t lang)
{
	if (lang < SURVEY_MAX_LANGS && t->lang[lang])
		return t->lang[lang];
	return t->lang[0] ? t->lang[0] : "";
}

size_t survey_question_index(const struct survey *s, const char *id)
{
	for (size_t i = 0; i < s->n_questions; i++)
		if (strcmp(s->questions[i].id, id) == 0)
			return i;
	return (size_t)-1;
}

const struct survey_question *survey_question_by_id(const struct survey *s,
						    const char *id)
{
	size_t i = survey_question_index(s, id);
	return i == (size_t)-1 ? NULL : &s->questions[i];
}

size_t survey_option_index(const struct survey_question *q, const char *id)
{
	for (size_t i = 0; i < q->n_options; i++)
		if (strcmp(q->options[i].id, id) == 0)
			return i;
	return (size_t)-1;
}

static const char *const type_names[] = {
	[QTYPE_SCALE] = "scale", [QTYPE_YESNO] = "yesno", [QTYPE_CHOICE] = "choice",
	[QTYPE_MULTI] = "multi", [QTYPE_NUMBER] = "number", [QTYPE_TEXT] = "text",
};

const char *question_type_name(enum question_type t) { return type_names[t]; }

bool question_type_parse(const char *name, enum question_type *out)
{
	for (size_t i = 0; i < sizeof type_names / sizeof type_names[0]; i++)
		if (strcmp(type_names[i], name) == 0) {
			*out = (enum question_type)i;
			return true;
		}
	return false;
}

bool question_has_options(const struct survey_question *q)
{
	return q->type != QTYPE_NUMBER && q->type != QTYPE_TEXT;
}

bool question_is_scored(const struct survey_question *q) { return q->max_points > 0; }

static bool digit_ids(const struct survey_question *q)
{
	for (size_t i = 0; i < q->n_options; i++)
		if (!(q->options[i].id[0] >= '0' && q->options[i].id[0] <= '9' &&
		      q->options[i].id[1] == '\0'))
			return false;
	return q->n_options > 0;
}

char question_option_key(const struct survey_question *q, size_t i)
{
	if (i >= q->n_options)
		return '\0';
	if (digit_ids(q))
		return q->options[i].id[0];
	return i < 9 ? (char)('1' + i) : '\0';
}

size_t question_option_by_key(const struct survey_question *q, char c)
{
	for (size_t i = 0; i < q->n_options; i++)
		if (question_option_key(q, i) == c)
			return i;
	return (size_t)-1;
}

char *question_option_keytext(const struct survey_question *q, size_t i, char *buf)
{
	char key = question_option_key(q, i);

	if (key)
		snprintf(buf, QUESTION_KEY_SIZE, "%c", key);
	else if (i < q->n_options)
		snprintf(buf, QUESTION_KEY_SIZE, "%u", (unsigned)(i + 1) % 100u); /* i < 64 */
	else
		buf[0] = '\0';
	return buf;
}

size_t question_option_by_keytext(const struct survey_question *q, const char *s,
				  size_t len)
{
	char buf[QUESTION_KEY_SIZE];

	for (size_t i = 0; i < q->n_options; i++) {
		question_option_keytext(q, i, buf);
		if (strlen(buf) == len && memcmp(buf, s, len) == 0)
			return i;
	}
	return (size_t)-1;
}

/* ----- identity: SHA-256 of a canonical form of the parsed survey -----
 *
 * The canonical form is a sequence of fields, each written as
 *   NAME SP LENGTH ":" VALUE LF
 * with LENGTH the decimal byte count of VALUE, so that no text can be taken
 * for another field whatever bytes it holds. Numbers are written in
 * num_format's shortest form (1, 1.0 and 1e0 are the same number), booleans
 * as 0 or 1, texts after unescaping and joining of continuation lines.
 * The first field names the form's version: a change to this function that
 * changes any identity must change that version, and is a change of every
 * survey's identity. */

struct canon {
	struct sha256_ctx ctx;
};

static void canon_put(struct canon *c, const char *name, const char *value, size_t len)
{
	char head[64];
	int n = snprintf(head, sizeof head, "%s %zu:", name, len);

	sha256_update(&c->ctx, (size_t)n, (const uint8_t *)head);
	sha256_update(&c->ctx, len, (const uint8_t *)value);
	sha256_update(&c->ctx, 1, (const uint8_t *)"\n");
}

static void canon_str(struct canon *c, const char *name, const char *value)
{
	canon_put(c, name, value, strlen(value));
}

static void canon_num(struct canon *c, const char *name, double v)
{
	char buf[NUMFMT_SIZE];

	canon_str(c, name, num_format(buf, v));
}

static void canon_long(struct canon *c, const char *name, long v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%ld", v);
	canon_str(c, name, buf);
}

/* A text in every language, by language code; an absent optional text
 * writes nothing (the loader refuses empty texts, so "" never occurs). */
static void canon_text(struct canon *c, const struct survey *s, const char *name,
		       const struct survey_text *t)
{
	for (size_t l = 0; l < s->n_langs; l++) {
		char key[48];

		if (!t->lang[l])
			continue;
		snprintf(key, sizeof key, "%s.%s", name, s->langs[l]);
		canon_str(c, key, t->lang[l]);
	}
}

static void canon_options(struct canon *c, const struct survey *s,
			  const struct survey_question *q)
{
	canon_long(c, "options", (long)q->n_options);
	for (size_t i = 0; i < q->n_options; i++) {
		const struct survey_option *o = &q->options[i];

		canon_str(c, "option", o->id);
		canon_text(c, s, "label", &o->label);
		canon_text(c, s, "description", &o->description);
		canon_num(c, "points", o->points);
	}
}

static void canon_condition(struct canon *c, const struct survey *s,
			    const struct condition *cond)
{
	static const char *const ops[] = {
		[COND_EQ] = "=", [COND_NE] = "!=", [COND_HAS] = "has", [COND_LT] = "<",
		[COND_LE] = "<=", [COND_GT] = ">", [COND_GE] = ">=",
	};

	if (!cond)
		return;
	canon_long(c, "show_if", (long)cond->n_terms);
	for (size_t k = 0; k < cond->n_terms; k++) {
		const struct cond_term *t = &cond->terms[k];
		const struct survey_question *ref = &s->questions[t->question];

		if (k > 0)
			canon_str(c, "join", t->or_before ? "or" : "and");
		canon_str(c, "if", ref->id);
		canon_str(c, "op", ops[t->op]);
		if (t->numeric)
			canon_num(c, "number", t->number);
		else
			canon_str(c, "value", ref->options[t->option].id);
	}
}

/* The revision mapping (enkat-survey(5), Revisions): nothing at all when
 * there is none, so that the identity of every survey without one is what
 * it was before the mapping existed. */
static void canon_continues(struct canon *c, const struct survey_continues *k)
{
	if (k->n_ids == 0)
		return;
	canon_long(c, "continues", (long)k->n_ids);
	for (size_t i = 0; i < k->n_ids; i++)
		canon_str(c, "continued", k->ids[i]);
	canon_long(c, "continues.version", k->version);
	canon_long(c, "continues.comparable", !k->not_comparable);
}

static void canon_question(struct canon *c, const struct survey *s,
			   const struct survey_question *q)
{
	canon_str(c, "question", q->id);
	canon_str(c, "type", question_type_name(q->type));
	canon_text(c, s, "text", &q->text);
	canon_text(c, s, "guidance", &q->guidance);
	canon_long(c, "required", q->required);
	canon_long(c, "na", q->allow_na);
	canon_num(c, "weight", q->weight);
	canon_long(c, "level", q->level);
	if (q->has_min)
		canon_num(c, "min", q->min);
	if (q->has_max)
		canon_num(c, "max", q->max);
	canon_long(c, "decimals", q->decimals);
	canon_num(c, "question_points", q->points);
	/* scale and yesno questions too: what counts is the options a
	 * respondent sees and their points, not which scale they came from */
	canon_options(c, s, q);
	canon_condition(c, s, q->show_if);
	canon_continues(c, &q->continues);
}

void survey_identity(const struct survey *s, char out[65])
{
	struct canon c;
	unsigned char digest[SHA256_DIGEST_SIZE];

	sha256_init(&c.ctx);
	canon_str(&c, "enkat-survey-identity", "1");
	canon_str(&c, "id", s->id ? s->id : "");
	canon_long(&c, "version", s->version);
	canon_long(&c, "languages", (long)s->n_langs);
	for (size_t l = 0; l < s->n_langs; l++)
		canon_str(&c, "language", s->langs[l]);
	canon_text(&c, s, "title", &s->title);
	canon_text(&c, s, "description", &s->description);
	canon_str(&c, "scoring", s->scoring == SCORING_PERCENT ? "percent" : "levels");
	canon_num(&c, "threshold", s->threshold);
	canon_long(&c, "levels", s->max_level);
	for (int l = 0; l < s->max_level; l++) {
		canon_long(&c, "level", l + 1);
		canon_text(&c, s, "title", &s->levels[l].title);
		canon_text(&c, s, "description", &s->levels[l].description);
	}
	canon_long(&c, "areas", (long)s->n_areas);
	for (size_t a = 0; a < s->n_areas; a++) {
		const struct survey_area *ar = &s->areas[a];

		canon_str(&c, "area", ar->id);
		canon_text(&c, s, "title", &ar->title);
		canon_text(&c, s, "description", &ar->description);
		canon_num(&c, "weight", ar->weight);
		canon_long(&c, "target", ar->target);
		canon_continues(&c, &ar->continues);
		canon_long(&c, "questions", (long)ar->n_questions);
		for (size_t i = 0; i < ar->n_questions; i++)
			canon_question(&c, s, &s->questions[ar->first_question + i]);
	}
	sha256_digest(&c.ctx, sizeof digest, digest);
	for (size_t i = 0; i < sizeof digest; i++)
		snprintf(out + 2 * i, 3, "%02x", digest[i]);
}
