/* number_words.c: the words the number parser knows, in normalised form.
 *
 * Cardinal numbers, scale words and their abbreviations, month names (a number
 * next to one is a date, not a quantity), approximation phrases and units, for
 * French, English and Russian first, with the common forms of German, Spanish,
 * Italian and Portuguese. One table, hashed once (pthread_once) into an
 * open-addressing index; the words are the output of text_normalize (lower
 * case, NFKC). */
#include "text/numbers_internal.h"

#include <pthread.h>
#include <string.h>

static const numword words[] = {
    /* French */
    {"zéro", NW_UNIT, 0}, {"un", NW_ONE, 1}, {"une", NW_ONE, 1}, {"deux", NW_UNIT, 2},
    {"trois", NW_UNIT, 3}, {"quatre", NW_UNIT, 4}, {"cinq", NW_UNIT, 5}, {"six", NW_UNIT, 6},
    {"sept", NW_UNIT, 7}, {"huit", NW_UNIT, 8}, {"neuf", NW_UNIT, 9}, {"dix", NW_UNIT, 10},
    {"onze", NW_UNIT, 11}, {"douze", NW_UNIT, 12}, {"treize", NW_UNIT, 13},
    {"quatorze", NW_UNIT, 14}, {"quinze", NW_UNIT, 15}, {"seize", NW_UNIT, 16},
    {"vingt", NW_UNIT, 20}, {"vingts", NW_UNIT, 20}, {"trente", NW_UNIT, 30},
    {"quarante", NW_UNIT, 40}, {"cinquante", NW_UNIT, 50}, {"soixante", NW_UNIT, 60},
    {"septante", NW_UNIT, 70}, {"huitante", NW_UNIT, 80}, {"octante", NW_UNIT, 80},
    {"nonante", NW_UNIT, 90}, {"cent", NW_HUNDRED, 100}, {"cents", NW_HUNDRED, 100},
    {"mille", NW_SCALE, 1e3}, {"million", NW_SCALE, 1e6}, {"millions", NW_SCALE, 1e6},
    {"milliard", NW_SCALE, 1e9}, {"milliards", NW_SCALE, 1e9}, {"douzaine", NW_GROUP, 12},
    {"douzaines", NW_GROUP, 12}, {"dizaine", NW_GROUP, 10}, {"dizaines", NW_GROUP, 10},
    {"vingtaine", NW_GROUP, 20}, {"trentaine", NW_GROUP, 30}, {"centaine", NW_GROUP, 100},
    {"centaines", NW_GROUP, 100}, {"millier", NW_GROUP, 1e3}, {"milliers", NW_GROUP, 1e3},
    {"et", NW_AND, 0},
    /* English */
    {"zero", NW_UNIT, 0}, {"one", NW_ONE, 1}, {"a", NW_ONE, 1}, {"an", NW_ONE, 1},
    {"two", NW_UNIT, 2}, {"three", NW_UNIT, 3}, {"four", NW_UNIT, 4}, {"five", NW_UNIT, 5},
    {"seven", NW_UNIT, 7}, {"eight", NW_UNIT, 8}, {"nine", NW_UNIT, 9}, {"ten", NW_UNIT, 10},
    {"eleven", NW_UNIT, 11}, {"twelve", NW_UNIT, 12}, {"thirteen", NW_UNIT, 13},
    {"fourteen", NW_UNIT, 14}, {"fifteen", NW_UNIT, 15}, {"sixteen", NW_UNIT, 16},
    {"seventeen", NW_UNIT, 17}, {"eighteen", NW_UNIT, 18}, {"nineteen", NW_UNIT, 19},
    {"twenty", NW_UNIT, 20}, {"thirty", NW_UNIT, 30}, {"forty", NW_UNIT, 40},
    {"fifty", NW_UNIT, 50}, {"sixty", NW_UNIT, 60}, {"seventy", NW_UNIT, 70},
    {"eighty", NW_UNIT, 80}, {"ninety", NW_UNIT, 90}, {"hundred", NW_HUNDRED, 100},
    {"hundreds", NW_GROUP, 100}, {"thousand", NW_SCALE, 1e3}, {"thousands", NW_GROUP, 1e3},
    {"billion", NW_SCALE, 1e9}, {"billions", NW_GROUP, 1e9}, {"trillion", NW_SCALE, 1e12},
    {"dozen", NW_DOZEN, 12}, {"dozens", NW_GROUP, 12}, {"and", NW_AND, 0},
    /* Russian */
    {"ноль", NW_UNIT, 0}, {"один", NW_ONE, 1}, {"одна", NW_ONE, 1}, {"одно", NW_ONE, 1},
    {"два", NW_UNIT, 2}, {"две", NW_UNIT, 2}, {"двух", NW_UNIT, 2}, {"три", NW_UNIT, 3},
    {"трех", NW_UNIT, 3}, {"трёх", NW_UNIT, 3}, {"четыре", NW_UNIT, 4},
    {"четырех", NW_UNIT, 4}, {"пять", NW_UNIT, 5}, {"пяти", NW_UNIT, 5},
    {"шесть", NW_UNIT, 6}, {"семь", NW_UNIT, 7}, {"восемь", NW_UNIT, 8},
    {"девять", NW_UNIT, 9}, {"десять", NW_UNIT, 10}, {"десяти", NW_UNIT, 10},
    {"одиннадцать", NW_UNIT, 11}, {"двенадцать", NW_UNIT, 12}, {"тринадцать", NW_UNIT, 13},
    {"четырнадцать", NW_UNIT, 14}, {"пятнадцать", NW_UNIT, 15},
    {"шестнадцать", NW_UNIT, 16}, {"семнадцать", NW_UNIT, 17},
    {"восемнадцать", NW_UNIT, 18}, {"девятнадцать", NW_UNIT, 19},
    {"двадцать", NW_UNIT, 20}, {"тридцать", NW_UNIT, 30}, {"сорок", NW_UNIT, 40},
    {"пятьдесят", NW_UNIT, 50}, {"шестьдесят", NW_UNIT, 60}, {"семьдесят", NW_UNIT, 70},
    {"восемьдесят", NW_UNIT, 80}, {"девяносто", NW_UNIT, 90}, {"сто", NW_UNIT, 100},
    {"двести", NW_UNIT, 200}, {"триста", NW_UNIT, 300}, {"четыреста", NW_UNIT, 400},
    {"пятьсот", NW_UNIT, 500}, {"шестьсот", NW_UNIT, 600}, {"семьсот", NW_UNIT, 700},
    {"восемьсот", NW_UNIT, 800}, {"девятьсот", NW_UNIT, 900}, {"тысяча", NW_SCALE, 1e3},
    {"тысячи", NW_SCALE, 1e3}, {"тысяч", NW_SCALE, 1e3}, {"тысячу", NW_SCALE, 1e3},
    {"миллион", NW_SCALE, 1e6}, {"миллиона", NW_SCALE, 1e6}, {"миллионов", NW_SCALE, 1e6},
    {"миллиард", NW_SCALE, 1e9}, {"миллиарда", NW_SCALE, 1e9},
    {"миллиардов", NW_SCALE, 1e9}, {"дюжина", NW_DOZEN, 12}, {"десяток", NW_GROUP, 10},
    {"десятки", NW_GROUP, 10}, {"сотни", NW_GROUP, 100},
    /* other languages: scales */
    {"tausend", NW_SCALE, 1e3}, {"millionen", NW_SCALE, 1e6}, {"milliarde", NW_SCALE, 1e9},
    {"milliarden", NW_SCALE, 1e9}, {"mil", NW_SCALE, 1e3}, {"millón", NW_SCALE, 1e6},
    {"millones", NW_SCALE, 1e6}, {"mila", NW_SCALE, 1e3}, {"milione", NW_SCALE, 1e6},
    {"milioni", NW_SCALE, 1e6}, {"miliardo", NW_SCALE, 1e9}, {"miliardi", NW_SCALE, 1e9},
    {"milhão", NW_SCALE, 1e6}, {"milhões", NW_SCALE, 1e6}, {"bilhão", NW_SCALE, 1e9},
    {"bilhões", NW_SCALE, 1e9}, {"mln", NW_ABBR, 1e6}, {"млн", NW_ABBR, 1e6},
    {"млрд", NW_ABBR, 1e9}, {"тыс", NW_ABBR, 1e3}, {"bn", NW_ABBR, 1e9}, {"md", NW_ABBR, 1e9},
    {"mds", NW_ABBR, 1e9}, {"mrd", NW_ABBR, 1e9}, {"mio", NW_ABBR, 1e6}, {"k", NW_ABBR, 1e3},
    {"mn", NW_ABBR, 1e6},
    /* months */
    {"janvier", NW_MONTH, 1}, {"février", NW_MONTH, 2}, {"mars", NW_MONTH, 3},
    {"avril", NW_MONTH, 4}, {"mai", NW_MONTH, 5}, {"juin", NW_MONTH, 6},
    {"juillet", NW_MONTH, 7}, {"août", NW_MONTH, 8}, {"septembre", NW_MONTH, 9},
    {"octobre", NW_MONTH, 10}, {"novembre", NW_MONTH, 11}, {"décembre", NW_MONTH, 12},
    {"january", NW_MONTH, 1}, {"february", NW_MONTH, 2}, {"march", NW_MONTH, 3},
    {"april", NW_MONTH, 4}, {"may", NW_MONTH, 5}, {"june", NW_MONTH, 6}, {"july", NW_MONTH, 7},
    {"august", NW_MONTH, 8}, {"september", NW_MONTH, 9}, {"october", NW_MONTH, 10},
    {"november", NW_MONTH, 11}, {"december", NW_MONTH, 12}, {"jan", NW_MONTH, 1},
    {"feb", NW_MONTH, 2}, {"apr", NW_MONTH, 4}, {"jun", NW_MONTH, 6}, {"jul", NW_MONTH, 7},
    {"aug", NW_MONTH, 8}, {"sep", NW_MONTH, 9},
    {"oct", NW_MONTH, 10}, {"nov", NW_MONTH, 11}, {"dec", NW_MONTH, 12},
    {"января", NW_MONTH, 1}, {"февраля", NW_MONTH, 2}, {"марта", NW_MONTH, 3},
    {"апреля", NW_MONTH, 4}, {"мая", NW_MONTH, 5}, {"июня", NW_MONTH, 6},
    {"июля", NW_MONTH, 7}, {"августа", NW_MONTH, 8}, {"сентября", NW_MONTH, 9},
    {"октября", NW_MONTH, 10}, {"ноября", NW_MONTH, 11}, {"декабря", NW_MONTH, 12},
    {"januar", NW_MONTH, 1}, {"februar", NW_MONTH, 2}, {"märz", NW_MONTH, 3},
    {"juni", NW_MONTH, 6}, {"juli", NW_MONTH, 7}, {"oktober", NW_MONTH, 10},
    {"dezember", NW_MONTH, 12}, {"enero", NW_MONTH, 1}, {"febrero", NW_MONTH, 2},
    {"marzo", NW_MONTH, 3}, {"abril", NW_MONTH, 4}, {"mayo", NW_MONTH, 5},
    {"junio", NW_MONTH, 6}, {"julio", NW_MONTH, 7}, {"agosto", NW_MONTH, 8},
    {"septiembre", NW_MONTH, 9}, {"octubre", NW_MONTH, 10}, {"noviembre", NW_MONTH, 11},
    {"diciembre", NW_MONTH, 12}, {"gennaio", NW_MONTH, 1}, {"febbraio", NW_MONTH, 2},
    {"aprile", NW_MONTH, 4}, {"maggio", NW_MONTH, 5}, {"giugno", NW_MONTH, 6},
    {"luglio", NW_MONTH, 7}, {"settembre", NW_MONTH, 9}, {"ottobre", NW_MONTH, 10},
    {"dicembre", NW_MONTH, 12},
    /* units written after a number */
    {"km", NW_UNITWORD, 0}, {"km2", NW_UNITWORD, 0}, {"m2", NW_UNITWORD, 0},
    {"kg", NW_UNITWORD, 0}, {"km/h", NW_UNITWORD, 0}, {"ha", NW_UNITWORD, 0},
    {"mw", NW_UNITWORD, 0}, {"gw", NW_UNITWORD, 0}, {"kwh", NW_UNITWORD, 0},
    {"mph", NW_UNITWORD, 0}, {"cm", NW_UNITWORD, 0}, {"mm", NW_UNITWORD, 0},
    {"км", NW_UNITWORD, 0}, {"кг", NW_UNITWORD, 0}, {"euros", NW_UNITWORD, 0},
    {"euro", NW_UNITWORD, 0}, {"dollars", NW_UNITWORD, 0}, {"dollar", NW_UNITWORD, 0},
    {"долларов", NW_UNITWORD, 0}, {"рублей", NW_UNITWORD, 0}, {"евро", NW_UNITWORD, 0},
    {"tonnes", NW_UNITWORD, 0}, {"tons", NW_UNITWORD, 0}, {"miles", NW_UNITWORD, 0},
    {"kilomètres", NW_UNITWORD, 0}, {"kilometres", NW_UNITWORD, 0},
    {"kilometers", NW_UNITWORD, 0}, {"километров", NW_UNITWORD, 0},
    {"процентов", NW_UNITWORD, 0},
    {"процента", NW_UNITWORD, 0}, {"percent", NW_UNITWORD, 0},
};

