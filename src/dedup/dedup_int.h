/* dedup_int.h: what the public recoupe_dups_* functions share between dups.c and
 * groups.c (the index object behind the opaque handle). */
#ifndef RECOUPE_DEDUP_DEDUP_INT_H
#define RECOUPE_DEDUP_DEDUP_INT_H

#include "dedup/dedup.h"
#include "recoupe.h"

_Static_assert((int)DEDUP_DUPLICATE == (int)RECOUPE_DUP_DUPLICATE && (int)DEDUP_CONTAINS == (int)RECOUPE_DUP_CONTAINS &&
                   (int)DEDUP_CONTAINED == (int)RECOUPE_DUP_CONTAINED && (int)DEDUP_REWRITE == (int)RECOUPE_DUP_REWRITE,
               "dedup_relation and recoupe_dup_relation share their values");

struct recoupe_dups {
    dedup_index ix;
    dedup_thresholds th;
    unsigned relations; /* RECOUPE_DUP_BIT()s that join a group */
};

/* A document for an article (text, language, date; file and id when names). */
recoupe_status dedup_doc_from_article(const recoupe_article *a, size_t index, int names, dedup_doc **out);
uint64_t dedup_key(const dedup_doc *doc, uint32_t slot);
dedup_doc *dedup_doc_by_key(const recoupe_dups *d, uint64_t key, uint32_t *slot);

#endif
