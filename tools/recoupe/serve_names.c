/* serve_names.c: the two plain structures the server's threads pass each other
 * (serve_index.c): the table of article names (a chained hash table that grows by
 * doubling; the writer keeps each name's expiry in it, the placer its engine
 * handle and story) and the lists of committed changes (FIFO lists that one
 * thread fills and another takes whole). Neither locks: their owner does. */
#include <stdlib.h>
#include <string.h>

#include "serve_names.h"

static uint64_t hash(const char *s) {
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static entry **slot_of(table *t, const char *name) {
    entry **p = &t->slots[hash(name) & (t->n_slots - 1)];
    while (*p && strcmp((*p)->name, name) != 0) p = &(*p)->next;
    return p;
}

static int grow(table *t) {
    size_t n = t->n_slots ? t->n_slots * 2 : 1024;
    entry **s = calloc(n, sizeof *s);
    if (!s) return -1;
    for (size_t i = 0; i < t->n_slots; i++)
        for (entry *e = t->slots[i], *nx; e; e = nx) {
            nx = e->next;
            entry **d = &s[hash(e->name) & (n - 1)];
            e->next = *d;
            *d = e;
        }
    free(t->slots);
    t->slots = s;
    t->n_slots = n;
    return 0;
}

entry *names_lookup(table *t, const char *name) {
    return t->n_slots ? *slot_of(t, name) : NULL;
}

void names_unlink(table *t, const char *name) {
    if (!t->n_slots) return;
    entry **p = slot_of(t, name), *e = *p;
    if (!e) return;
    *p = e->next;
    free(e->name);
    free(e);
    t->n_entries--;
}

entry *names_insert(table *t, const char *name) {
    if (t->n_entries + 1 > t->n_slots / 2 && grow(t) != 0) return NULL;
    entry *e = calloc(1, sizeof *e);
    if (!e || !(e->name = strdup(name))) {
        free(e);
        return NULL;
    }
    entry **p = slot_of(t, name);
    e->next = *p;
    *p = e;
    t->n_entries++;
    return e;
}

void names_free(table *t) {
    for (size_t i = 0; i < t->n_slots; i++)
        for (entry *e = t->slots[i], *nx; e; e = nx) {
            nx = e->next;
            free(e->name);
            free(e);
        }
    free(t->slots);
}

void change_push(change_list *l, change *c) {
    c->next = NULL;
    if (l->tail)
        l->tail->next = c;
    else
        l->head = c;
    l->tail = c;
    l->n++;
}

/* appends a change; 0 or -1 (out of memory: a is freed) */
int change_push_new(change_list *l, const char *name, recoupe_article *a, uint64_t story) {
    change *c = calloc(1, sizeof *c);
    if (!c || !(c->name = strdup(name))) {
        free(c);
        recoupe_article_free(a);
        return -1;
    }
    c->a = a;
    c->story = story;
    change_push(l, c);
    return 0;
}

void change_splice(change_list *to, change_list *from) {
    if (!from->head) return;
    if (to->tail)
        to->tail->next = from->head;
    else
        to->head = from->head;
    to->tail = from->tail;
    to->n += from->n;
    *from = (change_list){0};
}

void change_free(change *c) {
    recoupe_article_free(c->a);
    free(c->name);
    free(c);
}

void change_list_free(change_list *l) {
    for (change *c = l->head, *nx; c; c = nx) {
        nx = c->next;
        change_free(c);
    }
    *l = (change_list){0};
}
