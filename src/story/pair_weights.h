/* pair_weights.h: the weights of the pair decision (pair.c), in the order of
 * story_pair_signal_names (title, lead, cross, body, body_l, entity, conflict, agree, length), written by
 * bench/train_pairs.py from the training pools of the crowd-labelled pairs
 * (the train_pool files of ../shared/eval/clustering/tgpairs, 55 pairs).
 * Do not edit by hand: run the script. */
#ifndef RECOUPE_STORY_PAIR_WEIGHTS_H
#define RECOUPE_STORY_PAIR_WEIGHTS_H
#define STORY_PAIR_BIAS -3.2087
static const double story_pair_weights[] = {3.0140, 0.2433, 0.8963, 1.0773, 1.4561, 2.7579, 0.0000, 0.0417, 0.3995};
#endif
