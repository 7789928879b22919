/* plain: the assessment line by line. Every rule (parsing, what comes
 * next, finalising, undo, saving) is the engine's (assess.h); this file
 * only prints and reads lines, and decides nothing the full screen would
 * decide differently. */
#include "plain.h"

#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "assess.h"
#include "i18n.h"
#include "score.h"
#include "text.h"
#include "util.h"

/* A line that fits an 80-column terminal without wrapping. */
#define PLAIN_COLUMNS 79

struct plain {
	struct session *ss;
	struct assess *a;
	const struct survey *s;
	size_t lang;
	FILE *in, *out;
	size_t *open;  /* room for the open questions (n_questions + 1) */
};

/* What the loop does after a command. */
enum plain_next {
	PLAIN_ASK,     /* ask the same question again (prompt only) */
	PLAIN_SHOW,    /* show question q (maybe another) in full */
	PLAIN_LEAVE,
};

/* A hangup, SIGTERM or Ctrl-C: the session ends as at the end of the
 * input, so changes the file lacks are saved somewhere first. */
static volatile sig_atomic_t plain_signal;

static void on_signal(int sig) { plain_signal = sig; }

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

/* Prints text from a file, a lock or an argument, made safe for the
 * terminal (no escape sequence gets through). */
static void say(FILE *out, const char *prefix, const char *text)
{
	char *v = text_visible(text, true);
	fprintf(out, "%s%s\n", prefix, v);
	free(v);
}

static const char *tr(const struct plain *p, const struct survey_text *t)
{
	return survey_text_get(t, p->lang);
}

/* Reads the reply to a prompt already printed; NULL at end of input or
 * after a signal. When the input is not a terminal, the line is echoed
 * after the prompt, so a scripted run that went out of step shows where. */
static char *read_reply(FILE *in, FILE *out)
{
	char *line;

	fflush(out);
	/* a signal interrupts the read (no SA_RESTART): what was read of the
	 * line is not an answer */
	line = plain_signal ? NULL : plain_read_line(in);
	if (plain_signal) {
		free(line);
		line = NULL;
	}
	if (!line)
		fputc('\n', out); /* the next text starts on a line of its own */
	else if (!isatty(fileno(in)))
		say(out, "", line);
	return line;
}

static char *reply(struct plain *p)
{
	return read_reply(p->in, p->out);
}

char *plain_ask(const char *prompt, FILE *in, FILE *out)
{
	fprintf(out, "%s ", prompt);
	return read_reply(in, out);
}

/* plain_intro ran (before the department was asked for): plain_run does
 * not say it again */
static bool intro_said;

void plain_intro(const struct survey *s, size_t lang, const char *out_dir, FILE *out)
{
	/* the full screen's first screen (ui_ask_identity), line by line */
	char *intro = assess_intro_text(s, lang, out_dir);

	say(out, "", intro); /* the survey's texts made visible too */
	fputc('\n', out);
	free(intro);
	intro_said = true;
}

/* Without the spaces around it, in place. */
static char *trimmed(char *s)
{
	size_t len;

	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		s[--len] = '\0';
	return s;
}

/* 1 yes, 0 no, -1 end of input; asks again until it is one of them. */
static int ask_yes_no(struct plain *p, const char *question)
{
	for (;;) {
		char *line, *w;
		int answer = -2;

		fprintf(p->out, "%s ", question);
		line = reply(p);
		if (!line)
			return -1;
		w = trimmed(line);
		/* Swedish j/ja and English y/yes, whatever the language */
		if (strcmp(w, "y") == 0 || strcmp(w, "Y") == 0 || strcmp(w, "yes") == 0 ||
		    strcmp(w, "j") == 0 || strcmp(w, "J") == 0 || strcmp(w, "ja") == 0)
			answer = 1;
		else if (strcmp(w, "n") == 0 || strcmp(w, "N") == 0 || strcmp(w, "no") == 0 ||
			 strcmp(w, "nej") == 0)
			answer = 0;
		free(line);
		if (answer >= 0)
			return answer;
		fprintf(p->out, "%s\n", _("Answer y (yes) or n (no)."));
	}
}

/* "NOT SAVED: reason" in one line that fits 80 columns: a long reason
 * loses its middle (the start says what failed, the end why). */
static void say_not_saved(struct plain *p)
{
	const char *why = p->ss->save_error ? p->ss->save_error : "?";
	char *v = text_visible(why, false), *line = xasprintf(_("NOT SAVED: %s\n"), v);
	size_t width = text_width(line);

	if (width > PLAIN_COLUMNS + 1) {
		size_t over = width - (PLAIN_COLUMNS + 1) + 1; /* + the '…' */
		size_t head = text_cut(v, 24), tail = head, removed = 0;
		char *cut;

		while (v[tail] && removed < over) {
			unsigned cp;
			tail += utf8_decode(v + tail, strlen(v + tail), &cp);
			removed += (size_t)text_char_width(cp);
		}
		cut = xasprintf("%.*s\u2026%s", (int)head, v, v + tail);
		free(line);
		line = xasprintf(_("NOT SAVED: %s\n"), cut);
		free(cut);
	}
	fputs(line, p->out);
	free(line);
	free(v);
}

/* Why nothing can be changed (the engine's words, as on the full screen). */
static void say_read_only(struct plain *p)
{
	char *why = assess_read_only_reason(p->a);

	fprintf(p->out, "%s\n", why ? why : "?");
	free(why);
}

/* Says what became of a change that was not simply made. */
static void report(struct plain *p, enum assess_status st)
{
	if (st == ASSESS_NOT_SAVED)
		say_not_saved(p);
	else if (st == ASSESS_READ_ONLY)
		say_read_only(p);
}

