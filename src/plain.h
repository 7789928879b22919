/* plain: the assessment line by line without curses, for screen readers,
 * TERM=dumb and answering from a script on standard input. Same questions,
 * same saving after every answer, same result file as the full screen. */
#ifndef ENKAT_PLAIN_H
#define ENKAT_PLAIN_H

#include <stdio.h>

#include "assess.h"
#include "session.h"
#include "survey.h"

/* What enkat is, which survey s is (title, version, description) and where
 * the answers go (out_dir): the first lines of a --plain run, said before
 * the department is asked for (plain_run says them when this was not
 * called). Texts from the survey and out_dir go through text_visible. */
void plain_intro(const struct survey *s, size_t lang, const char *out_dir, FILE *out);

/* Writes prompt and a space to out and reads one line from in, echoed
 * (through text_visible) when in is not a terminal; NULL at end of input.
 * For the department and respondent before the session: caller frees. */
char *plain_ask(const char *prompt, FILE *in, FILE *out);

/* Walks the visible questions from where the engine starts (assess_start),
 * reading one line per answer or command from in and writing to out; when
 * in is not a terminal, each line read is echoed after its prompt. notice
 * (or NULL) is what to say first (start_notice: draft resumed, lock taken
 * over...); like every text from a file, a lock or an argument it is
 * printed through text_visible. A final result is shown with its summary
 * and reopened only when the user answers yes; another session's is shown
 * read-only (its summary) and the run ends with 1. Every rule is the
 * engine's (assess.h). Leaving with changes the result file lacks never
 * drops them silently: saving is retried, then the user chooses (retry,
 * another folder, or leave without them); at the end of the input or on
 * SIGHUP, SIGTERM or SIGINT (caught while it runs; SIGPIPE is ignored),
 * with no one to ask, they go to $HOME. Returns 0, or 1 when the result
 * file lacks changes (saved elsewhere or nowhere) or is another
 * session's. */
int plain_run(struct assess *a, size_t lang, const char *notice, FILE *in, FILE *out);

/* Reads one line (without its newline) into a new string; NULL at end of
 * input. */
char *plain_read_line(FILE *in);

#endif
