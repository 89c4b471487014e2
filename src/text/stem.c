/* stem.c: Snowball stems (libstemmer) for every language libstemmer has.
 *
 * An sb_stemmer is not thread-safe and costs a few allocations to create, so
 * each thread keeps its own small cache of them, keyed by language code and
 * created on first use (a language without a stemmer is cached as such too).
 * A pthread key destructor frees the cache when the thread ends. libstemmer
 * accepts ISO 639-1 codes directly ("fr", "ru"); only the Norwegian variants
 * need mapping. Words are expected normalised (lower case, NFKC).
 *
 * Word frequencies are Zipfian, so each thread also keeps a cache of recent
 * (stemmer, word) -> stem answers: most words of an article were stemmed a
 * moment ago, and a hit costs a hash and a memcmp instead of a Snowball run
 * (a few thousand instructions). The cache is STEM_SETS sets of one 64-byte
 * cache line (2 MB), each holding two entries, the one used last first: one
 * line is read per word, whichever entry answers. An entry is 32 bytes: the
 * word, then its stem written as the length of the prefix it shares with the
 * word (Snowball mostly cuts suffixes) and the bytes that follow that prefix;
 * a word and that tail fit when they take 28 bytes together (99% of words).
 * The set of a word does not depend on the language, so that the tokeniser
 * can fetch the sets of a text's words while it works (text_stem_table):
 * callers stem the words of a text just after tokenising it, and a set read
 * from memory is what a stem costs most. */
#include "text/text_internal.h"

#include <libstemmer.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define CACHE_SLOTS 16             /* at most 255: an entry of the stem cache names its stemmer in a byte */
#define STEM_MAX_WORD 96           /* longer "words" are not words: copied as they are */
#define STEM_SETS TEXT_STEM_SETS   /* sets of the per-thread stem cache (text_internal.h) */
#define ENTRY_BYTES TEXT_STEM_WORD /* room in an entry for the word and the tail of its stem */

typedef struct stem_entry {
    uint8_t id;   /* which stemmer answered: its slot + 1 (0: empty) */
    uint8_t wlen; /* bytes of the word, at data[0] */
    uint8_t pre;  /* the stem is word[0..pre) ... */
    uint8_t tlen; /* ... followed by data[wlen..wlen + tlen) */
    char data[ENTRY_BYTES];
} stem_entry;

typedef struct __attribute__((aligned(64))) stem_set {
    stem_entry e[2]; /* e[0] is the one used last */
} stem_set;
_Static_assert(sizeof(stem_set) == 64, "one cache line per set");

typedef struct stem_slot {
    char lang[8];
    struct sb_stemmer *st; /* NULL: no stemmer for this language */
} stem_slot;

typedef struct stem_cache {
    stem_slot slot[CACHE_SLOTS];
    size_t n, next_evict;
    size_t last;    /* the slot used last: most calls ask for the same language */
    stem_set *memo; /* STEM_SETS sets, 2 MB-aligned (one huge page where the kernel gives them) */
} stem_cache;

static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;
static _Thread_local stem_cache *tls_cache;

static void cache_free(void *p) {
    stem_cache *c = p;
    if (!c) return;
    for (size_t i = 0; i < c->n; i++)
        if (c->slot[i].st) sb_stemmer_delete(c->slot[i].st);
    free(c->memo);
    free(c);
}

static void cache_key_make(void) {
    (void)pthread_key_create(&cache_key, cache_free);
}

/* The key's destructor runs for threads that end, not for the one that calls
 * exit() (the main thread of a program that stems, e.g. live adds to stories):
 * its cache is freed when the library is unloaded, at exit. */
__attribute__((destructor)) static void cache_unload(void) {
    stem_cache *c = tls_cache;
    if (!c) return;
    tls_cache = NULL;
    (void)pthread_setspecific(cache_key, NULL);
    cache_free(c);
}

/* The libstemmer algorithm for a language code, or NULL. */
static const char *algorithm_for(const char *lang) {
    if (!strcmp(lang, "nb") || !strcmp(lang, "nn")) return "no";
    if (!strcmp(lang, "und") || !strcmp(lang, "porter")) return NULL;
    return lang;
}

/* The stemmer of lang (NULL: none) and, in *id, its slot + 1: the cache's lookup. */
static struct sb_stemmer *stemmer_find(const char *lang, unsigned *id) {
    stem_cache *c = tls_cache;
    char key[8];
    size_t k = 0;
    for (; lang[k] && k < sizeof key - 1; k++) {
        char ch = lang[k];
        if (ch == '-' || ch == '_') break; /* "pt-BR" -> "pt" */
        key[k] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    key[k] = '\0';
    if (!c) {
        pthread_once(&cache_once, cache_key_make);
        c = calloc(1, sizeof *c);
        size_t bytes = STEM_SETS * sizeof(stem_set);
        stem_set *memo = c ? aligned_alloc(bytes, bytes) : NULL;
        if (!memo) {
            free(c);
            return NULL;
        }
#ifdef MADV_HUGEPAGE
        /* its lines are read at random: one TLB entry instead of 512 */
        (void)madvise(memo, bytes, MADV_HUGEPAGE);
#endif
        memset(memo, 0, bytes);
        c->memo = memo;
        tls_cache = c;
        (void)pthread_setspecific(cache_key, c);
    }
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->slot[i].lang, key)) {
            c->last = i;
            *id = (unsigned)i + 1;
            return c->slot[i].st;
        }
    const char *alg = algorithm_for(key);
    struct sb_stemmer *st = alg && *alg ? sb_stemmer_new(alg, "UTF_8") : NULL;
    stem_slot *s;
    if (c->n < CACHE_SLOTS) {
        c->last = c->n;
        s = &c->slot[c->n++];
    } else {
        c->last = c->next_evict;
        s = &c->slot[c->next_evict];
        c->next_evict = (c->next_evict + 1) % CACHE_SLOTS;
        if (s->st) {
            /* forget what it answered: the new stemmer gets its id */
            uint8_t old = (uint8_t)(c->last + 1);
            for (size_t i = 0; i < STEM_SETS; i++)
                for (int w = 0; w < 2; w++)
                    if (c->memo[i].e[w].id == old) c->memo[i].e[w].id = 0;
            sb_stemmer_delete(s->st);
        }
    }
    memcpy(s->lang, key, k + 1);
    s->st = st;
    *id = (unsigned)c->last + 1;
    return st;
}

