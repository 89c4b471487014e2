/* pair.c: the "same story?" decision for two articles.
 *
 * News stories are told by their titles and leads, their names and their
 * numbers more than by the bag of words of long bodies: two long articles about
 * one event share a small part of their vocabularies (cosines near 0.03 for 450
 * words), while two short ones about different stories of one topic share more
 * (0.10). So the decision combines several signals, each on its own scale:
 *   title   cosine of the titles' stems (idf-weighted, see vectors.c make_aux)
 *   lead    cosine of the leads' stems (first sentences of the text)
 *   cross   the best of title-vs-lead in both directions (a headline says what
 *           the other outlet's lead says, in other words)
 *   body    cosine of the TF-IDF vectors
 *   body_l  body scaled for length: body * sqrt(words / 200) (the geometric mean
 *           of the two articles' words); long articles have lower cosines
 *   entity  cosine of the stems of the texts' entity words (capitalised, not at
 *           a sentence start)
 *   conflict  1 when the titles hold the same noun with different numbers
 *           ("weather for 8 November" / "for 16 November") and no agreeing one
 *   agree   1 when the titles share a noun with the same number
 *   length  ln(words / 200), the same geometric mean
 * and a logistic regression turns them into a probability. Its weights are
 * learned by bench/train_pairs.py on the training pools of the crowd-labelled
 * pairs only, and written to pair_weights.h; nothing here is tuned by hand.
 * One rule is not learned: a title conflict (same noun, another number, no
 * agreeing one) makes the probability 0. No training pair has one, so no
 * weight can be learned for it; the daily series it separates (weather, rates,
 * tallies "for 8 November" / "for 16 November") are different stories. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>

#include "story/pair_weights.h"
#include "story/story.h"

const char *const story_pair_signal_names[STORY_PAIR_NSIG] = {"title",  "lead",     "cross", "body",  "body_l",
                                                              "entity", "conflict", "agree", "length"};

/* the run of family code in v's aux terms */
static void family(const story_vec *v, unsigned code, const story_aux **p, size_t *n) {
    const story_aux *a = story_vec_aux(v), *end = a + v->n_aux;
    while (a < end && a->key >> STORY_AUX_KEY_BITS < code) a++;
    const story_aux *b = a;
    while (b < end && b->key >> STORY_AUX_KEY_BITS == code) b++;
    *p = a;
    *n = (size_t)(b - a);
}

/* dot product of two key-sorted runs, compared on their base terms */
static double run_dot(const story_aux *a, size_t na, const story_aux *b, size_t nb) {
    double s = 0;
    size_t i = 0, j = 0;
    while (i < na && j < nb) {
        uint32_t x = a[i].key & STORY_AUX_KEY_MASK, y = b[j].key & STORY_AUX_KEY_MASK;
        if (x < y)
            i++;
        else if (x > y)
            j++;
        else
            s += (double)a[i++].w * b[j++].w;
    }
    return s;
}

static double fam_dot(const story_vec *a, unsigned ca, const story_vec *b, unsigned cb) {
    const story_aux *pa, *pb;
    size_t na, nb;
    family(a, ca, &pa, &na);
    family(b, cb, &pb, &nb);
    return run_dot(pa, na, pb, nb);
}

static double words_of(const story_vec *v) {
    const story_aux *p;
    size_t n;
    family(v, STORY_AUX_LENGTH, &p, &n);
    return n ? p->w : 1;
}

void story_pair_signals(const story_vec *a, const story_vec *b, double *x) {
    x[0] = fam_dot(a, STORY_AUX_TITLE, b, STORY_AUX_TITLE);
    x[1] = fam_dot(a, STORY_AUX_LEAD, b, STORY_AUX_LEAD);
    double c1 = fam_dot(a, STORY_AUX_TITLE, b, STORY_AUX_LEAD), c2 = fam_dot(a, STORY_AUX_LEAD, b, STORY_AUX_TITLE);
    x[2] = c1 > c2 ? c1 : c2;
    x[3] = story_vec_dot(a, b);
    double words = sqrt(words_of(a) * words_of(b));
    x[4] = x[3] * sqrt(words / 200.0);
    x[5] = fam_dot(a, STORY_AUX_ENTITY, b, STORY_AUX_ENTITY);
    const story_aux *pa, *pb;
    size_t na, nb, i = 0, j = 0;
    int agree = 0, conflict = 0;
    family(a, STORY_AUX_TNUM, &pa, &na);
    family(b, STORY_AUX_TNUM, &pb, &nb);
    while (i < na && j < nb) {
        if (pa[i].key < pb[j].key)
            i++;
        else if (pa[i].key > pb[j].key)
            j++;
        else {
            if (pa[i].w == pb[j].w)
                agree = 1;
            else
                conflict = 1;
            i++, j++;
        }
    }
    x[6] = conflict && !agree;
    x[7] = agree;
    x[8] = log(words / 200.0);
}

double story_pair_score_of(const double *x) {
    if (x[6] > 0) return 0; /* the title conflict rule */
    double z = STORY_PAIR_BIAS;
    for (int i = 0; i < STORY_PAIR_NSIG; i++) z += story_pair_weights[i] * x[i];
    return 1.0 / (1.0 + exp(-z));
}

double story_pair_score(const story_vec *a, const story_vec *b) {
    double x[STORY_PAIR_NSIG];
    story_pair_signals(a, b, x);
    return story_pair_score_of(x);
}

double story_pair_gate_of(double option) {
    if (option == 0) return STORY_PAIR_GATE;
    return option > 0 ? option : 0;
}