/* An open-addressing index over words[], built once: a lookup is one hash and
 * (nearly always) at most one strcmp; most tokens are not number words. */
#define INDEX_SLOTS 1024 /* a power of two, over twice the number of words */
static short word_index[INDEX_SLOTS];
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

static unsigned hash_word(const char *w)
{
    unsigned h = 2166136261u; /* FNV-1a */
    for (; *w; w++)
        h = (h ^ (unsigned char)*w) * 16777619u;
    return h;
}

static void build_index(void)
{
    _Static_assert(sizeof words / sizeof *words * 2 < INDEX_SLOTS, "index too small");
    for (size_t i = 0; i < INDEX_SLOTS; i++)
        word_index[i] = -1;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        unsigned j = hash_word(words[i].w) & (INDEX_SLOTS - 1);
        while (word_index[j] >= 0) {
            if (!strcmp(words[word_index[j]].w, words[i].w))
                break; /* a duplicate: the first entry wins */
            j = (j + 1) & (INDEX_SLOTS - 1);
        }
        if (word_index[j] < 0)
            word_index[j] = (short)i;
    }
}

const numword *numword_find(const char *w)
{
    pthread_once(&index_once, build_index);
    for (unsigned j = hash_word(w) & (INDEX_SLOTS - 1); word_index[j] >= 0; j = (j + 1) & (INDEX_SLOTS - 1))
        if (!strcmp(words[word_index[j]].w, w))
            return &words[word_index[j]];
    return NULL;
}

