/* enkat-merge: the city-wide picture from every department's result file.
 * Reads result files one at a time, checks each and all of them together,
 * and writes a summary, a department x area matrix, the question
 * aggregates, every row merged, an HTML report and an Excel workbook. Nothing is written
 * when any input is invalid, so no figure is ever silently wrong. */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "csvfmt.h"
#include "fileio.h"
#include "i18n.h"
#include "merge_input.h"
#include "merge_report.h"
#include "merge_csv.h"
#include "merge_html.h"
#include "merge_summary.h"
#include "merge_xlsx.h"
#include "text.h"
#include "util.h"
#include "version.h"

#define EXPECT_MAX_BYTES (16u << 20)
/* --survey: one per survey version merged */
#define MAX_SURVEYS 256

/* Whether some merged result is of the city-wide plan's survey (the plan
 * goes with that survey's latest version). */
static bool plan_survey_merged(const struct merge_set *set)
{
	for (size_t i = 0; i < set->n_versions; i++)
		if (strcmp(set->versions[i]->survey_id, set->plan->survey_id) == 0 &&
		    merge_model_merged(set->versions[i]))
			return true;
	return false;
}

static void usage(FILE *out)
{
	fprintf(out, "%s", _(
		"Usage: enkat-merge [OPTIONS] FILE|DIR...\n"
		"       enkat-merge --help | --version\n"
		"\n"
		"Merges the departments' result files (a folder: every *.csv in it,\n"
		"recursively) into the city-wide picture, printed as a summary.\n"
		"\n"
		"  --matrix FILE     department x area percentages, one row per department\n"
		"                    and survey version\n"
		"  --actions FILE    every department's actions: status, owner, due date,\n"
		"                    case number, what each addresses, approval\n"
		"  --city-plan FILE  the central office's own result file: its actions are\n"
		"                    the city-wide plan, shown beside the departments'\n"
		"  --questions FILE  per question: choices, N/A, mean points, departments\n"
		"                    below the threshold; weakest first\n"
		"  --output FILE     every row of every input, in the result-file format\n"
		"  --html FILE       a self-contained report (prints on A4)\n"
		"  --marking TEXT    a marking on every page of the report, e.g. a\n"
		"                    classification\n"
		"  --per-department  the report's trend charts: one line per department\n"
		"  --with-comments   the report gets an appendix with every department's\n"
		"                    comments and free-text answers, per question\n"
		"  --xlsx FILE       an Excel workbook: overview, departments x areas per\n"
		"                    survey version, questions, change, comments, numbers\n"
		"  --lang sv|en      language of the report (default: from LANG, else en)\n"
		"  --expect FILE     the departments expected, one a line; missing ones are\n"
		"                    reported and make the exit status 1\n"
		"  --survey FILE     the survey definition (.ini) to check every result of\n"
		"                    its version against, and to take texts from in the\n"
		"                    report's language; may be given once per survey version\n"
		"  --include-drafts  merge drafts too (left out by default, with a warning)\n"
		"  --latest          of two results of one department and survey version,\n"
		"                    keep the newer (by updated_at) instead of failing\n"
		"  --skip-invalid    merge the valid files and name the invalid ones, instead\n"
		"                    of writing nothing\n"
		"  --excel           write CSV for a Swedish Excel: ';', decimal comma, BOM\n"
		"  --help            show this help\n"
		"  --version         show the version\n"
		"\n"
		"Exit status: 0 ok, 1 invalid input or missing departments, 2 usage.\n"
		"See enkat-merge(1) and enkat-results(5).\n"));
}

/* Prints problems and notes so that nothing from a file reaches the
 * terminal raw: names and fields quoted in messages may hold escapes. */
static void print_diag(const struct diag *d)
{
	for (size_t i = 0; i < d->count; i++) {
		char *s = diag_format(d, i);
		char *vis = text_visible(s, false);
		fprintf(stderr, "%s\n", vis);
		free(vis);
		free(s);
	}
}

struct expect {
	char **names;
	long *lines;
	size_t n, cap;
};

static void trim(char **s, size_t *len)
{
	while (*len && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*len)--;
	}
	while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' ||
			(*s)[*len - 1] == '\r'))
		(*len)--;
}

/* One department a line; blank lines and lines starting with '#' are
 * skipped, and so is a byte-order mark, since the list is often kept in a
 * spreadsheet or Notepad. */
