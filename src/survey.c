#include "survey.h"

#include <stdlib.h>
#include <string.h>

#include "condition.h"

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

void survey_question_release(struct survey_question *q)
{
	free(q->id);
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