static void say_level(struct plain *p, int level)
{
	const struct survey_level *l = &p->s->levels[level - 1];
	const char *d = tr(p, &l->description);
	char *t = text_visible(tr(p, &l->title), false);

	fprintf(p->out, _("Level %d: %s"), level, t);
	free(t);
	if (*d)
		say(p->out, ". ", d);
	else
		fputc('\n', p->out);
}

/* ---- what is shown ---- */

/* The answer q holds now, in words, or nothing when it has none. */
static void show_answer(struct plain *p, size_t q)
{
	const struct survey_question *sq = &p->s->questions[q];
	const struct answer *ans = &p->ss->answers->a[q];
	struct strbuf sb = {0};
	char *v;

	if (ans->state == ANSWER_NONE)
		return;
	if (ans->state == ANSWER_NA) {
		strbuf_puts(&sb, _("not applicable"));
	} else if (sq->type == QTYPE_MULTI) {
		for (size_t i = 0; i < sq->n_options; i++) {
			char key[QUESTION_KEY_SIZE];
			if (ans->chosen & (1ull << i))
				strbuf_printf(&sb, "%s%s) %s", sb.len ? "; " : "",
					      question_option_keytext(sq, i, key),
					      tr(p, &sq->options[i].label));
		}
		if (!sb.len)
			strbuf_puts(&sb, _("none of these"));
	} else if (sq->type == QTYPE_NUMBER || sq->type == QTYPE_TEXT) {
		char *t = assess_answer_text(p->a, q);
		strbuf_puts(&sb, t);
		free(t);
	} else {
		char key[QUESTION_KEY_SIZE];
		strbuf_printf(&sb, "%s) %s", question_option_keytext(sq, ans->option, key),
			      tr(p, &sq->options[ans->option].label));
	}
	v = text_visible(sb.buf, true);
	fprintf(p->out, _("Answer now: %s\n"), v);
	free(v);
	strbuf_free(&sb);
}

/* Last year's answer, comment and not-applicable at q (a suggestion:
 * t takes it over), or that the question is new this year. */
static void show_last_year(struct plain *p, size_t q)
{
	const struct previous *prev = assess_previous(p->a);
	const struct result_row *r = previous_row(prev, q);
	char *text, *ids;

	if (!prev)
		return;
	if (!r) {
		fprintf(p->out, "%s\n", _("New this year: no answer from last year."));
		return;
	}
	ids = previous_ids_text(prev, q);
	switch (previous_kind(prev, q)) {
	case REVISION_RENAMED:
		fprintf(p->out, _("Last year this was question %s (renamed).\n"), ids);
		break;
	case REVISION_SPLIT:
		fprintf(p->out, _("Last year's question %s is split: its answer is a "
				  "suggestion for each part.\n"), ids);
		break;
	case REVISION_MERGED:
		fprintf(p->out, _("Last year's questions %s are merged into this one.\n"),
			ids);
		break;
	default:
		break;
	}
	free(ids);
	text = previous_answer_text(prev, q, p->lang);
	if (*text && previous_kind(prev, q) == REVISION_MERGED)
		fprintf(p->out, _("Last year: %s (t takes it over when they agree)\n"), text);
	else if (*text)
		fprintf(p->out, _("Last year: %s (t takes it over)\n"), text);
	else
		fprintf(p->out, "%s\n", _("Last year: not answered."));
	free(text);
	text = previous_comment_text(prev, q);
	if (*text)
		say(p->out, _("Last year's comment: "), text);
	free(text);
}

/* One action in a line (and its details, when full). */
static void say_action(struct plain *p, const struct action *x, const char *today,
		       bool full)
{
	struct strbuf sb = {0};
	char *line;

	strbuf_printf(&sb, "  %s [%s]", x->id, action_status_label(x->status));
	if (x->due[0])
		strbuf_printf(&sb, _(" due %s"), x->due);
	if (action_overdue(x, today))
		strbuf_printf(&sb, " %s", _("OVERDUE"));
	strbuf_printf(&sb, ": %s", x->title);
	line = text_visible(sb.buf, false);
	fprintf(p->out, "%s\n", line);
	free(line);
	strbuf_free(&sb);
	if (!full)
		return;
	{
		char *t = action_targets_text(x, p->s, p->lang);
		fprintf(p->out, _("      addresses: %s\n"), t);
		free(t);
	}
	if (*x->owner)
		say(p->out, _("      owner: "), x->owner);
	if (*x->case_number)
		say(p->out, _("      case number: "), x->case_number);
	if (*x->description)
		say(p->out, _("      description: "), x->description);
	if (*x->comment)
		say(p->out, _("      comment: "), x->comment);
}

/* The actions that address q itself. */
static void show_question_actions(struct plain *p, size_t q)
{
	const struct action_list *l = assess_actions(p->a);
	char today[11];

	action_today(today);
	for (size_t i = 0; i < l->n; i++)
		if (action_addresses_question(&l->items[i], p->s->questions[q].id)) {
			fprintf(p->out, "%s", _("Action:"));
			say_action(p, &l->items[i], today, false);
		}
}

static void show_question(struct plain *p, size_t q)
{
	const struct survey_question *sq = &p->s->questions[q];
	const struct survey_area *area = &p->s->areas[sq->area];
	size_t pos, count;

	fprintf(p->out, "\n");
	say(p->out, "## ", tr(p, &area->title));
	if (assess_area_begins(p->a, q) && *tr(p, &area->description))
		say(p->out, "", tr(p, &area->description));
	assess_area_position(p->a, q, &pos, &count);
	{
		char *id = text_visible(sq->id, false);
		fprintf(p->out, _("Question %s, %zu of %zu in this area (%zu of %zu answered)%s\n"),
			id, pos, count, p->a->done, p->a->total,
			sq->required ? "" : _(", optional"));
		free(id);
	}
	say(p->out, "", tr(p, &sq->text));
	for (size_t i = 0; i < sq->n_options; i++) {
		const char *d = tr(p, &sq->options[i].description);
		char head[32], key[QUESTION_KEY_SIZE];
		snprintf(head, sizeof head, "%3s) ", question_option_keytext(sq, i, key));
		say(p->out, head, tr(p, &sq->options[i].label));
		if (*d)
			say(p->out, "     ", d);
	}
	show_answer(p, q);
	if (p->ss->answers->a[q].comment)
		say(p->out, _("Comment: "), p->ss->answers->a[q].comment);
	show_last_year(p, q);
	show_question_actions(p, q);
}

