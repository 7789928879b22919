/* i18n: interface strings go through gettext; the catalogs are built from
 * po/LANG.po. Survey texts are translated in the survey file instead. */
#ifndef ENKAT_I18N_H
#define ENKAT_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif
