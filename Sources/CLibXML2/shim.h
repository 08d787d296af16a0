#ifndef NASHRA_CLIBXML2_SHIM_H
#define NASHRA_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
// Debian's libxml2 is built with ICU; its headers would then pull the system ICU into the same
// Swift module as Foundation's own ICU copy, and the two clash. We use no ICU encoding from libxml2.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#endif