/* The same, for the language used last first, inline: it is asked for every word. */
static inline struct sb_stemmer *stemmer_for(const char *lang, unsigned *id) {
    stem_cache *c = tls_cache;
    if (c && c->n) {
        const char *l = c->slot[c->last].lang;
        size_t k = 0;
        while (l[k] && l[k] == lang[k]) k++;
        if (l[k] == lang[k]) {
            *id = (unsigned)c->last + 1;
            return c->slot[c->last].st;
        }
    }
    return stemmer_find(lang, id);
}

/* memcmp and memcpy for the short strings of the cache (n <= 32 bytes), inline:
 * 8-byte words, the last one overlapping, reading nothing past s[n). */
#define word8 text_load8
#define word4 text_load4

static inline int short_eq(const char *a, const char *b, size_t n) {
    if (n >= 8) {
        for (size_t i = 0; i + 8 < n; i += 8)
            if (word8(a + i) != word8(b + i)) return 0;
        return word8(a + n - 8) == word8(b + n - 8);
    }
    if (n >= 4) return word4(a) == word4(b) && word4(a + n - 4) == word4(b + n - 4);
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i]) return 0;
    return 1;
}

/* d and s must not overlap */
static inline void short_copy(char *d, const char *s, size_t n) {
    if (n >= 8) {
        for (size_t i = 0; i + 8 < n; i += 8) {
            uint64_t x = word8(s + i);
            memcpy(d + i, &x, 8);
        }
        uint64_t x = word8(s + n - 8);
        memcpy(d + n - 8, &x, 8);
    } else if (n >= 4) {
        uint32_t x = word4(s), y = word4(s + n - 4);
        memcpy(d, &x, 4);
        memcpy(d + n - 4, &y, 4);
    } else {
        for (size_t i = 0; i < n; i++) d[i] = s[i];
    }
}

static size_t copy_out(const char *w, size_t len, char *out, size_t cap) {
    if (!cap) return 0;
    if (len > cap - 1) {
        len = cap - 1;
        /* do not cut a UTF-8 sequence */
        while (len > 0 && ((unsigned char)w[len] & 0xC0) == 0x80) len--;
    }
    memmove(out, w, len);
    out[len] = '\0';
    return len;
}

/* The set of a word: the same whatever the language (entries name their stemmer),
 * so that the tokeniser can fetch it ahead (text_stem_set_of, text_internal.h). */
#define set_of text_stem_set_of

const void *text_stem_table(void) {
    stem_cache *c = tls_cache;
    return c ? (const void *)c->memo : NULL;
}

size_t text_stem(const char *lang, const char *word, size_t len, char *out, size_t cap) {
    if (!word) len = 0;
    if (!lang || !*lang || len == 0 || len > STEM_MAX_WORD) return copy_out(word ? word : "", len, out, cap);
    unsigned id;
    struct sb_stemmer *st = stemmer_for(lang, &id);
    if (!st) return copy_out(word, len, out, cap);
    stem_set *set = NULL;
    char stem[ENTRY_BYTES + 4];
    if (len <= ENTRY_BYTES) {
        set = &tls_cache->memo[set_of(word, len)];
        for (int w = 0; w < 2; w++) {
            stem_entry *e = &set->e[w];
            if (e->id == id && e->wlen == len && short_eq(e->data, word, len)) {
                size_t pre = e->pre, slen = pre + e->tlen;
                short_copy(stem, word, pre);
                short_copy(stem + pre, e->data + len, e->tlen);
                if (w) { /* the one used last goes first */
                    stem_entry t = set->e[0];
                    set->e[0] = *e;
                    set->e[1] = t;
                }
                if (slen < cap) { /* the stem fits: copied whole (stem[] is ours: no overlap) */
                    short_copy(out, stem, slen);
                    out[slen] = '\0';
                    return slen;
                }
                return copy_out(stem, slen, out, cap);
            }
        }
    }
    const sb_symbol *r = sb_stemmer_stem(st, (const sb_symbol *)word, (int)len);
    if (!r) /* out of memory inside libstemmer */
        return copy_out(word, len, out, cap);
    size_t rlen = (size_t)sb_stemmer_length(st);
    if (set) {
        size_t pre = 0;
        while (pre < len && pre < rlen && word[pre] == (const char)r[pre]) pre++;
        size_t tlen = rlen - pre;
        if (len + tlen <= ENTRY_BYTES) {
            set->e[1] = set->e[0];
            stem_entry *e = &set->e[0];
            e->id = (uint8_t)id;
            e->wlen = (uint8_t)len;
            e->pre = (uint8_t)pre;
            e->tlen = (uint8_t)tlen;
            memcpy(e->data, word, len);
            memcpy(e->data + len, r + pre, tlen);
        }
    }
    return copy_out((const char *)r, rlen, out, cap);
}

int text_has_stemmer(const char *lang) {
    unsigned id;
    return lang && *lang && stemmer_for(lang, &id) != NULL;
}
