/* report: a department's own report, through enkat-merge's code. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "merge_html.h"
#include "merge_input.h"
#include "merge_report.h"

/* Problems of the reading, or a file that turned out invalid, into d. */
static bool read_ok(struct merge_set *set, struct diag *d)
{
	bool ok = set->problems.count == 0 && merge_input_invalid(set) == 0;

	for (size_t i = 0; i < set->problems.count; i++) {
		char *msg = diag_format(&set->problems, i);
		diag_add(d, NULL, 0, "%s", msg);
		free(msg);
	}
	return ok;
}

bool report_department_write(const char *survey_path, const char *result_path,
			     const char *prev_path, const char *lang,
			     const char *out_path, struct diag *d)
{
	/* a draft is the department's to report on: it is said so */
	struct merge_options o = {.include_drafts = true};
	struct merge_set set = {0};
	struct merge_report *r = NULL;
	struct merge_details details = {0};
	char *paths[2] = {(char *)result_path, (char *)prev_path};
	const char *outputs[1] = {out_path};
	bool ok = false;

	o.lang = strcmp(lang, "sv") == 0 ? LANG_SV : LANG_EN;
	if (survey_path) {
		o.surveys = &survey_path;
		o.n_surveys = 1;
	}
	merge_input_paths(&set, paths, prev_path ? 2 : 1, outputs, 1);
	if (!read_ok(&set, d) || !merge_input_surveys(&set, &o) || !read_ok(&set, d))
		goto out;
	merge_input_read(&set, &o);
	merge_input_finish(&set);
	if (!read_ok(&set, d))
		goto out;
	r = merge_report_build(&set, NULL, NULL, 0);
	if (!r->department) {
		diag_add(d, prev_path, 0, _("not a result of the same department"));
		goto out;
	}
	if (!merge_report_details(r, &set, &details, d))
		goto out;
	ok = merge_html_write(r, &details, &o, out_path, d);
out:
	merge_report_details_free(&details);
	merge_report_free(r);
	merge_set_free(&set);
	return ok;
}
