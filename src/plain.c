#include "plain.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "numfmt.h"
#include "text.h"
#include "util.h"

char *plain_read_line(FILE *in)
{
	struct strbuf sb = {0};
	int c;

	while ((c = getc(in)) != EOF && c != '\n')
		strbuf_putc(&sb, (char)c);
	if (c == EOF && sb.len == 0) {
		strbuf_free(&sb);
		return NULL;
	}
	if (sb.len && sb.buf[sb.len - 1] == '\r')
		sb.buf[--sb.len] = '\0';
	return strbuf_detach(&sb);
}

/* Prints text from the survey, made safe for the terminal. */
static void say(FILE *out, const char *prefix, const char *text)
{
	char *v = text_visible(text, true);
	fprintf(out, "%s%s\n", prefix, v);
	free(v);
}

static void show_question(const struct session *ss, size_t lang, size_t q, FILE *out)
{
	const struct survey *s = ss->survey;
	const struct survey_question *sq = &s->questions[q];
	size_t done, total;

	session_progress(ss, &done, &total);
	fprintf(out, "\n");
	say(out, "## ", survey_text_get(&s->areas[sq->area].title, lang));
	fprintf(out, _("Question %s (%zu of %zu answered)%s\n"), sq->id, done, total,
		sq->required ? "" : _(", optional"));
	say(out, "", survey_text_get(&sq->text, lang));
	for (size_t i = 0; i < sq->n_options; i++) {
		char head[32];
		snprintf(head, sizeof head, "  %c) ", question_option_key(sq, i));
		say(out, head, survey_text_get(&sq->options[i].label, lang));
	}
	if (ss->answers->a[q].comment)
		say(out, _("Comment: "), ss->answers->a[q].comment);
}

static void prompt(const struct survey_question *q, FILE *out)
{
	const char *what;

	switch (q->type) {
	case QTYPE_MULTI:
		what = _("numbers separated by spaces, - for none");
		break;
	case QTYPE_NUMBER:
		what = _("a number");
		break;
	case QTYPE_TEXT:
		what = _("text");
		break;
	default:
		what = _("a number from the list");
		break;
	}
	fprintf(out, _("Answer (%s%s; ? guidance, c TEXT comment, b back, Enter skips, q quits): "),
		what, q->allow_na ? _(", n not applicable") : "");
	fflush(out);
}

/* Reads the answer to q from line; false with a message when it does not
 * fit. */
static bool take_answer(struct answers *as, size_t q, const char *line, FILE *out)
{
	const struct survey_question *sq = &as->survey->questions[q];
	double v;

	switch (sq->type) {
	case QTYPE_TEXT:
		answers_set_text(as, q, line);
		return true;
	case QTYPE_NUMBER: {
		char *copy = xstrdup(line), *comma = strchr(copy, ',');
		bool ok;
		if (comma)
			*comma = '.';
		ok = num_parse(copy, &v) && !(sq->has_min && v < sq->min) &&
		     !(sq->has_max && v > sq->max);
		free(copy);
		if (!ok) {
			fprintf(out, "%s\n", _("That is not a number in the allowed range."));
			return false;
		}
		answers_set_number(as, q, v);
		return true;
	}
	case QTYPE_MULTI: {
		unsigned long long set = 0;
		const char *p = line;
		if (strcmp(line, "-") != 0) {
			while (*p) {
				size_t opt = question_option_by_key(sq, *p);
				if (opt == (size_t)-1 || (p[1] && p[1] != ' ' && p[1] != ',')) {
					fprintf(out, "%s\n", _("Give the numbers of the chosen options."));
					return false;
				}
				set |= 1ull << opt;
				p++;
				while (*p == ' ' || *p == ',')
					p++;
			}
		}
		answers_set_chosen(as, q, set);
		return true;
	}
	default: {
		size_t opt = line[0] && !line[1] ? question_option_by_key(sq, line[0])
			: (size_t)-1;
		if (opt == (size_t)-1) {
			fprintf(out, "%s\n", _("Give one of the numbers in the list."));
			return false;
		}
		answers_set_option(as, q, opt);
		return true;
	}
	}
}

