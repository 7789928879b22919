/* merge_report: every figure of the city-wide picture, computed once from
 * the model (merge_model.h): per survey version the departments' cells
 * (percentage, level, target, gap, completeness, change), the city's
 * figures per area, the questions weakest first, what changed since the
 * previous version, and what was left out. The writers (summary, CSV,
 * HTML, workbook) only format a report; none computes a figure of its
 * own, so no two outputs can disagree.
 *
 * A report points into the set it was built from (versions, units,
 * questions): free the report before the set. */
#ifndef ENKAT_MERGE_REPORT_H
#define ENKAT_MERGE_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "actions.h"
#include "diag.h"
#include "merge_compare.h"
#include "merge_model.h"
#include "merge_trend.h"

/* One department (or the city) for one area, or the overall. */
struct merge_cell {
	bool has_percent;
	double percent;
	int level;           /* maturity level; -1: no levels or no percentage */
	int shade;           /* 0 (weakest) .. 4 for colours, by level (the
			      * overall: by percentage); -1: no percentage */
	int target;          /* the area's target level; 0: none (the overall) */
	bool below_target;   /* a level below the target */
	int gap;             /* target - level when below the target, else 0 */
	size_t answered;     /* completeness: answered of the applicable */
	size_t applicable;   /* (not N/A, not hidden) questions */
	bool has_change;     /* the department (city) had a percentage for
			      * the same area in the previous version (the
			      * area it continues: merge_compare.h) */
	double prev_percent; /* that percentage */
	double change;       /* percentage points since then; what differs
			      * between the definitions behind it is the
			      * version's compare.areas[a] */
};

struct merge_row {           /* one department's merged result */
	const struct merge_unit *unit;
	const struct merge_unit *prev; /* the same department in the previous
					* version, or NULL */
	struct merge_cell *cells;      /* n_areas + 1, the overall last */
	/* the department's action plan (unit->actions): open actions per
	 * area, directly or through one of its questions (n_areas), and
	 * those for the whole department (the last, [n_areas]); overdue:
	 * open with a due date before the report's day */
	size_t *open_actions;
	/* the plan's actions per area and status, directly or through one of
	 * the area's questions: area_status[a * ACTION_N_STATUS + status],
	 * a = n_areas for those of the whole department */
	size_t *area_status;
	size_t overdue;
	size_t actions[ACTION_N_STATUS]; /* the plan's actions per status */
	/* areas per maturity level reached (0..9): what the overall level,
	 * cumulative over every question, hides */
	size_t area_levels[10];
};

struct merge_city {          /* one area (or the overall) across departments */
	size_t n;            /* departments with a percentage */
	double mean, median, min, max;
	size_t at_level[10]; /* departments per level 0..9 */
	size_t at_target;    /* departments at or above the target */
	int min_level, median_level, max_level;
	bool has_change;     /* departments in both versions had a percentage
			      * for the area (the area it continues) */
	double prev_mean;    /* the previous version's mean and this one's, */
	double pair_mean;    /* over the departments in both versions */
	double change;       /* the mean of the departments' changes, over
			      * those in both versions (not the difference of
			      * two means over different departments) */
	size_t answered, applicable; /* completeness, summed */
};

/* A question's choices are counted in a 64-bit set (MERGE_MAX_CHOICES). */
struct merge_qstat {
	const struct merge_question *q;
	size_t q_index;
	size_t departments;    /* merged departments */
	size_t answered, unanswered, na; /* na: not applicable or hidden */
	size_t scored;         /* applicable and scored: the mean's base */
	bool has_mean;
	double mean_points, mean_percent;
	bool has_below;        /* the survey has a threshold */
	size_t below;          /* scored and below the threshold */
	size_t choice_count[MERGE_MAX_CHOICES];
	size_t choice_order[MERGE_MAX_CHOICES]; /* indexes into q->choices */
	bool has_change;       /* the previous version has this question (or
				* the one it continues) */
	double change;         /* mean_percent minus the previous one's (what
				* differs: compare.questions[q_index]) */
	const char *prev_id;   /* the id it continues, when another */
};

struct merge_qaction {
	size_t question;        /* index into v->questions */
	size_t row;             /* index into rows; (size_t)-1: the city plan */
	const struct action *x;
};

