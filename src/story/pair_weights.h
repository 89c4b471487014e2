/* pair_weights.h: the weights of the pair decision (pair.c), in the order of
 * story_pair_signal_names (title, lead, cross, body, body_l, entity, conflict, agree, length), written by
 * bench/train_pairs.py from the training pools of the crowd-labelled pairs
 * (the train_pool files of ../shared/eval/clustering/tgpairs, 55 pairs).
 * Do not edit by hand: run the script. */
#ifndef RECOUPE_STORY_PAIR_WEIGHTS_H
#define RECOUPE_STORY_PAIR_WEIGHTS_H
#define STORY_PAIR_BIAS -2.9480
static const double story_pair_weights[] = {3.1654, 0.1662, 0.9885, 1.0635, 1.4297, 2.5133, 0.0000, 0.0389, 0.2999};
#endif