static bool expect_load(const char *path, struct expect *e, struct diag *d)
{
	char *data, *error, *p;
	size_t len;

	if (file_read_all(path, EXPECT_MAX_BYTES, &data, &len, &error) != 0) {
		diag_add(d, path, 0, "%s", error);
		free(error);
		return false;
	}
	if (utf8_invalid_at(data, len) < len) {
		diag_add(d, path, 0, "%s", _("invalid UTF-8 (save the list as UTF-8)"));
		free(data);
		return false;
	}
	p = data;
	if (csvfmt_bom_len(p, len))
		p += 3;
	for (long line = 1; *p; line++) {
		size_t n = strcspn(p, "\n");
		char *s = p;
		size_t l = n;

		trim(&s, &l);
		if (l && *s != '#') {
			size_t cap = e->cap;
			e->names = xgrow(e->names, &e->cap, e->n + 1, sizeof *e->names);
			e->lines = xgrow(e->lines, &cap, e->n + 1, sizeof *e->lines);
			e->lines[e->n] = line;
			e->names[e->n++] = xstrndup(s, l);
		}
		p += n + (p[n] == '\n');
	}
	free(data);
	return true;
}

/* Expected departments with no merged result in the latest version of
 * each survey (earlier years had other departments, maybe). Names are
 * compared as enkat compares them (text_slug: case, spaces, NFC/NFD and
 * invisible characters aside); an expected name found in another spelling
 * is named in a note, and so is a department merged but not expected. */
static size_t find_missing(const struct merge_set *set, const struct expect *e,
			   char ***out, const char *expect_path, struct diag *notes)
{
	char **missing = xcalloc(e->n ? e->n : 1, sizeof *missing);
	char **keys = xcalloc(e->n ? e->n : 1, sizeof *keys);
	size_t n = 0;

	for (size_t i = 0; i < e->n; i++) {
		const struct merge_name *nm = merge_model_name(set, e->names[i]);
		bool found = true;

		keys[i] = text_slug(e->names[i]);
		for (size_t k = 0; k < set->n_versions; k++) {
			const struct merge_version *v = set->versions[k];
			if ((k + 1 < set->n_versions &&
			     strcmp(set->versions[k + 1]->survey_id, v->survey_id) == 0) ||
			    !merge_model_merged(v))
				continue; /* not the latest */
			if (!merge_model_find(v, e->names[i]))
				found = false;
		}
		if (!found) {
			missing[n++] = e->names[i];
		} else if (nm && nm->shown && strcmp(nm->shown, e->names[i]) != 0) {
			char *a = text_nfc(e->names[i]);
			diag_add(notes, expect_path, e->lines[i], _("'%s' is taken for "
				 "department '%s' (the same name but for case, spaces, "
				 "Unicode form or invisible characters)%s"), e->names[i],
				 nm->shown, strcmp(a, nm->shown) == 0
				 ? _(" (decomposed here: NFD)") : "");
			free(a);
		}
	}
	/* a department merged but not expected is worth a word: often a
	 * typo in the file or in the list */
	for (size_t k = 0; k < set->n_versions; k++) {
		const struct merge_version *v = set->versions[k];
		for (size_t u = 0; u < v->n_units; u++) {
			const char *dep = v->units[u].department;
			size_t i;
			if (!merge_unit_merged(&v->units[u]))
				continue;
			for (i = 0; i < e->n && strcmp(keys[i], v->units[u].key) != 0; i++)
				;
			if (i < e->n)
				continue;
			for (i = 0; i < n && strcasecmp(missing[i], dep) != 0; i++)
				;
			diag_add(notes, set->files[v->units[u].file].path, v->units[u].line,
				 "department '%s' is not in %s%s%s%s", dep, expect_path,
				 i < n ? " (did you mean '" : "", i < n ? missing[i] : "",
				 i < n ? "'?)" : "");
		}
	}
	for (size_t i = 0; i < e->n; i++)
		free(keys[i]);
	free(keys);
	*out = missing;
	return n;
}

/* Whether dep has a draft that was left out: the usual reason a
 * department is "missing" a week before the deadline. */
static bool has_draft(const struct merge_set *set, const char *dep)
{
	for (size_t k = 0; k < set->n_versions; k++) {
		const struct merge_version *v = set->versions[k];
		for (size_t u = 0; u < v->n_units; u++)
			if (v->units[u].fate == FATE_DRAFT &&
			    text_same_name(v->units[u].department, dep))
				return true;
	}
	return false;
}

static void terminal_setup(struct merge_options *o)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
	struct winsize ws;

	if (!isatty(STDOUT_FILENO))
		return;
	o->color = !(nc && *nc) && !(term && strcmp(term, "dumb") == 0);
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		o->width = ws.ws_col;
}

