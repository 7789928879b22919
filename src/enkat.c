/* enkat: the information-security self-assessment a department's
 * coordinator answers, full screen (ui.c) or line by line (plain.c), and
 * the survey checker (--check). */
#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <langinfo.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "assess.h"
#include "diag.h"
#include "i18n.h"
#include "paths.h"
#include "plain.h"
#include "report.h"
#include "revision.h"
#include "session.h"
#include "site.h"
#include "survey.h"
#include "text.h"
#include "ui.h"
#include "util.h"
#include "version.h"

enum { EXIT_INVALID = 1, EXIT_USAGE = 2 };

struct options {
	const char *department;
	const char *respondent;
	const char *out_dir;
	const char *lang;
	const char *site_path;  /* --site, else NULL */
	const char *previous;   /* --previous FILE, else NULL */
	char *earlier[16];      /* --earlier FILE..., with --check */
	int n_earlier;
	const char *report;     /* --report FILE.html, else NULL */
	bool out_given;
	bool plain;
	bool check;
	bool setup;
};

static void usage(FILE *out)
{
	fprintf(out, "%s",
		_("Usage: enkat [--department NAME] [--respondent NAME] [--out DIR]\n"
		  "             [--lang sv|en] [--plain] [--site FILE] [--previous FILE]\n"
		  "             [SURVEY.ini]\n"
		  "       enkat --check FILE... [--earlier OLD.ini]...\n"
		  "       enkat --site FILE --setup | --check\n"
		  "       enkat --help | --version\n"
		  "\n"
		  "Information-security self-assessment for an organisation's departments.\n"
		  "Every answer is saved at once in DIR (default ./out), in a result file\n"
		  "named after the survey and the department; start again to go on.\n"
		  "\n"
		  "  --department NAME  the department whose assessment this is\n"
		  "  --respondent NAME  who answers (recorded in the result file)\n"
		  "  --out DIR          where result files go (default: ./out)\n"
		  "  --lang sv|en       language of the interface and the questions\n"
		  "  --plain            line by line, without full-screen mode: for screen\n"
		  "                     readers, TERM=dumb and answers from a script\n"
		  "  --check FILE...    validate survey and site files; every problem is\n"
		  "                     printed as FILE:LINE: message; exit 1 if there is any\n"
		  "  --earlier OLD.ini  with --check: an earlier version of a survey checked;\n"
		  "                     its revision mapping (continues) is checked against\n"
		  "                     it, and what nothing continues is noted\n"
		  "  --site FILE        the site file of a shared server (default\n"
		  "                     /etc/enkat/site.ini when it exists): the survey,\n"
		  "                     the folder and the user's department come from it\n"
		  "  --setup            with a site file, as root: make its folders\n"
		  "  --previous FILE    last year's result of the department (an earlier\n"
		  "                     version of the survey); without it, the highest\n"
		  "                     earlier version in the result folder is used\n"
		  "  --report FILE.html write the department's own report (its areas\n"
		  "                     against target and last year, its action plan,\n"
		  "                     comments and approval) and stop\n"
		  "  --help, --version  this text; the version\n"
		  "\n"
		  "Without SURVEY.ini the bundled annual assessment is used. See enkat(1),\n"
		  "enkat-survey(5), enkat-results(5) and enkat-site(5).\n"));
}

/* --check of a site file: the file, the survey it names, then its groups
 * and folders (site_check). */
static int check_site(const char *path)
{
	struct diag d = {0};
	struct site *site = site_load(path, &d);
	struct survey *s = NULL;
	int status = EXIT_INVALID;

	if (site) {
		if (site->survey && !(s = survey_load(site->survey, &d)))
			diag_add(&d, path, 0, "the survey it names is not valid (see above)");
		survey_free(s);
		if (site_check(site, &d) == 0 && d.count == 0) {
			char *name = text_visible(path, false);
			char *round = text_visible(site->results, false);
			printf("%s: ok: site file, round %s, departments: %zu\n", name, round,
			       site->n_departments);
			free(name);
			free(round);
			status = 0;
		}
	}
	diag_print(&d, stderr);
	diag_free(&d);
	site_free(site);
	return status;
}

