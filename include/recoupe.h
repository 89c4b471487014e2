/* recoupe.h: the public interface of librecoupe, the news-story engine.
 *
 * recoupe takes a stream of news articles (files, folders, .gz, JSON Lines, WARC,
 * stdin) and gives back the stories: clean text and metadata, language,
 * near-duplicates and their origin, and events grouped across outlets.
 *
 * Conventions, for every function below:
 *  - Names: recoupe_ prefix; types end in no suffix; a *_free(NULL) is a no-op.
 *  - Ownership: a function that returns a pointer says who frees it. Strings inside
 *    a recoupe_article belong to the article and live until recoupe_article_free().
 *  - Errors: functions that can fail return recoupe_status (RECOUPE_OK = 0) and are
 *    marked warn_unused_result; the library never aborts on out-of-memory.
 *  - Parsing never fails: any byte string becomes an article, maybe with empty text
 *    and warnings. Errors are for resources (a file that cannot be read, memory).
 *  - Threads: distinct articles may be processed on distinct threads at once; an
 *    engine (recoupe_engine) is used from one thread at a time.
 *
 * This header is stable: fields are only ever added at the end of structs and
 * values at the end of enums. */
#ifndef RECOUPE_H
#define RECOUPE_H

/* The interface is in one header per part, each usable alone: */
#include "recoupe/core.h"
#include "recoupe/read.h"
#include "recoupe/extract.h"
#include "recoupe/text.h"
#include "recoupe/dups.h"
#include "recoupe/stories.h"
#include "recoupe/facts.h"
#include "recoupe/store.h"
#include "recoupe/report.h"

#endif
