/* condition: the skip-logic expression of a question's show_if key,
 *   comparison { ("and" | "or") comparison }, "and" binding tighter,
 *   comparison = QUESTION_ID OP VALUE, OP one of = != has < <= > >=.
 * Parsed once when the survey loads; evaluated against answers. */
#ifndef ENKAT_CONDITION_H
#define ENKAT_CONDITION_H

#include <stdbool.h>
#include <stddef.h>

struct survey;

enum cond_op { COND_EQ, COND_NE, COND_HAS, COND_LT, COND_LE, COND_GT, COND_GE };

struct cond_term {
	size_t question;     /* index into survey.questions */
	enum cond_op op;
	size_t option;       /* for choice-type questions */
	double number;       /* for number questions */
	bool numeric;        /* compares numbers, not options */
	bool or_before;      /* joined to the previous term by "or" (else "and") */
};

struct condition {
	struct cond_term *terms;
	size_t n_terms;
};

/* Parses text for the question at index self of s (whose questions before
 * self are already in place). Returns a condition to free with
 * condition_free, or NULL with a message (caller frees) in *error. */
struct condition *condition_parse(const struct survey *s, size_t self,
				  const char *text, char **error);
void condition_free(struct condition *c);

/* What the evaluator needs to know about an earlier question's answer. */
struct cond_answer {
	bool present;        /* answered, and neither not-applicable nor hidden */
	size_t option;       /* chosen option (single choice) */
	unsigned long long chosen; /* chosen options (multiple choice) */
	double number;
};

/* Evaluates c; answer(i, user) describes question i's answer. */
bool condition_eval(const struct condition *c,
		    const struct cond_answer *(*answer)(size_t question, void *user),
		    void *user);

#endif