/* --setup: the site's folders, with what was done on stdout. */
static int setup_site(const char *path)
{
	struct diag d = {0};
	struct site *site = site_load(path, &d);
	bool ok = site && site_setup(site, stdout, &d);

	diag_print(&d, stderr);
	diag_free(&d);
	site_free(site);
	return ok ? 0 : EXIT_INVALID;
}

/* --earlier: s's mapping against each earlier survey of its id; a line
 * on stdout for each that holds. */
static int check_revisions(const struct survey *s, struct survey **earlier, int n,
			   bool *used)
{
	int status = 0;

	for (int k = 0; k < n; k++) {
		const struct survey *old = earlier[k];
		struct diag d = {0}, notes = {0};
		size_t kinds[REVISION_MERGED + 1] = {0}, removed = 0;

		if (!old || strcmp(old->id, s->id) != 0 || old->version >= s->version)
			continue;
		used[k] = true;
		if (revision_check(s, old, &d, &notes) > 0)
			status = EXIT_INVALID;
		diag_sort_lines(&d, 0);
		diag_print(&d, stderr);
		diag_print(&notes, stderr);
		diag_free(&d);
		diag_free(&notes);
		if (status)
			continue;
		for (size_t i = 0; i < s->n_questions; i++) {
			const char *const *ids;
			size_t n_ids, found = 0;
			enum revision_kind kind = revision_of(s, REVISION_QUESTION, i,
							      old->version, &ids, &n_ids);

			for (size_t m = 0; m < n_ids; m++)
				found += survey_question_index(old, ids[m]) != (size_t)-1;
			kinds[found ? kind : REVISION_NONE]++;
		}
		for (size_t j = 0; j < old->n_questions; j++)
			removed += revision_successors(s, REVISION_QUESTION, old->questions[j].id,
						       old->version, NULL, NULL) == 0;
		{
			char *name = text_visible(s->path, false);
			char *oname = text_visible(old->path, false);
			printf("%s: ok: continues version %ld of %s (questions renamed: %zu, "
			       "split: %zu, merged: %zu, new: %zu, removed: %zu)\n", name,
			       old->version, oname, kinds[REVISION_RENAMED],
			       kinds[REVISION_SPLIT], kinds[REVISION_MERGED],
			       kinds[REVISION_NONE], removed);
			free(name);
			free(oname);
		}
	}
	return status;
}

static int check_files(char **files, int n, char **earlier_files, int n_earlier)
{
	struct survey **earlier = xcalloc(n_earlier ? (size_t)n_earlier : 1, sizeof *earlier);
	bool *used = xcalloc(n_earlier ? (size_t)n_earlier : 1, sizeof *used);
	int status = 0;

	for (int k = 0; k < n_earlier; k++) {
		struct diag d = {0};

		earlier[k] = survey_load(earlier_files[k], &d);
		diag_print(&d, stderr);
		diag_free(&d);
		if (!earlier[k])
			status = EXIT_INVALID;
	}
	for (int i = 0; i < n; i++) {
		struct diag d = {0};
		struct survey *s;

		if (site_file_is_site(files[i])) {
			if (check_site(files[i]) != 0)
				status = EXIT_INVALID;
			continue;
		}
		s = survey_load(files[i], &d);

		diag_print(&d, stderr);
		if (!s)
			status = EXIT_INVALID;
		else {
			/* a file name is text from outside too */
			char *name = text_visible(files[i], false);
			printf("%s: ok: survey %s version %ld (areas: %zu, questions: %zu)\n",
			       name, s->id, s->version, s->n_areas, s->n_questions);
			free(name);
			if (check_revisions(s, earlier, n_earlier, used) != 0)
				status = EXIT_INVALID;
		}
		survey_free(s);
		diag_free(&d);
	}
	for (int k = 0; k < n_earlier; k++) {
		if (earlier[k] && !used[k]) {
			char *name = text_visible(earlier_files[k], false);
			fprintf(stderr, "%s: survey '%s' version %ld is an earlier version "
				"of none of the surveys checked\n", name, earlier[k]->id,
				earlier[k]->version);
			free(name);
			status = EXIT_INVALID;
		}
		survey_free(earlier[k]);
	}
	free(earlier);
	free(used);
	return status;
}

