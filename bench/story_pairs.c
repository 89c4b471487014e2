/* story_pairs.c: the pair signals (src/story/pair.c) of articles as the engine
 * sees them, for bench/train_pairs.py. Each DIR is read and clustered as
 * `recoupe threads DIR` would (same document frequencies), then one line per
 * pair: DIR, the two article names, the signals (tab-separated), the score.
 * By default only the pair pair_a.txt / pair_b.txt of each folder; --all: every
 * pair of the folder.
 * usage: story_pairs [--all] DIR... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "recoupe.h"
#include "story/story.h"

static int load(recoupe_engine *e, const char *dir) {
    const char *paths[1] = {dir};
    recoupe_reader *r = recoupe_reader_open(paths, 1, NULL);
    if (!r) return -1;
    recoupe_article *a = NULL;
    while (recoupe_reader_next(r, &a) == RECOUPE_OK) {
        if (recoupe_article_decode(a) != RECOUPE_OK || recoupe_article_extract(a) != RECOUPE_OK ||
            recoupe_engine_add(e, a, NULL) != RECOUPE_OK) {
            recoupe_reader_close(r);
            return -1;
        }
    }
    recoupe_reader_close(r);
    return 0;
}

static void print_pair(const recoupe_engine *e, const char *dir, size_t i, size_t j) {
    double x[STORY_PAIR_NSIG];
    story_pair_signals(&e->vecs[i], &e->vecs[j], x);
    printf("%s\t%s\t%s", dir, story_article_name(e->docs[i].a), story_article_name(e->docs[j].a));
    for (int k = 0; k < STORY_PAIR_NSIG; k++) printf("\t%.5f", x[k]);
    printf("\t%.5f\n", story_pair_score_of(x));
}

int main(int argc, char **argv) {
    int all = 0, first = 1;
    if (argc > 1 && !strcmp(argv[1], "--all")) all = 1, first = 2;
    printf("dir\ta\tb");
    for (int k = 0; k < STORY_PAIR_NSIG; k++) printf("\t%s", story_pair_signal_names[k]);
    printf("\tscore\n");
    for (int d = first; d < argc; d++) {
        recoupe_engine_options o = {0};
        o.jobs = 1;
        recoupe_engine *e = recoupe_engine_new(&o);
        if (!e || load(e, argv[d]) != 0 || recoupe_engine_cluster(e) != RECOUPE_OK) {
            fprintf(stderr, "story_pairs: %s: failed\n", argv[d]);
            return 1;
        }
        size_t pa = SIZE_MAX, pb = SIZE_MAX;
        for (size_t i = 0; i < e->n_docs; i++) {
            if (!e->docs[i].alive) continue;
            const char *name = story_article_name(e->docs[i].a);
            if (!strcmp(name, "pair_a.txt")) pa = i;
            if (!strcmp(name, "pair_b.txt")) pb = i;
            if (all)
                for (size_t j = 0; j < i; j++)
                    if (e->docs[j].alive) print_pair(e, argv[d], j, i);
        }
        if (!all && pa != SIZE_MAX && pb != SIZE_MAX) print_pair(e, argv[d], pa, pb);
        recoupe_engine_free(e);
    }
    return 0;
}
