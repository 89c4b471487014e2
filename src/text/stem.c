/* stem.c: Snowball stems (libstemmer) for every language libstemmer has.
 *
 * An sb_stemmer is not thread-safe and costs a few allocations to create, so
 * each thread keeps its own small cache of them, keyed by language code and
 * created on first use (a language without a stemmer is cached as such too).
 * A pthread key destructor frees the cache when the thread ends. libstemmer
 * accepts ISO 639-1 codes directly ("fr", "ru"); only the Norwegian variants
 * need mapping. Words are expected normalised (lower case, NFKC).
 *
 * Word frequencies are Zipfian, so each thread also keeps a direct-mapped
 * cache of recent (stemmer, word) -> stem answers (STEM_MEMO slots, under
 * 2 MB): most words of an article were stemmed a moment ago, and a hit costs a
 * hash and a memcmp instead of a Snowball run. */
#include "text/text_internal.h"

#include <libstemmer.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#define XXH_INLINE_ALL /* short keys: let the compiler inline XXH3 */
#include <xxhash.h>

#define CACHE_SLOTS 16
#define STEM_MAX_WORD 96 /* longer "words" are not words: copied as they are */
#define STEM_MEMO 32768  /* slots of the per-thread stem cache (a power of two) */
#define MEMO_WORD 27     /* words up to this many bytes are cached: a slot is one 64-byte cache line */

typedef struct __attribute__((aligned(64))) stem_memo {
    const struct sb_stemmer *st; /* which stemmer answered (NULL: empty slot) */
    uint8_t wlen, slen;
    char word[MEMO_WORD], stem[MEMO_WORD];
} stem_memo;
_Static_assert(sizeof(stem_memo) == 64, "one cache line per slot");

typedef struct stem_slot {
    char lang[8];
    struct sb_stemmer *st; /* NULL: no stemmer for this language */
} stem_slot;

typedef struct stem_cache {
    stem_slot slot[CACHE_SLOTS];
    size_t n, next_evict;
    size_t last;              /* the slot used last: most calls ask for the same language */
    stem_memo memo[STEM_MEMO];
} stem_cache;

static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;
static _Thread_local stem_cache *tls_cache;

static void cache_free(void *p)
{
    stem_cache *c = p;
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++)
        if (c->slot[i].st)
            sb_stemmer_delete(c->slot[i].st);
    free(c);
}

static void cache_key_make(void)
{
    (void)pthread_key_create(&cache_key, cache_free);
}

/* The libstemmer algorithm for a language code, or NULL. */
static const char *algorithm_for(const char *lang)
{
    if (!strcmp(lang, "nb") || !strcmp(lang, "nn"))
        return "no";
    if (!strcmp(lang, "und") || !strcmp(lang, "porter"))
        return NULL;
    return lang;
}

static struct sb_stemmer *stemmer_for(const char *lang)
{
    stem_cache *c = tls_cache;
    if (c && c->n && !strcmp(c->slot[c->last].lang, lang))
        return c->slot[c->last].st;
    char key[8];
    size_t k = 0;
    for (; lang[k] && k < sizeof key - 1; k++) {
        char ch = lang[k];
        if (ch == '-' || ch == '_')
            break; /* "pt-BR" -> "pt" */
        key[k] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    key[k] = '\0';
    if (!c) {
        pthread_once(&cache_once, cache_key_make);
        c = aligned_alloc(64, sizeof *c);
        if (c)
            memset(c, 0, sizeof *c);
        if (!c)
            return NULL;
        tls_cache = c;
        (void)pthread_setspecific(cache_key, c);
    }
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->slot[i].lang, key)) {
            c->last = i;
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
            /* forget what it answered: a new stemmer may get the same address */
            for (size_t i = 0; i < STEM_MEMO; i++)
                if (c->memo[i].st == s->st)
                    c->memo[i].st = NULL;
            sb_stemmer_delete(s->st);
        }
    }
    memcpy(s->lang, key, k + 1);
    s->st = st;
    return st;
}

static size_t copy_out(const char *w, size_t len, char *out, size_t cap)
{
    if (!cap)
        return 0;
    if (len > cap - 1) {
        len = cap - 1;
        /* do not cut a UTF-8 sequence */
        while (len > 0 && ((unsigned char)w[len] & 0xC0) == 0x80)
            len--;
    }
    memmove(out, w, len);
    out[len] = '\0';
    return len;
}

size_t text_stem(const char *lang, const char *word, size_t len, char *out, size_t cap)
{
    if (!word)
        len = 0;
    if (!lang || !*lang || len == 0 || len > STEM_MAX_WORD)
        return copy_out(word ? word : "", len, out, cap);
    struct sb_stemmer *st = stemmer_for(lang);
    if (!st)
        return copy_out(word, len, out, cap);
    stem_memo *m = NULL;
    if (len <= MEMO_WORD) {
        uint64_t h = XXH3_64bits_withSeed(word, len, (uint64_t)(uintptr_t)st);
        m = &tls_cache->memo[(h ^ (h >> 29)) & (STEM_MEMO - 1)];
        if (m->st == st && m->wlen == len && !memcmp(m->word, word, len))
            return copy_out(m->stem, m->slen, out, cap);
    }
    const sb_symbol *r = sb_stemmer_stem(st, (const sb_symbol *)word, (int)len);
    if (!r) /* out of memory inside libstemmer */
        return copy_out(word, len, out, cap);
    size_t rlen = (size_t)sb_stemmer_length(st);
    if (m && rlen <= MEMO_WORD) {
        m->st = st;
        m->wlen = (uint8_t)len;
        m->slen = (uint8_t)rlen;
        memcpy(m->word, word, len);
        memcpy(m->stem, r, rlen);
    }
    return copy_out((const char *)r, rlen, out, cap);
}

int text_has_stemmer(const char *lang)
{
    return lang && *lang && stemmer_for(lang) != NULL;
}