static char *format_day(time_t t)
{
	char buf[32];
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
	return xstrdup(buf);
}

/* What the person should know before the first question, or NULL. */
/* The yearly loop's part of the start notice: the approval (or that the
 * result was changed after it), last year's result and what was carried. */
static void year_notice(const struct assess *a, struct strbuf *sb)
{
	const struct approval *ap = assess_approval(a);
	const struct previous *p = assess_previous(a);

	if (assess_seal_broken(a)) {
		strbuf_printf(sb, "%s%s", sb->len ? "\n\n" : "",
			      _("CHANGED AFTER APPROVAL: the result was changed after the "
				"management approved it (its seal does not match). Reopen "
				"it and have it approved again."));
	} else if (ap->present) {
		char day[11], *name = text_visible(ap->name, false);
		char *role = text_visible(ap->role, false);
		struct tm tm;

		localtime_r(&ap->at, &tm);
		strftime(day, sizeof day, "%Y-%m-%d", &tm);
		strbuf_printf(sb, "%s", sb->len ? "\n" : "");
		if (*role)
			strbuf_printf(sb, _("Approved for the management by %s (%s) on %s."),
				      name, role, day);
		else
			strbuf_printf(sb, _("Approved for the management by %s on %s."), name,
				      day);
		free(name);
		free(role);
	}
	if (p) {
		char *path = text_visible(p->path, false);
		strbuf_printf(sb, "%s", sb->len ? "\n\n" : "");
		strbuf_printf(sb, _("Last year's result (version %ld, %s) is shown at each "
				    "question as a suggestion; nothing of it is this year's "
				    "answer until you take it over."), p->version, path);
		free(path);
	}
}

static char *start_notice(const struct assess *a)
{
	const struct session *ss = a->ss;
	struct strbuf sb = {0};
	size_t done = a->done, total = a->total;
	char *when;

	/* every name below comes from a file or the system's user list, made
	 * visible by the session: nothing reaches the terminal as a control
	 * sequence */
	if (ss->foreign == SESSION_FOREIGN_RESULT && !ss->access.shared) {
		strbuf_printf(&sb, _("The result file %s belongs to another user, %s. "
				     "enkat never changes another user's result: it is "
				     "shown read-only.\n\n"),
			      ss->foreign_file, ss->foreign_owner);
	} else if (ss->foreign == SESSION_FOREIGN_RESULT) {
		strbuf_printf(&sb, _("The result file %s is not of the department's "
				     "group (its owner is %s, its group %s): it is shown "
				     "read-only. Ask the server's administrator to set it "
				     "right.\n\n"),
			      ss->foreign_file, ss->foreign_owner, ss->foreign_group);
	} else if (ss->foreign == SESSION_FOREIGN_LOCK && !ss->access.shared) {
		strbuf_printf(&sb, _("The lock file %s belongs to another user, %s: it is "
				     "not used, and the assessment is shown read-only. If "
				     "nobody else answers here, remove that file (or ask "
				     "%s to).\n\n"),
			      ss->foreign_file, ss->foreign_owner, ss->foreign_owner);
	} else if (ss->foreign == SESSION_FOREIGN_LOCK) {
		strbuf_printf(&sb, _("The lock file %s is not of the department's group "
				     "(its owner is %s, its group %s): it is not used, and "
				     "the assessment is shown read-only. Ask the server's "
				     "administrator to remove it.\n\n"),
			      ss->foreign_file, ss->foreign_owner, ss->foreign_group);
	} else if (ss->lock_fd < 0 && !ss->holder.known) {
		strbuf_printf(&sb, "%s", _("This assessment is open in another session (an "
					   "unknown session: its lock file does not say "
					   "whose). It is shown read-only; nothing you do "
					   "here can overwrite it.\n\n"));
	} else if (ss->lock_fd < 0) {
		when = format_day(ss->holder.since);
		strbuf_printf(&sb, _("This assessment is open in another session: %s on %s "
				     "since %s (process %ld). It is shown read-only; "
				     "nothing you do here can overwrite it.\n\n"),
			      ss->holder.user, ss->holder.host, when, ss->holder.pid);
		free(when);
	}
	if (ss->lock_taken_over) {
		when = format_day(ss->stale.since);
		strbuf_printf(&sb, _("A session that ended without closing (%s on %s, since "
				     "%s) had left this assessment locked; the lock is "
				     "taken over.\n\n"), ss->stale.user, ss->stale.host, when);
		free(when);
	}
	when = format_day(ss->resumed_from);
	switch (ss->resume) {
	case RESUME_NEW:
		break;
	case RESUME_DRAFT:
		if (ss->foreign == SESSION_FOREIGN_RESULT)
			/* shown, not continued: nothing here is written */
			strbuf_printf(&sb, _("It is a draft from %s: %zu of %zu answered."),
				      when, done, total);
		else
			strbuf_printf(&sb, _("Draft from %s continues: %zu of %zu answered."),
				      when, done, total);
		break;
	case RESUME_FINAL:
		if (ss->definition_changed)
			strbuf_printf(&sb, _("The result was finalised %s for an earlier "
					     "definition of the survey. It stays as it is and "
					     "opens read-only; the figures shown are those of "
					     "the new definition. Reopen it to answer the new "
					     "definition: the old file is then kept as %s.\n"
					     "What differs:\n%s"),
				      when, ss->kept_path, ss->changes);
		else
			strbuf_printf(&sb, _("The result was finalised %s and opens read-only. "
					     "Reopen it to change it."), when);
		break;
	case RESUME_CHANGED:
		strbuf_printf(&sb, _("The survey definition has changed since the draft was "
				     "saved (%s). The answers that still fit were carried over; "
				     "at the first change the old file is kept as %s.\n"
				     "What differs:\n%s"),
			      when, ss->kept_path, ss->changes);
		break;
	}
	free(when);
	year_notice(a, &sb);
	if (sb.len == 0) {
		strbuf_free(&sb);
		return NULL;
	}
	return strbuf_detach(&sb);
}

