/* paths: where enkat finds its bundled files (the default survey and the
 * interface translations). Each is looked for, in this order:
 *   1. a source tree around the running program: PROG_DIR/REL or
 *      PROG_DIR/../REL (./enkat after make; build-asan/enkat);
 *   2. an installation in any prefix, relative to the program:
 *      PROG_DIR/../share/enkat/surveys/ and PROG_DIR/../share/locale/
 *      (make install PREFIX=DIR, also when staged with DESTDIR and moved);
 *   3. the folders compiled in (ENKAT_DATADIR, ENKAT_LOCALEDIR: the
 *      Makefile's DATADIR and LOCALEDIR, for a layout other than
 *      PREFIX/bin beside PREFIX/share).
 * PROG_DIR is the folder of the running executable (/proc/self/exe, so a
 * symbolic link to the program finds the program's own data). A candidate
 * counts only when it holds what is looked for: the survey file, or a
 * LANG/LC_MESSAGES/enkat.mo for at least one language. */
#ifndef ENKAT_PATHS_H
#define ENKAT_PATHS_H

/* The bundled default survey (surveys/kommun.ini). Never NULL (the
 * compiled-in path when nothing is found; opening it then says why).
 * Caller frees. */
char *paths_default_survey(void);
/* The folder holding LANG/LC_MESSAGES/enkat.mo, for bindtextdomain().
 * Never NULL, as above. Caller frees. */
char *paths_locale_dir(void);

#endif
