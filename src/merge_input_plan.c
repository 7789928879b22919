/* merge_input_plan: the city-wide action plan of --city-plan (the
 * central office's own result file, merge_model.h), read with the
 * engine's checked reader; only its actions are kept. */
#include "merge_input.h"

#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "i18n.h"
#include "util.h"

bool merge_input_plan(struct merge_set *set, const struct merge_options *o)
{
	struct result_table *t;
	const struct result_row *first;
	struct merge_plan *p;

	if (!o->city_plan)
		return true;
	if (!(t = result_load(o->city_plan, &set->problems)))
		return false;
	/* the reader refuses a file without rows, and one whose rows are of
	 * two departments or versions (an --output file): one result */
	first = &t->rows[0];
	p = xcalloc(1, sizeof *p);
	p->path = xstrdup(o->city_plan);
	p->department = xstrdup(first->field[RC_DEPARTMENT]);
	p->survey_id = xstrdup(first->field[RC_SURVEY_ID]);
	p->version = first->v.version;
	actions_from_table(&p->actions, t);
	set->plan = p;
	result_table_release(t);
	free(t);
	return true;
}