/* One survey version's figures. */
struct merge_vreport {
	const struct merge_version *v;
	const struct merge_version *prev; /* the previous version of the same
					   * survey with merged results, or NULL */
	bool latest;           /* the latest version of its survey (the one
				* the summary and the report show in full) */
	struct merge_compare compare; /* with prev: how v continues it */
	struct merge_row *rows;  /* merged departments, by name */
	size_t n_rows;
	size_t in_prev;          /* rows with a result in prev */
	struct merge_city *city; /* n_areas + 1, the overall last */
	struct merge_qstat *questions; /* n_questions, weakest first (lowest
					* mean share; unscored last) */
	size_t n_questions;
	/* what the two versions do not share, as indexes: areas (questions)
	 * of v missing in prev, and of prev missing in v */
	size_t *new_areas, n_new_areas, *gone_areas, n_gone_areas;
	size_t *new_questions, n_new_questions, *gone_questions, n_gone_questions;
	time_t newest;           /* the latest updated_at merged */
	/* the departments' action plans: actions per status city-wide, and
	 * per area the departments with an open action for it and those
	 * below its target with none (n_areas each) */
	size_t actions[ACTION_N_STATUS];
	size_t overdue;
	size_t *with_action, *below_without;
	/* every action that names a question of v, by question (v's order),
	 * then department: which departments have actions for a question,
	 * in which status (row: index into rows, or (size_t)-1 for the
	 * city-wide plan) */
	struct merge_qaction *qactions;
	size_t n_qactions;
	/* the city-wide plan (--city-plan) when it is of this survey and
	 * this is its latest version: its actions per status, overdue, and
	 * per area the open ones (plan_open[n_areas]: the whole city) */
	const struct merge_plan *plan;
	size_t plan_status[ACTION_N_STATUS], plan_overdue;
	size_t *plan_open;
	/* the approval of each result: approved and unchanged since (the
	 * seal holds), changed after approval, not approved */
	size_t approved, broken, unapproved;
	size_t drafts, replaced; /* units left out as drafts, by --latest */
};

struct merge_report {
	const struct merge_set *set;
	char today[11];        /* YYYY-MM-DD: what "overdue" is measured by */
	bool department;       /* one department's results alone (its own
				* report speaks of it, not of "departments") */
	struct merge_vreport *versions; /* as set->versions */
	size_t n_versions;
	size_t results;        /* merged results, all versions */
	size_t files;          /* valid files read */
	size_t invalid;        /* invalid files (skipped by --skip-invalid) */
	size_t drafts, replaced;
	const char *expect;    /* the --expect file, or NULL */
	char **missing;        /* expected departments with no result in the
				* latest version (the caller's strings) */
	size_t n_missing;
	/* every version of each survey, and the effect of actions */
	struct merge_trends trends;
};

/* Builds the report of set. missing (n_missing strings, kept by the
 * caller) and expect (may be NULL) are reported as given. Never fails
 * (allocation failure exits). Free with merge_report_free. */
struct merge_report *merge_report_build(const struct merge_set *set,
					const char *expect, char **missing,
					size_t n_missing);
void merge_report_free(struct merge_report *r);

/* The report of version v (NULL when v is not the report's). */
const struct merge_vreport *merge_report_version(const struct merge_report *r,
						 const struct merge_version *v);

/* Whether action x addresses area a of v, directly or through one of the
 * area's questions (a whole-department action addresses no one area). */
bool merge_report_addresses(const struct merge_version *v, const struct action *x,
			    size_t a);

/* The approval of a result in the interface's language: "Approved" (and
 * unchanged since), "Changed after approval" or "Not approved". */
const char *merge_report_approval_label(const struct merge_unit *u);

/* Area a of vr in words, for the report and the workbook alike: the
 * departments with actions for it and in which status ("Kultur (planned
 * 1, done 2); Miljö (ongoing 1)"), and those below its target with no
 * open action ("Kultur, Miljö"). "" when none; the caller frees. */
char *merge_report_area_actions_text(const struct merge_vreport *vr, size_t a);
char *merge_report_below_without_text(const struct merge_vreport *vr, size_t a);

/* The shade (0..4) of a maturity level of v, for legends. */
int merge_report_level_shade(const struct merge_version *v, int level);

/* ---- details: free text, comments and number answers, read again from
 * the files (the model keeps none of it, so memory stays bounded by
 * departments x questions until a writer asks for them) */

struct merge_detail {
	size_t version;        /* index into report->versions */
	size_t row;            /* index into that version's rows */
	size_t question;       /* index into v->questions */
	char *comment;         /* "" when none */
	char *text;            /* a free-text answer, "" when none */
	bool has_number;       /* a number question answered */
	double number;
};

struct merge_numstat {       /* a number question across departments */
	size_t version, question;
	size_t n;              /* departments that answered it */
	double sum, mean, min, max;
};

struct merge_details {
	struct merge_detail *items; /* by version, question, department */
	size_t n;
	struct merge_numstat *numbers; /* by version, question order */
	size_t n_numbers;
};

/* Reads the comments, free-text and number answers of every merged
 * result again (the set's files, re-read as merge_input_replay does).
 * Returns false, with the problem in d, when a file changed meanwhile. */
bool merge_report_details(const struct merge_report *r, struct merge_set *set,
			  struct merge_details *out, struct diag *d);
void merge_report_details_free(struct merge_details *dt);

#endif
