/* classify.h: the news / category classifier's side for the rest of the engine
 * (the process stage calls classify_article). */
#ifndef RECOUPE_CLASSIFY_CLASSIFY_H
#define RECOUPE_CLASSIFY_CLASSIFY_H

#include "recoupe.h"

/* Fills a->analysis.category, category_score and is_news from the headline, the
 * text (the ANALYSE stage must have run), the URL and the declared section.
 * Returns 0, or -1 when the embedded model is unreadable (the fields stay unset). */
int classify_article(recoupe_article *a);

/* The same on loose strings (any may be NULL); *category gets a static name. */
int classify_text(const char *url, const char *section, const char *title, const char *text, size_t text_len,
                  const char **category, float *score, int *is_news);

#endif