/* The user's login name, visible text. Caller frees. */
static char *login_name(void)
{
	struct passwd *pw = getpwuid(getuid());

	return pw ? text_visible(pw->pw_name, false) : xasprintf("%ld", (long)getuid());
}

/* With a site file the respondent is who logged in: "Full Name (login)"
 * from the user database, or the login name alone. Caller frees. */
static char *login_respondent(void)
{
	struct passwd *pw = getpwuid(getuid());
	char *login = login_name(), *full, *r;
	char msg[ASSESS_MSG_SIZE];

	if (!pw || !pw->pw_gecos || !*pw->pw_gecos || *pw->pw_gecos == ',')
		return login;
	full = text_visible(pw->pw_gecos, false);
	full[strcspn(full, ",")] = '\0';
	r = xasprintf("%s (%s)", full, login);
	free(full);
	if (!assess_check_name(r, msg)) {
		free(r);
		return login;
	}
	free(login);
	return r;
}

/* Which of the site's departments this user may open: --department when it
 * is one of theirs, else all of theirs (mine, count returned; room for
 * every department). 0: refused, and said so on stderr. */
static size_t site_allowed(const struct site *site, const char *site_path,
			   const struct options *o, size_t *mine)
{
	size_t n = site_my_departments(site, mine);
	char *user = login_name(), *file = text_visible(site_path, false);

	if (o->department) {
		const struct site_department *dep = site_find(site, o->department);
		char *wanted = text_visible(o->department, false);
		size_t i;

		for (i = 0; dep && i < n; i++)
			if (&site->departments[mine[i]] == dep)
				break;
		if (!dep)
			fprintf(stderr, _("enkat: there is no department '%s' in %s.\n"), wanted,
				file);
		else if (i == n)
			fprintf(stderr, _("enkat: %s is not your department: you (%s) are not "
					  "in its group %s.\n"), wanted, user, dep->group);
		else
			mine[0] = mine[i];
		n = dep && i < n ? 1 : 0;
		free(wanted);
	} else if (n == 0) {
		fprintf(stderr, _("enkat: you (%s) are not in the group of any department "
				  "in %s, so there is no assessment here for you to open.\n"),
			user, file);
	}
	if (n == 0)
		fprintf(stderr, _("Ask the central office (group %s) to add you to your "
				  "department's group.\n"), site->central_group);
	free(user);
	free(file);
	return n;
}

