/* stem.c: Snowball stems (libstemmer) for every language libstemmer has.
 *
 * An sb_stemmer is not thread-safe and costs a few allocations to create, so
 * each thread keeps its own small cache of them, keyed by language code and
 * created on first use (a language without a stemmer is cached as such too).
 * A pthread key destructor frees the cache when the thread ends. libstemmer
 * accepts ISO 639-1 codes directly ("fr", "ru"); only the Norwegian variants
 * need mapping. Words are expected normalised (lower case, NFKC). */
#include "text/text_internal.h"

#include <libstemmer.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define CACHE_SLOTS 16
#define STEM_MAX_WORD 96 /* longer "words" are not words: copied as they are */

typedef struct stem_slot {
    char lang[8];
    struct sb_stemmer *st; /* NULL: no stemmer for this language */
} stem_slot;

typedef struct stem_cache {
    stem_slot slot[CACHE_SLOTS];
    size_t n, next_evict;
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
    char key[8];
    size_t k = 0;
    for (; lang[k] && k < sizeof key - 1; k++) {
        char c = lang[k];
        if (c == '-' || c == '_')
            break; /* "pt-BR" -> "pt" */
        key[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    key[k] = '\0';
    stem_cache *c = tls_cache;
    if (!c) {
        pthread_once(&cache_once, cache_key_make);
        c = calloc(1, sizeof *c);
        if (!c)
            return NULL;
        tls_cache = c;
        (void)pthread_setspecific(cache_key, c);
    }
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->slot[i].lang, key))
            return c->slot[i].st;
    const char *alg = algorithm_for(key);
    struct sb_stemmer *st = alg && *alg ? sb_stemmer_new(alg, "UTF_8") : NULL;
    stem_slot *s;
    if (c->n < CACHE_SLOTS) {
        s = &c->slot[c->n++];
    } else {
        s = &c->slot[c->next_evict];
        c->next_evict = (c->next_evict + 1) % CACHE_SLOTS;
        if (s->st)
            sb_stemmer_delete(s->st);
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
    const sb_symbol *r = sb_stemmer_stem(st, (const sb_symbol *)word, (int)len);
    if (!r) /* out of memory inside libstemmer */
        return copy_out(word, len, out, cap);
    return copy_out((const char *)r, (size_t)sb_stemmer_length(st), out, cap);
}

int text_has_stemmer(const char *lang)
{
    return lang && *lang && stemmer_for(lang) != NULL;
}
