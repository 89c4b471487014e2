/* serve_names.h: the table of article names and the lists of committed changes
 * that the server's writer and placer pass each other (serve_names.c). */
#ifndef RECOUPE_SERVE_NAMES_H
#define RECOUPE_SERVE_NAMES_H

#include <stddef.h>
#include <stdint.h>

#include "recoupe.h"

/* a name: in the writer's table its expiry, in the placer's its handle and story */
typedef struct entry {
    char *name;
    uint32_t handle;
    int64_t expires; /* INT64_MAX: never */
    uint64_t story;  /* public id last stored */
    struct entry *next;
} entry;

typedef struct table {
    entry **slots;
    size_t n_slots, n_entries;
} table;

/* a committed change for the placer (a: the article to place; NULL: drop the
 * name), or a story id for the writer to record (story) */
typedef struct change {
    char *name;
    recoupe_article *a;
    uint64_t story; /* stored story id: from the store at load, else 0 */
    struct change *next;
} change;

typedef struct change_list {
    change *head, *tail;
    size_t n;
} change_list;

/* the entry of name, or NULL */
entry *names_lookup(table *t, const char *name);
/* a new entry for name (zeroed but its name), or NULL when out of memory */
entry *names_insert(table *t, const char *name);
/* removes name's entry, if any */
void names_unlink(table *t, const char *name);
/* frees every entry and the slots */
void names_free(table *t);

/* appends c */
void change_push(change_list *l, change *c);
/* appends a new change; 0 or -1 (out of memory: a is freed) */
int change_push_new(change_list *l, const char *name, recoupe_article *a, uint64_t story);
/* moves every change of from to the end of to */
void change_splice(change_list *to, change_list *from);
/* frees c, its name and its article */
void change_free(change *c);
/* frees every change of l and empties it */
void change_list_free(change_list *l);

#endif