static void prompt(struct plain *p, size_t q)
{
	const struct survey_question *sq = &p->s->questions[q];
	char what[ASSESS_MSG_SIZE];

	assess_describe_input(sq, what);
	fprintf(p->out, _("Answer (%s%s; Enter skips, ? guidance, h help, q quits): "),
		what, sq->allow_na ? _(", n not applicable") : "");
}

static void show_guidance(struct plain *p, size_t q)
{
	const struct survey_question *sq = &p->s->questions[q];
	const char *g = tr(p, &sq->guidance);

	say(p->out, "", *g ? g : _("This question has no guidance."));
	if (sq->level > 0 && sq->level <= p->s->max_level)
		say_level(p, sq->level);
}

/* One area's (or the whole's) line of the summary. */
static void summary_line(struct plain *p, const char *title, const struct score *sc)
{
	struct strbuf sb = {0};
	char pct[32];
	char *t = text_visible(title, false);

	if (sc->has_percent)
		assess_format_percent(pct, sizeof pct, sc->percent, 0);
	else
		snprintf(pct, sizeof pct, "-");
	strbuf_printf(&sb, "  %s: %s", t, pct);
	free(t);
	if (p->s->scoring == SCORING_LEVELS) {
		strbuf_printf(&sb, _(", level %d"), sc->level);
		if (sc->level > 0 && sc->level <= p->s->max_level) {
			char *l = text_visible(tr(p, &p->s->levels[sc->level - 1].title), false);
			strbuf_printf(&sb, " (%s)", l);
			free(l);
		}
		if (sc->target)
			strbuf_printf(&sb, _(", target %d, gap %d"), sc->target, sc->gap);
	}
	strbuf_printf(&sb, _(", %zu of %zu answered"), sc->answered, sc->applicable);
	fprintf(p->out, "%s\n", sb.buf);
	strbuf_free(&sb);
}

/* Below an area's line: last year's figure, the open actions, and for an
 * area below its target without any, a prompt. */
static void summary_year(struct plain *p, size_t area, const struct score *sc)
{
	const struct previous *prev = assess_previous(p->a);
	size_t open = actions_open_in_area(assess_actions(p->a), p->s, area);
	struct score last;

	if (prev && previous_area_score(prev, p->s->areas[area].id, &last)) {
		char pct[32];
		if (last.has_percent)
			assess_format_percent(pct, sizeof pct, last.percent, 0);
		else
			snprintf(pct, sizeof pct, "-");
		if (p->s->scoring == SCORING_LEVELS)
			fprintf(p->out, _("    last year: %s, level %d\n"), pct, last.level);
		else
			fprintf(p->out, _("    last year: %s\n"), pct);
	}
	if (open)
		fprintf(p->out, ngettext("    %zu open action\n", "    %zu open actions\n",
					 open), open);
	else if (sc->target && sc->gap > 0)
		fprintf(p->out, "    %s\n", _("below its target and no action addresses it "
					       "(a+ adds one)"));
}

static void show_summary(struct plain *p)
{
	struct score *sc = xcalloc(p->s->n_areas ? p->s->n_areas : 1, sizeof *sc), all;
	const struct approval *ap = assess_approval(p->a);

	answers_score(p->ss->answers, sc, &all);
	fprintf(p->out, "\n%s\n", assess_is_final(p->a) ? _("Summary (final):")
		: _("Summary (draft):"));
	for (size_t i = 0; i < p->s->n_areas; i++) {
		summary_line(p, tr(p, &p->s->areas[i].title), &sc[i]);
		summary_year(p, i, &sc[i]);
	}
	summary_line(p, _("All areas"), &all);
	if (assess_seal_broken(p->a))
		fprintf(p->out, "%s\n", _("CHANGED AFTER APPROVAL: the seal does not match."));
	else if (ap->present) {
		char *name = text_visible(ap->name, false), *role = text_visible(ap->role, false);
		char when[21];
		result_format_time(when, ap->at);
		when[10] = '\0'; /* the date */
		if (*role)
			fprintf(p->out, _("Approved by %s (%s), %s.\n"), name, role, when);
		else
			fprintf(p->out, _("Approved by %s, %s.\n"), name, when);
		free(name);
		free(role);
	} else if (assess_is_final(p->a)) {
		fprintf(p->out, "%s\n", _("Not approved by the management."));
	}
	free(sc);
}

static void show_review(struct plain *p)
{
	size_t required, n = assess_open_questions(p->a, p->open, &required);

	fprintf(p->out, "\n%s\n", _("Review:"));
	if (n == 0) {
		fprintf(p->out, "%s\n", _("Every question is answered."));
		return;
	}
	fprintf(p->out, _("Unanswered: %zu (required: %zu, marked *). Type o ID to go to one.\n"),
		n, required);
	for (size_t i = 0; i < n; i++) {
		const struct survey_question *sq = &p->s->questions[p->open[i]];
		char *id = text_visible(sq->id, false);
		char *head = xasprintf("  %s %s: ", sq->required ? "*" : " ", id);
		say(p->out, head, tr(p, &sq->text));
		free(head);
		free(id);
	}
}

