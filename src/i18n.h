/* i18n: interface strings go through gettext; the catalogs are built from
 * po/LANG.po. Survey texts are translated in the survey file instead.
 * Both programs choose their language here, the same way: --lang, else
 * the locale (Swedish for sv*, English otherwise). */
#ifndef ENKAT_I18N_H
#define ENKAT_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* The locale from the environment, with a UTF-8 LC_CTYPE whatever it is
 * (text is UTF-8 everywhere), and LC_MESSAGES out of the plain C locale,
 * where gettext would ignore LANGUAGE. Call once, first. */
void i18n_init_locale(void);
/* wanted ("sv" or "en") when not NULL, else the language of the locale
 * variables (LC_ALL, LC_MESSAGES, LANG): "sv" or "en". Never NULL. */
const char *i18n_choose(const char *wanted);
/* Makes gettext speak exactly lang, from the bundled catalogs. */
void i18n_use(const char *lang);
/* The language i18n_use was last given ("en" before any). */
const char *i18n_current(void);
/* The decimal separator of the chosen language ('.' or ','), from the
 * catalog, so that it always goes with the words. */
char i18n_decimal_sep(void);

#endif