static bool same_path(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

int main(int argc, char **argv)
{
	enum { OPT_MATRIX = 256, OPT_QUESTIONS, OPT_OUTPUT, OPT_EXPECT, OPT_DRAFTS,
	       OPT_EXCEL, OPT_HTML, OPT_LANG, OPT_SKIP, OPT_LATEST, OPT_SURVEY,
	       OPT_MARKING, OPT_ACTIONS, OPT_XLSX, OPT_PER_DEPARTMENT, OPT_WITH_COMMENTS,
	       OPT_CITY_PLAN };
	static const struct option longopts[] = {
		{"matrix", required_argument, NULL, OPT_MATRIX},
		{"questions", required_argument, NULL, OPT_QUESTIONS},
		{"output", required_argument, NULL, OPT_OUTPUT},
		{"expect", required_argument, NULL, OPT_EXPECT},
		{"include-drafts", no_argument, NULL, OPT_DRAFTS},
		{"excel", no_argument, NULL, OPT_EXCEL},
		{"html", required_argument, NULL, OPT_HTML},
		{"xlsx", required_argument, NULL, OPT_XLSX},
		{"lang", required_argument, NULL, OPT_LANG},
		{"skip-invalid", no_argument, NULL, OPT_SKIP},
		{"latest", no_argument, NULL, OPT_LATEST},
		{"marking", required_argument, NULL, OPT_MARKING},
		{"per-department", no_argument, NULL, OPT_PER_DEPARTMENT},
		{"with-comments", no_argument, NULL, OPT_WITH_COMMENTS},
		{"city-plan", required_argument, NULL, OPT_CITY_PLAN},
		{"actions", required_argument, NULL, OPT_ACTIONS},
		{"survey", required_argument, NULL, OPT_SURVEY},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	struct merge_options o = {0};
	struct merge_set set = {0};
	struct expect ex = {0};
	struct diag writing = {0};
	const char *outputs[6];
	size_t n_outputs = 0, n_missing = 0, bad;
	char **missing = NULL;
	struct merge_report *report = NULL;
	static const char *surveys[MAX_SURVEYS];
	const char *now;
	int opt, status = MERGE_OK;
	bool ok = true;

	i18n_init_locale();
	util_set_progname("enkat-merge");
	o.lang = strcmp(i18n_choose(NULL), "sv") == 0 ? LANG_SV : LANG_EN;
	/* the locale's language until --lang says otherwise: usage errors
	 * are said in it too */
	i18n_use(o.lang == LANG_SV ? "sv" : "en");
	while ((opt = getopt_long(argc, argv, "hV", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_MATRIX: o.matrix = optarg; break;
		case OPT_QUESTIONS: o.questions = optarg; break;
		case OPT_OUTPUT: o.output = optarg; break;
		case OPT_EXPECT: o.expect = optarg; break;
		case OPT_DRAFTS: o.include_drafts = true; break;
		case OPT_EXCEL: o.excel = true; break;
		case OPT_HTML: o.html = optarg; break;
		case OPT_XLSX: o.xlsx = optarg; break;
		case OPT_SKIP: o.skip_invalid = true; break;
		case OPT_LATEST: o.latest = true; break;
		case OPT_MARKING: o.marking = optarg; break;
		case OPT_PER_DEPARTMENT: o.per_department = true; break;
		case OPT_WITH_COMMENTS: o.with_comments = true; break;
		case OPT_CITY_PLAN: o.city_plan = optarg; break;
		case OPT_ACTIONS: o.actions = optarg; break;
		case OPT_SURVEY:
			if (o.n_surveys == MAX_SURVEYS) {
				fprintf(stderr, _("enkat-merge: at most %d --survey\n"),
					MAX_SURVEYS);
				return MERGE_USAGE;
			}
			surveys[o.n_surveys++] = optarg;
			o.surveys = surveys;
			break;
		case OPT_LANG:
			if (strcmp(optarg, "sv") == 0) {
				o.lang = LANG_SV;
			} else if (strcmp(optarg, "en") == 0) {
				o.lang = LANG_EN;
			} else {
				fprintf(stderr, "%s", _("enkat-merge: --lang must be sv or en\n"));
				return MERGE_USAGE;
			}
			i18n_use(o.lang == LANG_SV ? "sv" : "en");
			break;
		case 'h':
			usage(stdout);
			return MERGE_OK;
		case 'V':
			printf("enkat-merge %s\n", ENKAT_VERSION);
			return MERGE_OK;
		default:
			usage(stderr);
			return MERGE_USAGE;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "%s", _("enkat-merge: no result files or folders given\n"));
		usage(stderr);
		return MERGE_USAGE;
	}
	{
		const char *outs[] = {o.matrix, o.questions, o.output, o.html, o.actions,
				      o.xlsx};
		for (size_t i = 0; i < sizeof outs / sizeof outs[0]; i++) {
			if (!outs[i])
				continue;
			for (size_t k = 0; k < i; k++)
				if (same_path(outs[i], outs[k])) {
					fprintf(stderr, _("enkat-merge: two outputs would be "
							  "written to %s\n"), outs[i]);
					return MERGE_USAGE;
				}
			outputs[n_outputs++] = outs[i];
		}
	}
	terminal_setup(&o);
	/* the merge's own time, for refusing results dated in the future;
	 * the tests set it */
	if ((now = getenv("ENKAT_NOW")) && *now && !result_parse_time(now, &o.now)) {
		fprintf(stderr, "%s", _("enkat-merge: ENKAT_NOW must be a UTC time like "
					"2026-11-20T14:03:11Z\n"));
		return MERGE_USAGE;
	}

	if (o.expect && !expect_load(o.expect, &ex, &set.problems))
		ok = false;
	if (!merge_input_surveys(&set, &o))
		ok = false;
	if (!merge_input_plan(&set, &o))
		ok = false;
	merge_input_paths(&set, argv + optind, (size_t)(argc - optind), outputs,
			    n_outputs);
	if (set.problems.count > set.refused)
		ok = false; /* a path that is not there is not a merge of it */
	merge_input_read(&set, &o);
	merge_input_finish(&set);
	print_diag(&set.problems);
	bad = merge_input_invalid(&set) + set.refused;
	if (bad || !ok) {
		status = MERGE_INVALID;
		if (!o.skip_invalid || !ok) {
			print_diag(&set.notes);
			if (!bad) { /* --expect, --survey or --city-plan: said above */
				fprintf(stderr, "%s", _("enkat-merge: nothing written\n"));
				goto out;
			}
			fprintf(stderr, ngettext("enkat-merge: %zu of %zu file invalid; nothing "
						 "written%s\n", "enkat-merge: %zu of %zu files "
						 "invalid; nothing written%s\n", set.n_files),
				bad, set.n_files, ok ? _(" (--skip-invalid merges the rest)") : "");
			goto out;
		}
		for (size_t i = 0; i < set.n_files; i++)
			if (set.files[i].invalid) {
				char *vis = text_visible(set.files[i].path, false);
				fprintf(stderr, _("enkat-merge: skipped %s (invalid)\n"), vis);
				free(vis);
			}
	}
	if (o.expect)
		n_missing = find_missing(&set, &ex, &missing, o.expect, &set.notes);
	print_diag(&set.notes);
	{
		size_t merged = 0;
		for (size_t i = 0; i < set.n_versions; i++)
			merged += merge_model_merged(set.versions[i]);
		if (merged == 0) {
			fprintf(stderr, _("enkat-merge: no results to merge%s; nothing "
					  "written\n"), set.n_versions ? _(" (only drafts; "
					  "--include-drafts merges them)") : "");
			status = MERGE_INVALID;
			goto out;
		}
	}
	if (set.plan && !plan_survey_merged(&set)) {
		char *vis = text_visible(set.plan->survey_id, false);
		fprintf(stderr, _("%s: the city-wide action plan is of survey %s, which no "
				  "merged result is of; nothing written\n"), set.plan->path, vis);
		free(vis);
		status = MERGE_INVALID;
		goto out;
	}
	report = merge_report_build(&set, o.expect, missing, n_missing);
	if (o.matrix && !merge_csv_matrix(report, &o, &writing))
		status = MERGE_INVALID;
	if (o.questions && !merge_csv_questions(report, &o, &writing))
		status = MERGE_INVALID;
	if (o.actions && !merge_csv_actions(report, &o, &writing))
		status = MERGE_INVALID;
	if (o.output && !merge_csv_output(&set, &o, &writing))
		status = MERGE_INVALID;
	if (o.html) {
		/* a department's own report shows its comments, and so does
		 * the appendix of --with-comments; there, a file changed since
		 * it was read means no report, not an appendix silently short */
		struct merge_details details = {0};
		bool want = report->department || o.with_comments;
		bool have = want && merge_report_details(report, &set, &details, &writing);

		if (want && !have && o.with_comments)
			status = MERGE_INVALID;
		else if (!merge_html_write(report, have ? &details : NULL, &o, o.html, &writing))
			status = MERGE_INVALID;
		merge_report_details_free(&details);
	}
	if (o.xlsx && !merge_xlsx_write(report, &set, o.xlsx, &writing))
		status = MERGE_INVALID;
	print_diag(&writing);
	merge_summary_print(stdout, report, &o);
	if (n_missing) {
		for (size_t i = 0; i < n_missing; i++) {
			char *vis = text_visible(missing[i], false);
			fprintf(stderr, _("%s: expected department '%s' has no result%s\n"),
				o.expect, vis, has_draft(&set, missing[i])
				? _(" (its draft was left out; --include-drafts merges it)") : "");
			free(vis);
		}
		status = MERGE_INVALID;
	}
out:
	if (fflush(stdout) != 0 && status == MERGE_OK)
		status = MERGE_INVALID;
	for (size_t i = 0; i < ex.n; i++)
		free(ex.names[i]);
	free(ex.names);
	merge_report_free(report);
	free(ex.lines);
	free(missing);
	diag_free(&writing);
	merge_set_free(&set);
	return status;
}
