/* html_arena.c: a per-thread bump allocator under libxml2 for the life of one page.
 *
 * Building and freeing the DOM of a page is hundreds of thousands of small
 * malloc/free calls: a quarter of the extraction time went to the C library's
 * allocator. While a thread extracts a page, libxml2's allocations come from a
 * chain of large chunks instead (a pointer bump, no bookkeeping), frees are no-ops,
 * and the end of the page resets the chain in one step; the chunks stay with the
 * thread for the next page, the ones over a budget are given back.
 *
 * libxml2 takes one set of allocator functions per process (xmlMemSetup), so the
 * functions installed here pass through to malloc/free when the calling thread has
 * no page open, and free() tells an arena pointer from a heap one by the thread's
 * chunk ranges. Nothing allocated in the arena outlives the page: the document is
 * dropped with the reset, and libxml2's per-thread copy of the last parse error
 * (whose strings the parser duplicates) is cleared before it. Under AddressSanitizer
 * the released space is poisoned, so a stale pointer still shows up. */
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract/html.h"

#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif
#ifdef ARENA_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

enum { CHUNK = 1 << 20, KEEP = 16 << 20, ALIGN = 16 };

typedef struct chunk {
    struct chunk *next;
    size_t size, used; /* bytes of data after the header */
} chunk;

typedef struct arena {
    chunk *head; /* the chunk being filled is first */
    size_t total;
    int open;
} arena;

static _Thread_local arena A;
static pthread_key_t KEY; /* its destructor gives the chunks back when a thread ends */

/* The header in front of each block: its size, for realloc. */
typedef struct block {
    size_t size;
    size_t pad;
} block;

static char *data(chunk *c) {
    return (char *)(c + 1);
}

static int owns(const void *p) {
    for (chunk *c = A.head; c; c = c->next)
        if ((const char *)p >= data(c) && (const char *)p < data(c) + c->size) return 1;
    return 0;
}

static void *bump(size_t n) {
    size_t need = (sizeof(block) + n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (need < n) return NULL;
    chunk *c = A.head;
    if (!c || c->size - c->used < need) {
        /* a spare chunk behind the head may do; otherwise a new one */
        chunk *prev = c, *s = c ? c->next : NULL;
        while (s && s->size - s->used < need) prev = s, s = s->next;
        if (s) {
            prev->next = s->next;
        } else {
            size_t size = need > CHUNK ? need : CHUNK;
            s = malloc(sizeof(chunk) + size);
            if (!s) return NULL;
            if (!A.total) pthread_setspecific(KEY, &A);
            s->size = size;
            s->used = 0;
            A.total += size;
            POISON(data(s), size);
        }
        s->next = A.head;
        A.head = c = s;
    }
    block *b = (block *)(data(c) + c->used);
    c->used += need;
    UNPOISON(b, sizeof(block) + n);
    b->size = n;
    return b + 1;
}

static void *a_malloc(size_t n) {
    return A.open ? bump(n) : malloc(n);
}

static void a_free(void *p) {
    if (!p) return;
    if (A.head && owns(p)) return; /* the reset takes it back */
    free(p);
}

static void *a_realloc(void *p, size_t n) {
    if (!p) return a_malloc(n);
    if (!(A.head && owns(p))) return realloc(p, n); /* a heap block stays on the heap */
    size_t old = ((block *)p - 1)->size;
    if (n <= old) return p;
    void *q = bump(n);
    if (q) memcpy(q, p, old);
    return q;
}

static char *a_strdup(const char *s) {
    size_t n = strlen(s) + 1;
    char *d = a_malloc(n);
    if (d) memcpy(d, s, n);
    return d;
}

static pthread_once_t ONCE = PTHREAD_ONCE_INIT;

static void thread_end(void *p) {
    arena *a = p;
    while (a->head) {
        chunk *c = a->head;
        a->head = c->next;
        free(c);
    }
    a->total = 0;
}

static void install(void) {
    xmlInitParser(); /* libxml2's own globals come from the heap, before any arena */
    pthread_key_create(&KEY, thread_end);
    xmlMemSetup(a_free, a_malloc, a_realloc, a_strdup);
}

void html_arena_open(void) {
    pthread_once(&ONCE, install);
    A.open = 1;
}

void html_free_doc(xmlDoc *doc) {
    if (!A.open) xmlFreeDoc(doc);
}

void html_arena_close(void) {
    xmlResetLastError(); /* its strings are in the arena */
    A.open = 0;
    /* keep up to KEEP bytes of chunks for the next page, give back the rest */
    chunk **pp = &A.head;
    size_t kept = 0;
    while (*pp) {
        chunk *c = *pp;
        if (kept + c->size <= KEEP) {
            kept += c->size;
            c->used = 0;
            POISON(data(c), c->size);
            pp = &c->next;
        } else {
            *pp = c->next;
            A.total -= c->size;
            free(c);
        }
    }
}