static void show_overview(struct plain *p)
{
	size_t area = (size_t)-1;

	for (size_t q = assess_next(p->a, ASSESS_NONE); q != ASSESS_NONE;
	     q = assess_next(p->a, q)) {
		const struct survey_question *sq = &p->s->questions[q];
		const struct answer *ans = &p->ss->answers->a[q];
		const char *state = ans->state == ANSWER_NA ? _("not applicable")
			: ans->state != ANSWER_NONE ? _("answered")
			: sq->required ? _("unanswered, required") : _("unanswered");
		char *id = text_visible(sq->id, false);

		if (sq->area != area) {
			area = sq->area;
			say(p->out, "## ", tr(p, &p->s->areas[area].title));
		}
		fprintf(p->out, "  %s: %s\n", id, state);
		free(id);
	}
}

/* ---- leaving ---- */

/* Where the answers are, on leaving (the engine's words, as on the full
 * screen). */
static void say_where(struct plain *p)
{
	char *text = assess_where_text(p->a);

	fputs(text, p->out);
	free(text);
}

/* Saves in dir instead of the result folder: *where is the file (caller
 * frees), or false with the reason said. */
static bool save_elsewhere(struct plain *p, const char *dir, char **where)
{
	char *error = NULL, *v;

	if (!dir || !*dir) {
		fprintf(p->out, "%s\n", _("No folder to save in ($HOME is not set)."));
		return false;
	}
	if (assess_save_to(p->a, dir, where, &error))
		return true;
	v = text_visible(error ? error : "?", false);
	fprintf(p->out, _("Cannot save there either: %s\n"), v);
	free(v);
	free(error);
	return false;
}

/* Before leaving: changes the result file lacks are never dropped silently.
 * Saving is retried; then the user chooses (the full screen's choices);
 * with no one to ask (end of input, a signal) they go to $HOME. Returns
 * the exit status: 1 when the result file lacks the changes. */
static int leave(struct plain *p, bool can_ask)
{
	const char *home = getenv("HOME");
	char *where = NULL, *path = text_visible(p->ss->path, false);
	bool discard = false;
	int status = 0;

	if (p->a->unsaved && assess_save(p->a) != ASSESS_SAVED) {
		say_not_saved(p);
		fprintf(p->out, _("The last changes are not in %s.\n"), path);
	}
	while (p->a->unsaved && can_ask && !where && !discard) {
		char *line, *w;

		/* the full screen's keys and words (ui_keys.c) */
		fprintf(p->out, "%s\n  r  %s\n  w  %s\n  d  %s\n%s ",
			_("What shall become of them?"),
			_("try to save in the result folder again"),
			_("save the answers in another folder you name"),
			_("leave without the changes that are not saved"),
			_("Choose r, w or d:"));
		line = reply(p);
		if (!line)
			break;
		w = trimmed(line);
		if (strcmp(w, "r") == 0) {
			report(p, assess_save(p->a));
		} else if (strcmp(w, "w") == 0) {
			char *h = text_visible(home ? home : "", false), *dir;

			fprintf(p->out, _("Folder (Enter: %s): "), h);
			free(h);
			dir = reply(p);
			if (!dir)
				can_ask = false;
			else
				save_elsewhere(p, *trimmed(dir) ? trimmed(dir) : home, &where);
			free(dir);
		} else if (strcmp(w, "d") == 0) {
			discard = true;
		} else {
			fprintf(p->out, "%s\n", _("Answer r, w or d."));
		}
		free(line);
	}
	if (p->a->unsaved && !where && !discard)
		save_elsewhere(p, home, &where); /* no one to ask: the safe choice */
	if (where) {
		char *v = text_visible(where, false);
		fprintf(p->out, _("enkat: %s could not be written; the answers were saved in %s "
				  "instead.\n"), path, v);
		free(v);
		status = 1;
	} else if (p->a->unsaved) {
		char *why = text_visible(p->ss->save_error ? p->ss->save_error : "?", false);
		fprintf(p->out, _("enkat: %s: %s: the last changes are NOT saved.\n"), path, why);
		free(why);
		status = 1;
	} else {
		say_where(p);
	}
	free(where);
	free(path);
	return status;
}

/* ---- finalising ---- */

/* Says that finalising is refused and goes to the first open required
 * question. */
static enum plain_next refused(struct plain *p, size_t *q, size_t first_open)
{
	char *id = text_visible(p->s->questions[first_open].id, false);

	fprintf(p->out, _("Not finalised: %zu required questions are unanswered, "
			  "the first is %s.\n"), p->a->required_open, id);
	free(id);
	*q = first_open;
	return PLAIN_SHOW;
}

/* Who approves for the management (name, role), asked until the engine
 * takes it; an empty name finalises without approval, and so does the end
 * of the input (the user said yes to finalising; a script written before
 * the approval was asked for ends there). */
static enum assess_status finalise_approved(struct plain *p, size_t *first_open)
{
	char msg[ASSESS_MSG_SIZE];

	for (;;) {
		char *name, *role;
		enum assess_status st;

		fprintf(p->out, "%s ", _("Who approves the result for the department's "
					 "management? Name (Enter: finalise without approval):"));
		if (!(name = reply(p)) || !*trimmed(name)) {
			free(name);
			return assess_finalise(p->a, first_open);
		}
		fprintf(p->out, "%s ", _("Role (e.g. Förvaltningsdirektör):"));
		role = reply(p);
		st = assess_finalise_approved(p->a, name, role, first_open, msg);
		free(name);
		if (!role)
			return st == ASSESS_REFUSED && *first_open == ASSESS_NONE
				? assess_finalise(p->a, first_open) : st;
		free(role);
		if (st != ASSESS_REFUSED || *first_open != ASSESS_NONE)
			return st;
		fprintf(p->out, "%s\n", msg);
	}
}

/* The review and the summary, then the question when the engine allows
 * finalising now; when it does not, why, and on to the first question it
 * waits for. *q is where to go on; declining goes on there when go_on (the
 * f command), else leaves (the end of the questions). */
static enum plain_next finalise(struct plain *p, size_t *q, bool go_on)
{
	size_t first_open;
	enum assess_status st = assess_can_finalise(p->a, &first_open);
	int yes;