static size_t next_visible(const struct answers *as, size_t q)
{
	for (size_t i = q + 1; i < as->survey->n_questions; i++)
		if (answers_visible(as, i))
			return i;
	return (size_t)-1;
}

static bool save(struct session *ss, FILE *out)
{
	if (session_save(ss))
		return true;
	fprintf(out, _("NOT SAVED: %s\n"), ss->save_error);
	return false;
}

static void finish(struct session *ss, size_t lang, FILE *in, FILE *out)
{
	struct score *sc = xcalloc(ss->survey->n_areas, sizeof *sc), all;
	char *line;

	answers_score(ss->answers, sc, &all);
	fprintf(out, "\n%s\n", _("Summary:"));
	for (size_t a = 0; a < ss->survey->n_areas; a++) {
		char *t = text_visible(survey_text_get(&ss->survey->areas[a].title, lang), false);
		if (sc[a].has_percent)
			fprintf(out, _("  %s: %.1f %%, level %d\n"), t, sc[a].percent, sc[a].level);
		else
			fprintf(out, _("  %s: -, level %d\n"), t, sc[a].level);
		free(t);
	}
	fprintf(out, _("  All areas: %.1f %%, level %d\n"), all.percent, all.level);
	free(sc);
	fprintf(out, "%s ", _("Finalise the result (status final)? (y/n)"));
	fflush(out);
	line = plain_read_line(in);
	if (line && (line[0] == 'y' || line[0] == 'j' || line[0] == 'Y' || line[0] == 'J')) {
		if (session_set_final(ss, true))
			fprintf(out, "%s\n", _("Final result saved."));
		else
			fprintf(out, _("NOT SAVED: %s\n"), ss->save_error);
	}
	free(line);
}

int plain_run(struct session *ss, size_t lang, const char *notice, FILE *in, FILE *out)
{
	struct answers *as = ss->answers;
	size_t q = (size_t)-1, first = (size_t)-1, history_len = 0;
	size_t *history = xcalloc(ss->survey->n_questions + 1, sizeof *history);
	int status = 0;

	for (size_t i = 0; i < ss->survey->n_questions && first == (size_t)-1; i++)
		if (answers_visible(as, i) && as->a[i].state == ANSWER_NONE)
			first = i;
	q = first;
	if (notice)
		say(out, "", notice);
	if (ss->read_only) {
		free(history);
		return 1;
	}
	fprintf(out, _("Saving to %s after every answer.\n"), ss->path);
	while (q != (size_t)-1) {
		const struct survey_question *sq = &ss->survey->questions[q];
		char *line;

		show_question(ss, lang, q, out);
		for (;;) {
			prompt(sq, out);
			line = plain_read_line(in);
			if (!line)
				goto out; /* end of input: everything is saved */
			if (strcmp(line, "q") == 0) {
				free(line);
				goto out;
			}
			if (strcmp(line, "?") == 0) {
				const char *g = survey_text_get(&sq->guidance, lang);
				say(out, "", *g ? g : _("This question has no guidance."));
			} else if (strncmp(line, "c ", 2) == 0) {
				answers_set_comment(as, q, line + 2);
				if (!save(ss, out))
					status = 1;
			} else if (strcmp(line, "b") == 0) {
				free(line);
				if (history_len > 0) {
					q = history[--history_len];
					break;
				}
				fprintf(out, "%s\n", _("This is the first question."));
				continue;
			} else if (strcmp(line, "n") == 0 && sq->allow_na) {
				answers_set_na(as, q);
				status = save(ss, out) ? status : 1;
				history[history_len++] = q;
				q = next_visible(as, q);
				free(line);
				break;
			} else if (*line == '\0') {
				history[history_len++] = q;
				q = next_visible(as, q);
				free(line);
				break;
			} else if (take_answer(as, q, line, out)) {
				status = save(ss, out) ? status : 1;
				history[history_len++] = q;
				q = next_visible(as, q);
				free(line);
				break;
			}
			free(line);
		}
	}
	finish(ss, lang, in, out);
out:
	free(history);
	return status;
}
