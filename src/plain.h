/* plain: the assessment line by line without curses, for screen readers,
 * TERM=dumb and answering from a script on standard input. Same questions,
 * same saving after every answer, same result file as the full screen. */
#ifndef ENKAT_PLAIN_H
#define ENKAT_PLAIN_H

#include <stdio.h>

#include "session.h"

/* Walks the visible questions from the first unanswered one, reading one
 * line per answer from in and writing prompts to out; notice (or NULL) is
 * what to say first (start_notice: draft resumed, lock taken over...). A
 * final result or another session's is shown read-only (a final one can be
 * reopened). Returns 0, or 1 when a change could not be saved anywhere. End
 * of input leaves the draft as saved. */
int plain_run(struct session *ss, size_t lang, const char *notice, FILE *in, FILE *out);

/* Reads one line (without its newline) into a new string; NULL at end of
 * input. */
char *plain_read_line(FILE *in);

#endif