	show_review(p);
	show_summary(p);
	if (st == ASSESS_REFUSED)
		return refused(p, q, first_open);
	if (st != ASSESS_SAVED) {
		report(p, st);
		return go_on ? PLAIN_ASK : PLAIN_LEAVE;
	}
	yes = ask_yes_no(p, _("Finalise the result (status final)? (y/n)"));
	if (yes < 0)
		return PLAIN_LEAVE;
	if (yes == 0) {
		if (!go_on)
			return PLAIN_LEAVE;
		fprintf(p->out, "%s\n", _("The result stays a draft."));
		return PLAIN_SHOW;
	}
	st = finalise_approved(p, &first_open);
	if (st == ASSESS_SAVED) {
		fprintf(p->out, "%s\n", _("Final result saved."));
		return PLAIN_LEAVE;
	}
	if (st == ASSESS_REFUSED)
		return refused(p, q, first_open);
	report(p, st);
	if (st == ASSESS_NOT_SAVED)
		fprintf(p->out, "%s\n", _("The result stays a draft."));
	return go_on ? PLAIN_SHOW : PLAIN_LEAVE;
}

/* ---- the questions ---- */

/* Moves on from q after it was answered or skipped; at the end, the review
 * and finalising. */
static enum plain_next advance(struct plain *p, size_t *q, size_t next)
{
	if (next != ASSESS_NONE) {
		*q = next;
		return PLAIN_SHOW;
	}
	return finalise(p, q, false);
}

/* ---- the commands: one table for the dispatch and the help ---- */

/* What a command does at question *q; arg is the text after the command
 * word (NULL when none was typed). */
typedef enum plain_next (*plain_run_fn)(struct plain *p, size_t *q, const char *arg);

static enum plain_next cmd_next(struct plain *p, size_t *q, const char *arg)
{
	(void)arg;
	return advance(p, q, assess_next(p->a, *q));
}

static enum plain_next cmd_quit(struct plain *p, size_t *q, const char *arg)
{
	(void)p, (void)q, (void)arg;
	return PLAIN_LEAVE;
}

static enum plain_next cmd_guidance(struct plain *p, size_t *q, const char *arg)
{
	(void)arg;
	show_guidance(p, *q);
	return PLAIN_ASK;
}

static enum plain_next cmd_comment(struct plain *p, size_t *q, const char *arg)
{
	enum assess_status st = assess_comment(p->a, *q, arg);

	report(p, st);
	if (st == ASSESS_SAVED)
		fprintf(p->out, "%s\n", p->ss->answers->a[*q].comment
			? _("Comment saved.") : _("Comment removed."));
	return PLAIN_ASK;
}

static enum plain_next cmd_na(struct plain *p, size_t *q, const char *arg)
{
	enum assess_status st = assess_toggle_na(p->a, *q);

	(void)arg;
	if (st == ASSESS_REFUSED) {
		fprintf(p->out, "%s\n", _("This question cannot be marked not applicable."));
		return PLAIN_ASK;
	}
	report(p, st);
	if (!assess_moves_on(st))
		return PLAIN_ASK;
	if (p->ss->answers->a[*q].state == ANSWER_NA)
		return advance(p, q, assess_after(p->a, *q));
	fprintf(p->out, "%s\n", _("No longer not applicable: the question is open."));
	return PLAIN_ASK;
}

static enum plain_next cmd_clear(struct plain *p, size_t *q, const char *arg)
{
	enum assess_status st = assess_clear(p->a, *q);

	(void)arg;
	report(p, st);
	if (st != ASSESS_READ_ONLY)
		fprintf(p->out, "%s\n", st == ASSESS_UNCHANGED ? _("There is no answer to clear.")
			: _("Answer cleared (u undoes it)."));
	return PLAIN_ASK;
}

static enum plain_next cmd_undo(struct plain *p, size_t *q, const char *arg)
{
	size_t changed = *q;
	enum assess_status st = assess_undo(p->a, &changed);

	(void)arg;
	if (st == ASSESS_UNCHANGED) {
		fprintf(p->out, "%s\n", _("Nothing to undo."));
		return PLAIN_ASK;
	}
	report(p, st);
	if (st == ASSESS_READ_ONLY)
		return PLAIN_ASK;
	fprintf(p->out, "%s\n", _("Undone."));
	*q = changed;
	return PLAIN_SHOW;
}

static enum plain_next cmd_back(struct plain *p, size_t *q, const char *arg)
{
	size_t prev = assess_prev(p->a, *q);

	(void)arg;
	if (prev == ASSESS_NONE) {
		fprintf(p->out, "%s\n", _("This is the first question."));
		return PLAIN_ASK;
	}
	*q = prev;
	return PLAIN_SHOW;
}

static enum plain_next cmd_overview(struct plain *p, size_t *q, const char *arg)
{
	(void)q, (void)arg;
	show_overview(p);
	return PLAIN_ASK;
}

static enum plain_next cmd_goto(struct plain *p, size_t *q, const char *id)
{
	size_t to = survey_question_index(p->s, id);

	if (to == (size_t)-1 || !assess_visible(p->a, to)) {
		char *v = text_visible(id, false);
		fprintf(p->out, to == (size_t)-1 ? _("There is no question %s (o lists them).\n")
			: _("Question %s is not shown: an earlier answer skips it.\n"), v);
		free(v);
		return PLAIN_ASK;
	}
	*q = to;
	return PLAIN_SHOW;
}

static enum plain_next cmd_review(struct plain *p, size_t *q, const char *arg)
{
	(void)q, (void)arg;
	show_review(p);
	return PLAIN_ASK;
}

static enum plain_next cmd_summary(struct plain *p, size_t *q, const char *arg)
{
	(void)q, (void)arg;
	show_summary(p);
	return PLAIN_ASK;
}

static enum plain_next cmd_finalise(struct plain *p, size_t *q, const char *arg)
{
	(void)arg;
	return finalise(p, q, true);
}