/* The user's choice among n departments (numbered prompt, before any
 * full screen starts). NULL at the end of input. */
static const struct site_department *site_choose(const struct site *site,
						 const size_t *mine, size_t n)
{
	printf("%s\n", _("You are a coordinator of several departments:"));
	for (size_t i = 0; i < n; i++) {
		char *name = text_visible(site->departments[mine[i]].name, false);
		printf("  %zu. %s\n", i + 1, name);
		free(name);
	}
	for (;;) {
		char *line = plain_ask(_("Which one? Type its number:"), stdin, stdout);
		char *end;
		unsigned long k;

		if (!line)
			return NULL;
		errno = 0;
		k = strtoul(line, &end, 10);
		while (*end == ' ')
			end++;
		if (line[0] >= '0' && line[0] <= '9' && !*end && !errno && k >= 1 && k <= n) {
			free(line);
			return &site->departments[mine[k - 1]];
		}
		free(line);
		printf(_("Type a number from 1 to %zu.\n"), n);
	}
}

/* A site's department: its folder, name and group for the session. */
struct site_choice {
	const struct site *site;
	const struct site_department *dep;
};

/* enkat --report: the department's own report from what its file holds
 * (every answer is saved as it is given, so that is what the screen
 * showed), compared with last year's result. */
static int write_report(const struct session *ss, const struct previous *prev,
			const char *survey_path, const char *lang, const char *out_path)
{
	struct diag d = {0};
	char *dep = text_visible(ss->answers->department, false);
	int status = 0;

	if (ss->resume == RESUME_NEW) {
		fprintf(stderr, _("enkat: %s has no result yet in this folder, so there is "
				  "nothing to report: answer first.\n"), dep);
		status = EXIT_INVALID;
	} else if (!report_department_write(survey_path, ss->path, prev ? prev->path : NULL,
					    lang, out_path, &d)) {
		diag_print(&d, stderr);
		status = EXIT_INVALID;
	} else {
		char *where = text_visible(out_path, false);
		printf(_("The report of %s is written to %s.\n"), dep, where);
		free(where);
	}
	free(dep);
	diag_free(&d);
	return status;
}

