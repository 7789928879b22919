/* The version of enkat; the Makefile may override it. */
#ifndef ENKAT_VERSION
#define ENKAT_VERSION "0.1.0"
#endif