static enum plain_next cmd_take(struct plain *p, size_t *q, const char *arg)
{
	char msg[ASSESS_MSG_SIZE];
	enum assess_status st;

	(void)arg;
	if (!assess_previous(p->a)) {
		fprintf(p->out, "%s\n", _("There is no result from last year (see --previous)."));
		return PLAIN_ASK;
	}
	st = assess_take_previous(p->a, assess_previous(p->a), *q, msg);
	if (st == ASSESS_REFUSED) {
		fprintf(p->out, "%s\n", msg);
		return PLAIN_ASK;
	}
	report(p, st);
	if (!assess_moves_on(st))
		return PLAIN_ASK;
	fprintf(p->out, "%s\n", _("Last year's answer taken over."));
	return advance(p, q, assess_after(p->a, *q));
}

static enum plain_next cmd_actions(struct plain *p, size_t *q, const char *arg)
{
	const struct action_list *l = assess_actions(p->a);
	const struct previous *prev = assess_previous(p->a);
	size_t *closed, n_closed = 0;
	char today[11];

	(void)q, (void)arg;
	action_today(today);
	fprintf(p->out, "\n%s\n", _("Action plan:"));
	if (l->n == 0)
		fprintf(p->out, "%s\n", _("  No actions yet (a+ TITLE adds one for the question)."));
	/* open ones first, then done and cancelled */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < l->n; i++)
			if (action_status_open(l->items[i].status) == (pass == 0))
				say_action(p, &l->items[i], today, true);
	if (prev) {
		closed = xcalloc(prev->actions.n + 1, sizeof *closed);
		n_closed = previous_closed_actions(prev, closed);
		if (n_closed)
			fprintf(p->out, _("Last year's (version %ld) closed actions:\n"),
				prev->version);
		for (size_t i = 0; i < n_closed; i++)
			say_action(p, &prev->actions.items[closed[i]], today, false);
		free(closed);
	}
	return PLAIN_ASK;
}

/* The typed line of a prompt: NULL at the end of input, else trimmed
 * (caller frees the line through *line). */
static const char *ask_field(struct plain *p, const char *prompt_text, char **line)
{
	fprintf(p->out, "%s ", prompt_text);
	*line = reply(p);
	return *line ? trimmed(*line) : NULL;
}

/* a+ TITLE: a new action for the question, its due date, owner and case
 * number asked (a date asked again until the engine takes it). */
static enum plain_next cmd_action_add(struct plain *p, size_t *q, const char *title)
{
	char msg[ASSESS_MSG_SIZE], *id = NULL, *l_due = NULL, *l_owner = NULL, *l_case = NULL;
	struct action_input in = {.title = title, .addresses = p->s->questions[*q].id};
	enum assess_status st;

	if (assess_writable(p->a) != ASSESS_SAVED) {
		say_read_only(p);
		return PLAIN_ASK;
	}
	for (;;) {
		free(l_due);
		if (!(in.due = ask_field(p, _("Due date (YYYY-MM-DD, Enter: none):"), &l_due)))
			goto out;
		if (action_check_date(in.due, msg))
			break;
		fprintf(p->out, "%s\n", msg);
	}
	if (!(in.owner = ask_field(p, _("Owner (name or role, Enter: none):"), &l_owner)) ||
	    !(in.case_number = ask_field(p, _("Case number (Enter: none):"), &l_case)))
		goto out;
	st = assess_action_add(p->a, &in, &id, msg);
	if (st == ASSESS_REFUSED)
		fprintf(p->out, "%s\n", msg);
	report(p, st);
	if (id) {
		char *v = text_visible(id, false);
		fprintf(p->out, _("Action %s added.\n"), v);
		free(v);
	}
out:
	free(id);
	free(l_due);
	free(l_owner);
	free(l_case);
	return PLAIN_ASK;
}

/* Splits "WORD REST" in place: *rest after the spaces ("" when none). */
static char *first_word(char *s, char **rest)
{
	size_t n = strcspn(s, " ");

	*rest = s + n;
	if (**rest) {
		*(*rest)++ = '\0';
		*rest = trimmed(*rest);
	}
	return s;
}

static void action_changed(struct plain *p, enum assess_status st, const char *msg,
			   const char *id)
{
	char *v = text_visible(id, false);

	if (st == ASSESS_REFUSED)
		fprintf(p->out, "%s\n", msg);
	else if (st == ASSESS_UNCHANGED)
		fprintf(p->out, _("Action %s is unchanged.\n"), v);
	else if (st == ASSESS_SAVED || st == ASSESS_NOT_SAVED)
		fprintf(p->out, _("Action %s changed.\n"), v);
	report(p, st);
	free(v);
}

/* as ID STATUS */
static enum plain_next cmd_action_status(struct plain *p, size_t *q, const char *arg)
{
	char msg[ASSESS_MSG_SIZE], *copy = xstrdup(arg), *rest, *id = first_word(copy, &rest);
	struct action_input in = {.status = rest};

	(void)q;
	action_changed(p, assess_action_change(p->a, id, &in, msg), msg, id);
	free(copy);
	return PLAIN_ASK;
}

/* ae ID FIELD TEXT: the field's words, English or Swedish */
static enum plain_next cmd_action_edit(struct plain *p, size_t *q, const char *arg)
{
	static const struct { const char *en, *sv; size_t off; } fields[] = {
		{"title", "titel", offsetof(struct action_input, title)},
		{"description", "beskrivning", offsetof(struct action_input, description)},
		{"addresses", "avser", offsetof(struct action_input, addresses)},
		{"owner", "ansvarig", offsetof(struct action_input, owner)},
		{"due", "datum", offsetof(struct action_input, due)},
		{"status", "status", offsetof(struct action_input, status)},
		{"case", "diarienummer", offsetof(struct action_input, case_number)},
		{"comment", "kommentar", offsetof(struct action_input, comment)},
	};
	char msg[ASSESS_MSG_SIZE], *copy = xstrdup(arg), *rest, *field;
	char *id = first_word(copy, &rest);
	struct action_input in = {0};
	size_t i;

	(void)q;
	field = first_word(rest, &rest);
	for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (strcmp(field, fields[i].en) == 0 || strcmp(field, fields[i].sv) == 0)
			break;
	if (i == sizeof fields / sizeof fields[0]) {
		fprintf(p->out, "%s\n", _("Which field? title, description, addresses, owner, "
					  "due, status, case or comment (ae ID FIELD TEXT)."));
	} else {
		*(const char **)((char *)&in + fields[i].off) = rest;
		action_changed(p, assess_action_change(p->a, id, &in, msg), msg, id);
	}
	free(copy);
	return PLAIN_ASK;
}

static enum plain_next cmd_history(struct plain *p, size_t *q, const char *arg)
{
	const struct history *h = assess_history(p->a);

	(void)q, (void)arg;
	fprintf(p->out, "\n%s\n", _("History:"));
	if (h->n == 0)
		fprintf(p->out, "%s\n", _("  Nothing yet."));
	for (size_t i = 0; i < h->n; i++) {
		const struct history_event *e = &h->ev[i];
		struct strbuf sb = {0};
		char when[21], *line;

		strbuf_printf(&sb, "  %s %s", result_format_time(when, e->at),
			      history_kind_label(e->kind));
		if (*e->action_id)
			strbuf_printf(&sb, " %s [%s]", e->action_id, action_status_label(e->status));
		if (e->kind == HISTORY_CARRIED)
			strbuf_printf(&sb, _(" from version %ld"), e->version);
		if (*e->name)
			strbuf_printf(&sb, e->kind == HISTORY_APPROVAL ? ": %s" : _(", by %s"),
				      e->name);
		if (*e->role)
			strbuf_printf(&sb, " (%s)", e->role);
		strbuf_printf(&sb, _(", login %s"), e->login);
		if (*e->note)
			strbuf_printf(&sb, ": %s", e->note);
		line = text_visible(sb.buf, false);
		fprintf(p->out, "%s\n", line);
		free(line);
		strbuf_free(&sb);
	}
	return PLAIN_ASK;
}

static enum plain_next cmd_help(struct plain *p, size_t *q, const char *arg);

enum plain_arg { ARG_NONE, ARG_OPTIONAL, ARG_REQUIRED };

/* Every command, in the order the help lists them. A command is its word
 * alone, or its word, a space and an argument; word "" is the empty line.
 * The help texts are the full screen's (ui_keys.c) where the key does the
 * same there. */
static const struct plain_command {
	const char *word;        /* NULL: a help line only */
	enum plain_arg arg;
	plain_run_fn run;
	const char *shown;       /* in the help; NULL: not listed */
	bool shown_translated;
	const char *help;
} commands[] = {
	{"?", ARG_NONE, cmd_guidance, "? g", false, N_("guidance for the question")},
	{"g", ARG_NONE, cmd_guidance, NULL, false, NULL},
	{"c", ARG_OPTIONAL, cmd_comment, "c TEXT", false,
	 N_("comment on the question (c alone removes it)")},
	{"n", ARG_NONE, cmd_na, "n", false,
	 N_("not applicable, and on to the next question; on a question already marked "
	    "not applicable, n removes the mark")},
	{"x", ARG_NONE, cmd_clear, "x", false, N_("clear the answer (u brings it back)")},
	{"u", ARG_NONE, cmd_undo, "u", false,
	 N_("undo the last change (answer, not applicable, clear or comment) and show its "
	    "question")},
	{"b", ARG_NONE, cmd_back, "b", false, N_("previous question")},
	{"", ARG_NONE, cmd_next, N_("Enter"), true, N_("next question, the answer left as it is")},
	{"o", ARG_NONE, cmd_overview, "o", false, N_("overview: every question and its state")},
	{"o", ARG_REQUIRED, cmd_goto, "o ID", false, N_("go to the question ID")},
	{"r", ARG_NONE, cmd_review, "r", false, N_("review: what is still unanswered")},
	{"s", ARG_NONE, cmd_summary, "s", false, N_("summary: scores, levels, targets and gaps")},
	{"t", ARG_NONE, cmd_take, "t", false,
	 N_("take last year's answer over as this year's (its comment too, when the "
	    "question has none)")},
	{"a", ARG_NONE, cmd_actions, "a", false,
	 N_("the action plan: every action, overdue ones marked, and last year's closed "
	    "ones")},
	{"a+", ARG_REQUIRED, cmd_action_add, "a+ TITLE", false,
	 N_("a new action for this question (due date, owner and case number are asked)")},
	{"as", ARG_REQUIRED, cmd_action_status, "as ID STATUS", false,
	 N_("set an action's status: planned, ongoing, done or cancelled")},
	{"ae", ARG_REQUIRED, cmd_action_edit, "ae ID FIELD TEXT", false,
	 N_("change an action's title, description, addresses, owner, due, status, case "
	    "or comment")},
	{"l", ARG_NONE, cmd_history, "l", false,
	 N_("the history: finalising, reopening, approvals and action changes")},
	{"f", ARG_NONE, cmd_finalise, "f", false,
	 N_("finalise the result, after the review; refused while a required question is "
	    "unanswered; asks who approves it for the management")},
	{NULL, ARG_NONE, NULL, "\\TEXT", false,
	 N_("TEXT as the answer, even when it looks like a command")},
	{"h", ARG_NONE, cmd_help, "h", false, N_("this help")},
	{"help", ARG_NONE, cmd_help, NULL, false, NULL},
	{"q", ARG_NONE, cmd_quit, "q", false,
	 N_("leave; every answer is already saved (if one could not be, enkat says so and "
	    "offers to save it elsewhere)")},
};