/* Approximation phrases, as normalised tokens separated by spaces ("jusqu' à"). */
static const char *const approx[] = {
    "jusqu' à", "plus de", "plus d'", "moins de", "moins d'", "environ", "quelque", "quelques",
    "près de", "presque", "au moins", "au plus", "autour de", "approximativement", "quasiment",
    "pas moins de", "pas moins d'", "entre", "up to", "about", "around", "more than",
    "less than", "fewer than", "nearly", "almost", "some", "approximately", "roughly", "over",
    "at least", "at most", "as many as", "an estimated", "estimated", "close to", "under",
    "до", "около", "более", "почти", "свыше", "примерно", "порядка", "менее", "не менее",
    "не более", "больше", "меньше", "приблизительно", "bis zu", "etwa", "rund", "mehr als",
    "fast", "über", "ungefähr", "circa", "hasta", "unos", "unas", "alrededor de", "más de",
    "casi", "cerca de", "aproximadamente", "menos de", "fino a", "oltre", "più di", "quasi",
    "almeno", "cerca de", "mais de", "até",
};

size_t numword_approx(const char *const *tok, size_t n, char *out, size_t cap)
{
    /* tok[0..n) are the tokens just before the number, nearest last; the longest phrase wins */
    size_t best = 0;
    for (size_t k = 0; k < sizeof approx / sizeof *approx; k++) {
        const char *p = approx[k];
        size_t words_in = 1;
        for (const char *q = p; *q; q++)
            words_in += *q == ' ';
        if (words_in > n || words_in <= best)
            continue;
        /* compare p with tok[n-words_in .. n) joined by spaces */
        const char *q = p;
        size_t i;
        for (i = n - words_in; i < n; i++) {
            size_t l = strlen(tok[i]);
            if (strncmp(q, tok[i], l) != 0)
                break;
            q += l;
            if (i + 1 < n) {
                if (*q != ' ')
                    break;
                q++;
            }
        }
        if (i == n && *q == '\0') {
            best = words_in;
            /* the phrase as written: no space after an elided word */
            size_t o = 0;
            for (const char *r = p; *r && o + 1 < cap; r++) {
                if (*r == ' ' && r > p && r[-1] == '\'')
                    continue;
                out[o++] = *r;
            }
            if (cap)
                out[o] = '\0';
        }
    }
    return best;
}
