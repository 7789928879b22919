/* paths: where enkat finds its bundled files. Run from a source tree
 * (./enkat after make) it uses the tree's surveys/ and build/locale/;
 * installed, the folders given at build time. */
#ifndef ENKAT_PATHS_H
#define ENKAT_PATHS_H

/* The bundled default survey. Caller frees. */
char *paths_default_survey(void);
/* The folder holding LANG/LC_MESSAGES/enkat.mo. Caller frees. */
char *paths_locale_dir(void);

#endif