static enum plain_next cmd_help(struct plain *p, size_t *q, const char *arg)
{
	(void)q, (void)arg;
	fprintf(p->out, "%s\n", _("Commands (type one and press Enter):"));
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
		const struct plain_command *c = &commands[i];
		const char *key = c->shown_translated ? _(c->shown) : c->shown;
		const char *rest = c->help ? _(c->help) : NULL;
		size_t w, len;

		if (!c->shown)
			continue;
		w = text_width(key);

		/* wrapped under itself, so the keys stand out in 80 columns; a
		 * key too long for its column has a line of its own */
		if (w < 9)
			fprintf(p->out, "  %s%*s", key, (int)(9 - w), "");
		else
			fprintf(p->out, "  %s\n%11s", key, "");
		while (rest) {
			const char *next = text_wrap_line(rest, PLAIN_COLUMNS - 11, &len);
			fprintf(p->out, "%.*s\n", (int)len, rest);
			if (next)
				fprintf(p->out, "%11s", "");
			rest = next;
		}
	}
	if (p->s->max_level > 0) {
		fprintf(p->out, "%s\n", _("Maturity levels (each builds on the ones before):"));
		for (int l = 1; l <= p->s->max_level; l++) {
			fputs("  ", p->out);
			say_level(p, l);
		}
	}
	return PLAIN_ASK;
}

/* One line typed at question *q: a command of the table (matched without
 * the spaces around it), else an answer, given as typed. */
static enum plain_next command(struct plain *p, size_t *q, const char *line)
{
	char msg[ASSESS_MSG_SIZE], *copy = xstrdup(line), *w = trimmed(copy);
	enum plain_next next = PLAIN_ASK;
	enum assess_status st;
	bool done = false;

	for (size_t i = 0; i < sizeof commands / sizeof *commands && !done; i++) {
		const struct plain_command *c = &commands[i];
		size_t len = c->word ? strlen(c->word) : 0;
		const char *arg;

		if (!c->word || strncmp(w, c->word, len) != 0)
			continue;
		if (w[len] == '\0' && c->arg != ARG_REQUIRED)
			arg = NULL;
		else if (len > 0 && w[len] == ' ' && c->arg != ARG_NONE)
			arg = trimmed(w + len + 1);
		else
			continue;
		next = c->run(p, q, arg);
		done = true;
	}
	free(copy);
	if (done)
		return next;
	/* an answer; a leading '\' makes one of a line that looks like a
	 * command */
	st = assess_input(p->a, *q, line[0] == '\\' ? line + 1 : line, msg);
	if (st == ASSESS_REFUSED) {
		fprintf(p->out, "%s\n", msg);
		return PLAIN_ASK;
	}
	report(p, st);
	if (!assess_moves_on(st))
		return PLAIN_ASK;
	return advance(p, q, assess_after(p->a, *q));
}

/* A final result, or another session's: shown, and a final one reopened
 * when the user says so. Returns true when the questions go on. */
static bool read_only_start(struct plain *p, int *status)
{
	show_summary(p);
	if (!assess_is_final(p->a) || p->ss->lock_fd < 0) {
		say_read_only(p);
		*status = 1;
		return false;
	}
	fprintf(p->out, "%s\n", _("The result is final."));
	if (ask_yes_no(p, _("Reopen it as a draft to change it? (y/n)")) != 1) {
		say_where(p);
		return false;
	}
	switch (assess_reopen(p->a)) {
	case ASSESS_SAVED:
	case ASSESS_UNCHANGED:
		fprintf(p->out, "%s\n", _("Reopened as a draft."));
		return true;
	case ASSESS_READ_ONLY:
		say_read_only(p);
		*status = 1;
		return false;
	default:
		say_not_saved(p);
		fprintf(p->out, "%s\n", _("The result stays final."));
		*status = 1;
		return false;
	}
}

int plain_run(struct assess *a, size_t lang, const char *notice, FILE *in, FILE *out)
{
	struct session *ss = a->ss;
	struct plain p = {
		.ss = ss, .a = a, .s = ss->survey, .lang = lang, .in = in, .out = out,
	};
	struct sigaction sa, old[4];
	static const int sigs[4] = {SIGHUP, SIGTERM, SIGINT, SIGPIPE};
	int status = 0;
	size_t q;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	plain_signal = 0;
	for (size_t i = 0; i < 4; i++) {
		/* SIGPIPE ignored: output that cannot be written must not end
		 * the session before it has saved */
		sa.sa_handler = sigs[i] == SIGPIPE ? SIG_IGN : on_signal;
		sigaction(sigs[i], &sa, &old[i]);
	}
	p.open = xcalloc(p.s->n_questions + 1, sizeof *p.open);
	if (!intro_said) {
		plain_intro(p.s, lang, ss->dir_path, out);
	}
	if (notice)
		say(out, "", notice);
	if (assess_writable(p.a) != ASSESS_SAVED && !read_only_start(&p, &status))
		goto done;
	{
		char *path = text_visible(ss->path, false);
		fprintf(out, _("Saving to %s after every answer.\n"), path);
		free(path);
	}
	q = assess_start(p.a);
	if (!assess_visible(p.a, q)) {
		/* nothing to ask: straight to the review */
		if (finalise(&p, &q, false) == PLAIN_LEAVE) {
			status = leave(&p, true);
			goto done;
		}
	}
	for (enum plain_next next = PLAIN_SHOW;;) {
		char *line;

		if (next == PLAIN_SHOW)
			show_question(&p, q);
		prompt(&p, q);
		line = reply(&p);
		if (!line) {
			status = leave(&p, false);
			break;
		}
		next = command(&p, &q, line);
		free(line);
		if (next == PLAIN_LEAVE) {
			status = leave(&p, true);
			break;
		}
	}
done:
	fflush(out);
	for (size_t i = 0; i < 4; i++)
		sigaction(sigs[i], &old[i], NULL);
	free(p.open);
	return status;
}