static int assess(const struct options *o, const char *survey_path,
		  const struct site_choice *sc)
{
	struct assess *a;
	struct diag d = {0};
	struct survey *s;
	struct session *ss = NULL;
	enum session_open_status st;
	char *department = NULL, *respondent = NULL, *out_dir;
	char *notice, msg[ASSESS_MSG_SIZE];
	struct session_access access = {.shared = true};
	struct group *gr;
	struct previous *prev = NULL;
	int status;
	size_t lang;

	s = survey_load(survey_path, &d);
	if (!s) {
		diag_print(&d, stderr);
		diag_free(&d);
		return EXIT_INVALID;
	}
	lang = survey_lang_index(s, i18n_choose(o->lang));
	if (sc) {
		/* a shared server: the folder and group are the site's, the
		 * respondent who logged in unless told */
		if (!(gr = getgrnam(sc->dep->group))) {
			diag_add(&d, sc->site->path, sc->dep->group_line, "group '%s' does "
				 "not exist", sc->dep->group);
			diag_print(&d, stderr);
			diag_free(&d);
			survey_free(s);
			return EXIT_INVALID;
		}
		access.group = gr->gr_gid;
		department = xstrdup(sc->dep->name);
		respondent = o->respondent ? xstrdup(o->respondent) : login_respondent();
	} else if (o->department) {
		department = xstrdup(o->department);
		respondent = xstrdup(o->respondent ? o->respondent : "");
	} else if (o->report) {
		fprintf(stderr, "enkat: %s\n", _("--report needs --department NAME (or a site)"));
		survey_free(s);
		return EXIT_USAGE;
	} else if (o->plain) {
		/* what enkat is and where answers go, then the two questions */
		plain_intro(s, lang, o->out_dir, stdout);
		department = plain_ask(_("Department:"), stdin, stdout);
		if (!department || !*department) {
			fprintf(stderr, "enkat: %s\n", _("no department given"));
			free(department);
			survey_free(s);
			return EXIT_USAGE;
		}
		if (o->respondent)
			respondent = xstrdup(o->respondent);
		else if (!(respondent = plain_ask(_("Your name (respondent):"), stdin, stdout)))
			respondent = xstrdup("");
	} else if (!ui_ask_identity(s, lang, o->out_dir, &department, &respondent)) {
		survey_free(s);
		return 0;
	}
	/* the engine's rule for names, for arguments and typed lines alike */
	if (!assess_check_name(department, msg) || !assess_check_name(respondent, msg)) {
		fprintf(stderr, "enkat: %s\n", msg);
		free(department);
		free(respondent);
		survey_free(s);
		return EXIT_USAGE;
	}
	out_dir = sc ? site_department_dir(sc->site, sc->dep) : xstrdup(o->out_dir);
	st = session_open_access(s, out_dir, department, *respondent ? respondent : NULL,
				 sc ? &access : NULL, &ss, &d);
	free(out_dir);
	if (st == SESSION_ERROR) {
		diag_print(&d, stderr);
		diag_free(&d);
		free(department);
		free(respondent);
		survey_free(s);
		return EXIT_INVALID;
	}
	a = assess_new(ss);
	/* last year's result: named, else the highest earlier version in the
	 * folder; a file named that cannot be used stops here */
	if (o->previous) {
		prev = previous_load(o->previous, s, ss->answers->department, &d);
		if (!prev) {
			diag_print(&d, stderr);
			diag_free(&d);
			assess_free(a);
			session_close(ss);
			free(department);
			free(respondent);
			survey_free(s);
			return EXIT_INVALID;
		}
	} else {
		char *dir = sc ? site_department_dir(sc->site, sc->dep) : xstrdup(o->out_dir);
		prev = previous_find(dir, s, ss->answers->department, &d);
		diag_print(&d, stderr); /* one found but unreadable: said, not fatal */
		diag_clear(&d);
		free(dir);
	}
	free(department);
	free(respondent);
	if (o->report) {
		status = write_report(ss, prev, survey_path, i18n_choose(o->lang), o->report);
		notice = NULL;
	} else {
		assess_carry_previous(a, prev);
		notice = start_notice(a);
		if (sc) {
			/* the site chose the department: say which, first */
			char *name = text_visible(sc->dep->name, false);
			char *both = xasprintf(_("You answer for %s."), name);

			if (notice) {
				char *joined = xasprintf("%s\n\n%s", both, notice);
				free(both);
				both = joined;
			}
			free(notice);
			free(name);
			notice = both;
		}
		if (o->plain)
			status = plain_run(a, lang, notice, stdin, stdout);
		else
			status = ui_run(a, lang, notice);
	}
	free(notice);
	assess_free(a);
	previous_free(prev);
	session_close(ss);
	survey_free(s);
	diag_free(&d);
	return status;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"check", no_argument, NULL, 'c'},
		{"earlier", required_argument, NULL, 'E'},
		{"department", required_argument, NULL, 'd'},
		{"respondent", required_argument, NULL, 'r'},
		{"out", required_argument, NULL, 'o'},
		{"lang", required_argument, NULL, 'l'},
		{"plain", no_argument, NULL, 'p'},
		{"site", required_argument, NULL, 's'},
		{"setup", no_argument, NULL, 'S'},
		{"previous", required_argument, NULL, 'P'},
		{"report", required_argument, NULL, 'R'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	struct options o = {.out_dir = "out"};
	const char *term = getenv("TERM");
	const char *site_path;
	struct site *site = NULL;
	struct site_choice choice = {0};
	size_t *mine = NULL, n_mine = 0;
	char *survey_path;
	int opt, status;

	i18n_init_locale();
	util_set_progname("enkat");
	/* a file-size limit must make a save fail (and say so), not kill us */
	signal(SIGXFSZ, SIG_IGN);
	while ((opt = getopt_long(argc, argv, "hV", longopts, NULL)) != -1) {
		switch (opt) {
		case 'c': o.check = true; break;
		case 'E':
			if (o.n_earlier == (int)(sizeof o.earlier / sizeof o.earlier[0])) {
				fprintf(stderr, "enkat: at most %d --earlier files\n",
					o.n_earlier);
				return EXIT_USAGE;
			}
			o.earlier[o.n_earlier++] = optarg;
			break;
		case 'd': o.department = optarg; break;
		case 'r': o.respondent = optarg; break;
		case 'o': o.out_dir = optarg; o.out_given = true; break;
		case 'l':
			if (strcmp(optarg, "sv") != 0 && strcmp(optarg, "en") != 0) {
				fprintf(stderr, "enkat: --lang takes sv or en, not '%s'\n", optarg);
				return EXIT_USAGE;
			}
			o.lang = optarg;
			break;
		case 'p': o.plain = true; break;
		case 's': o.site_path = optarg; break;
		case 'S': o.setup = true; break;
		case 'P': o.previous = optarg; break;
		case 'R': o.report = optarg; break;
		case 'h':
			i18n_use(i18n_choose(o.lang));
			usage(stdout);
			return 0;
		case 'V':
			printf("enkat %s\n", ENKAT_VERSION);
			return 0;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	i18n_use(i18n_choose(o.lang));
	if (o.setup) {
		if (o.check || !o.site_path || optind < argc) {
			fprintf(stderr, "enkat: --setup takes only --site FILE\n");
			return EXIT_USAGE;
		}
		return setup_site(o.site_path);
	}
	if (o.n_earlier && (!o.check || optind >= argc)) {
		fprintf(stderr, "enkat: --earlier goes with --check SURVEY.ini\n");
		return EXIT_USAGE;
	}
	if (o.check) {
		if (optind >= argc && o.site_path)
			return check_site(o.site_path);
		if (optind >= argc) {
			fprintf(stderr, "enkat: --check needs at least one survey or site file\n");
			return EXIT_USAGE;
		}
		return check_files(argv + optind, argc - optind, o.earlier, o.n_earlier);
	}
	if (argc - optind > 1) {
		fprintf(stderr, "enkat: one survey at a time (got %d)\n", argc - optind);
		return EXIT_USAGE;
	}
	if (o.department && !*o.department) {
		fprintf(stderr, "enkat: --department needs a name\n");
		return EXIT_USAGE;
	}
	/* a shared server: --site, or the default site file when there is
	 * one (a broken one stops enkat rather than fall back to a single
	 * user's folder) */
	site_path = o.site_path;
	if (!site_path && (access(SITE_DEFAULT_PATH, F_OK) == 0 ||
			   (errno != ENOENT && errno != ENOTDIR)))
		site_path = SITE_DEFAULT_PATH;
	if (site_path) {
		struct diag d = {0};

		if (o.out_given || optind < argc) {
			fprintf(stderr, _("enkat: with a site file (%s) the survey and the "
					  "result folder are the site's: no --out or survey "
					  "argument\n"), site_path);
			return EXIT_USAGE;
		}
		site = site_load(site_path, &d);
		diag_print(&d, stderr);
		diag_free(&d);
		if (!site)
			return EXIT_INVALID;
		mine = xcalloc(site->n_departments, sizeof *mine);
		n_mine = site_allowed(site, site_path, &o, mine);
		if (n_mine == 0) {
			free(mine);
			site_free(site);
			return EXIT_INVALID;
		}
	}
	if (!o.plain && !o.report && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO) || !term ||
			 strcmp(term, "dumb") == 0)) {
		fprintf(stderr, "%s", _("enkat: the full-screen mode needs a terminal (standard "
					"input and output are not one, or TERM is dumb).\n"
					"Use --plain to answer line by line, e.g. from a script:\n"
					"  enkat --plain --department NAME < answers.txt\n"));
		free(mine);
		site_free(site);
		return EXIT_USAGE;
	}
	if (site) {
		choice.site = site;
		choice.dep = n_mine == 1 ? &site->departments[mine[0]] :
			site_choose(site, mine, n_mine);
		free(mine);
		if (!choice.dep) {
			site_free(site);
			return 0;
		}
		survey_path = site->survey ? xstrdup(site->survey) : paths_default_survey();
	} else {
		survey_path = optind < argc ? xstrdup(argv[optind]) : paths_default_survey();
	}
	status = assess(&o, survey_path, site ? &choice : NULL);
	free(survey_path);
	site_free(site);
	return status;
}
