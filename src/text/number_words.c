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

/* a table, several entries a line as it reads: kept out of clang-format */
// clang-format off
static const numword words[] = {
    /* French */
    {"zéro", NW_UNIT, 0, NULL}, {"un", NW_ONE, 1, NULL}, {"une", NW_ONE, 1, NULL},
    {"deux", NW_UNIT, 2, NULL}, {"trois", NW_UNIT, 3, NULL}, {"quatre", NW_UNIT, 4, NULL},
    {"cinq", NW_UNIT, 5, NULL}, {"six", NW_UNIT, 6, NULL}, {"sept", NW_UNIT, 7, NULL},
    {"huit", NW_UNIT, 8, NULL}, {"neuf", NW_UNIT, 9, NULL}, {"dix", NW_UNIT, 10, NULL},
    {"onze", NW_UNIT, 11, NULL}, {"douze", NW_UNIT, 12, NULL}, {"treize", NW_UNIT, 13, NULL},
    {"quatorze", NW_UNIT, 14, NULL}, {"quinze", NW_UNIT, 15, NULL}, {"seize", NW_UNIT, 16, NULL},
    {"vingt", NW_UNIT, 20, NULL}, {"vingts", NW_UNIT, 20, NULL}, {"trente", NW_UNIT, 30, NULL},
    {"quarante", NW_UNIT, 40, NULL}, {"cinquante", NW_UNIT, 50, NULL},
    {"soixante", NW_UNIT, 60, NULL}, {"septante", NW_UNIT, 70, NULL},
    {"huitante", NW_UNIT, 80, NULL}, {"octante", NW_UNIT, 80, NULL}, {"nonante", NW_UNIT, 90, NULL},
    {"cent", NW_HUNDRED, 100, NULL}, {"cents", NW_HUNDRED, 100, NULL},
    {"mille", NW_SCALE, 1e3, NULL}, {"million", NW_SCALE, 1e6, NULL},
    {"millions", NW_SCALE, 1e6, NULL}, {"milliard", NW_SCALE, 1e9, NULL},
    {"milliards", NW_SCALE, 1e9, NULL}, {"douzaine", NW_GROUP, 12, NULL},
    {"douzaines", NW_GROUP, 12, NULL}, {"dizaine", NW_GROUP, 10, NULL},
    {"dizaines", NW_GROUP, 10, NULL}, {"vingtaine", NW_GROUP, 20, NULL},
    {"trentaine", NW_GROUP, 30, NULL}, {"centaine", NW_GROUP, 100, NULL},
    {"centaines", NW_GROUP, 100, NULL}, {"millier", NW_GROUP, 1e3, NULL},
    {"milliers", NW_GROUP, 1e3, NULL}, {"et", NW_AND, 0, NULL},
    /* English */
    {"zero", NW_UNIT, 0, NULL}, {"one", NW_ONE, 1, NULL}, {"a", NW_ONE, 1, NULL},
    {"an", NW_ONE, 1, NULL}, {"two", NW_UNIT, 2, NULL}, {"three", NW_UNIT, 3, NULL},
    {"four", NW_UNIT, 4, NULL}, {"five", NW_UNIT, 5, NULL}, {"seven", NW_UNIT, 7, NULL},
    {"eight", NW_UNIT, 8, NULL}, {"nine", NW_UNIT, 9, NULL}, {"ten", NW_UNIT, 10, NULL},
    {"eleven", NW_UNIT, 11, NULL}, {"twelve", NW_UNIT, 12, NULL}, {"thirteen", NW_UNIT, 13, NULL},
    {"fourteen", NW_UNIT, 14, NULL}, {"fifteen", NW_UNIT, 15, NULL}, {"sixteen", NW_UNIT, 16, NULL},
    {"seventeen", NW_UNIT, 17, NULL}, {"eighteen", NW_UNIT, 18, NULL},
    {"nineteen", NW_UNIT, 19, NULL}, {"twenty", NW_UNIT, 20, NULL}, {"thirty", NW_UNIT, 30, NULL},
    {"forty", NW_UNIT, 40, NULL}, {"fifty", NW_UNIT, 50, NULL}, {"sixty", NW_UNIT, 60, NULL},
    {"seventy", NW_UNIT, 70, NULL}, {"eighty", NW_UNIT, 80, NULL}, {"ninety", NW_UNIT, 90, NULL},
    {"hundred", NW_HUNDRED, 100, NULL}, {"hundreds", NW_GROUP, 100, NULL},
    {"thousand", NW_SCALE, 1e3, NULL}, {"thousands", NW_GROUP, 1e3, NULL},
    {"billion", NW_SCALE, 1e9, NULL}, {"billions", NW_GROUP, 1e9, NULL},
    {"trillion", NW_SCALE, 1e12, NULL}, {"dozen", NW_DOZEN, 12, NULL},
    {"dozens", NW_GROUP, 12, NULL}, {"and", NW_AND, 0, NULL},
    /* Russian */
    {"ноль", NW_UNIT, 0, NULL}, {"один", NW_ONE, 1, NULL}, {"одна", NW_ONE, 1, NULL},
    {"одно", NW_ONE, 1, NULL}, {"два", NW_UNIT, 2, NULL}, {"две", NW_UNIT, 2, NULL},
    {"двух", NW_UNIT, 2, NULL}, {"три", NW_UNIT, 3, NULL}, {"трех", NW_UNIT, 3, NULL},
    {"трёх", NW_UNIT, 3, NULL}, {"четыре", NW_UNIT, 4, NULL}, {"четырех", NW_UNIT, 4, NULL},
    {"пять", NW_UNIT, 5, NULL}, {"пяти", NW_UNIT, 5, NULL}, {"шесть", NW_UNIT, 6, NULL},
    {"семь", NW_UNIT, 7, NULL}, {"восемь", NW_UNIT, 8, NULL}, {"девять", NW_UNIT, 9, NULL},
    {"десять", NW_UNIT, 10, NULL}, {"десяти", NW_UNIT, 10, NULL},
    {"одиннадцать", NW_UNIT, 11, NULL}, {"двенадцать", NW_UNIT, 12, NULL},
    {"тринадцать", NW_UNIT, 13, NULL}, {"четырнадцать", NW_UNIT, 14, NULL},
    {"пятнадцать", NW_UNIT, 15, NULL}, {"шестнадцать", NW_UNIT, 16, NULL},
    {"семнадцать", NW_UNIT, 17, NULL}, {"восемнадцать", NW_UNIT, 18, NULL},
    {"девятнадцать", NW_UNIT, 19, NULL}, {"двадцать", NW_UNIT, 20, NULL},
    {"тридцать", NW_UNIT, 30, NULL}, {"сорок", NW_UNIT, 40, NULL}, {"пятьдесят", NW_UNIT, 50, NULL},
    {"шестьдесят", NW_UNIT, 60, NULL}, {"семьдесят", NW_UNIT, 70, NULL},
    {"восемьдесят", NW_UNIT, 80, NULL}, {"девяносто", NW_UNIT, 90, NULL},
    {"сто", NW_UNIT, 100, NULL}, {"двести", NW_UNIT, 200, NULL}, {"триста", NW_UNIT, 300, NULL},
    {"четыреста", NW_UNIT, 400, NULL}, {"пятьсот", NW_UNIT, 500, NULL},
    {"шестьсот", NW_UNIT, 600, NULL}, {"семьсот", NW_UNIT, 700, NULL},
    {"восемьсот", NW_UNIT, 800, NULL}, {"девятьсот", NW_UNIT, 900, NULL},
    {"тысяча", NW_SCALE, 1e3, NULL}, {"тысячи", NW_SCALE, 1e3, NULL},
    {"тысяч", NW_SCALE, 1e3, NULL}, {"тысячу", NW_SCALE, 1e3, NULL},
    {"миллион", NW_SCALE, 1e6, NULL}, {"миллиона", NW_SCALE, 1e6, NULL},
    {"миллионов", NW_SCALE, 1e6, NULL}, {"миллиард", NW_SCALE, 1e9, NULL},
    {"миллиарда", NW_SCALE, 1e9, NULL}, {"миллиардов", NW_SCALE, 1e9, NULL},
    {"дюжина", NW_DOZEN, 12, NULL}, {"десяток", NW_GROUP, 10, NULL},
    {"десятки", NW_GROUP, 10, NULL}, {"сотни", NW_GROUP, 100, NULL},
    /* German, Spanish, Italian, Portuguese: only in text of that language ("due",
     * "dos", "sei" are words of others) */
    {"ein", NW_ONE, 1, "de"}, {"eine", NW_ONE, 1, "de"}, {"zwei", NW_UNIT, 2, "de"},
    {"drei", NW_UNIT, 3, "de"}, {"vier", NW_UNIT, 4, "de"}, {"fünf", NW_UNIT, 5, "de"},
    {"sechs", NW_UNIT, 6, "de"}, {"sieben", NW_UNIT, 7, "de"}, {"acht", NW_UNIT, 8, "de"},
    {"neun", NW_UNIT, 9, "de"}, {"zehn", NW_UNIT, 10, "de"}, {"zwölf", NW_UNIT, 12, "de"},
    {"zwanzig", NW_UNIT, 20, "de"}, {"dreißig", NW_UNIT, 30, "de"}, {"dreissig", NW_UNIT, 30, "de"},
    {"hundert", NW_HUNDRED, 100, "de"}, {"dutzend", NW_DOZEN, 12, "de"},
    {"hunderte", NW_GROUP, 100, "de"}, {"tausende", NW_GROUP, 1e3, "de"}, {"uno", NW_ONE, 1, "es"},
    {"una", NW_ONE, 1, "es"}, {"dos", NW_UNIT, 2, "es"}, {"tres", NW_UNIT, 3, "es"},
    {"cuatro", NW_UNIT, 4, "es"}, {"cinco", NW_UNIT, 5, "es"}, {"seis", NW_UNIT, 6, "es"},
    {"siete", NW_UNIT, 7, "es"}, {"ocho", NW_UNIT, 8, "es"}, {"nueve", NW_UNIT, 9, "es"},
    {"diez", NW_UNIT, 10, "es"}, {"doce", NW_UNIT, 12, "es"}, {"veinte", NW_UNIT, 20, "es"},
    {"treinta", NW_UNIT, 30, "es"}, {"cien", NW_HUNDRED, 100, "es"},
    {"ciento", NW_HUNDRED, 100, "es"}, {"doscientos", NW_UNIT, 200, "es"},
    {"docena", NW_DOZEN, 12, "es"}, {"miles", NW_GROUP, 1e3, "es"}, {"y", NW_AND, 0, "es"},
    {"uno", NW_ONE, 1, "it"}, {"una", NW_ONE, 1, "it"}, {"due", NW_UNIT, 2, "it"},
    {"tre", NW_UNIT, 3, "it"}, {"quattro", NW_UNIT, 4, "it"}, {"cinque", NW_UNIT, 5, "it"},
    {"sei", NW_UNIT, 6, "it"}, {"sette", NW_UNIT, 7, "it"}, {"otto", NW_UNIT, 8, "it"},
    {"nove", NW_UNIT, 9, "it"}, {"dieci", NW_UNIT, 10, "it"}, {"dodici", NW_UNIT, 12, "it"},
    {"venti", NW_UNIT, 20, "it"}, {"trenta", NW_UNIT, 30, "it"}, {"cento", NW_HUNDRED, 100, "it"},
    {"dozzina", NW_DOZEN, 12, "it"}, {"migliaia", NW_GROUP, 1e3, "it"}, {"um", NW_ONE, 1, "pt"},
    {"uma", NW_ONE, 1, "pt"}, {"dois", NW_UNIT, 2, "pt"}, {"duas", NW_UNIT, 2, "pt"},
    {"três", NW_UNIT, 3, "pt"}, {"quatro", NW_UNIT, 4, "pt"}, {"cinco", NW_UNIT, 5, "pt"},
    {"seis", NW_UNIT, 6, "pt"}, {"sete", NW_UNIT, 7, "pt"}, {"oito", NW_UNIT, 8, "pt"},
    {"nove", NW_UNIT, 9, "pt"}, {"dez", NW_UNIT, 10, "pt"}, {"vinte", NW_UNIT, 20, "pt"},
    {"cem", NW_HUNDRED, 100, "pt"}, {"mil", NW_SCALE, 1e3, "pt"}, {"milhares", NW_GROUP, 1e3, "pt"},
    {"dúzia", NW_DOZEN, 12, "pt"},
    /* Ukrainian */
    {"два", NW_UNIT, 2, "uk"}, {"дві", NW_UNIT, 2, "uk"}, {"три", NW_UNIT, 3, "uk"},
    {"тисяча", NW_SCALE, 1e3, "uk"}, {"тисячі", NW_SCALE, 1e3, "uk"},
    {"тисяч", NW_SCALE, 1e3, "uk"}, {"мільйон", NW_SCALE, 1e6, "uk"},
    {"мільйони", NW_SCALE, 1e6, "uk"}, {"мільйонів", NW_SCALE, 1e6, "uk"},
    {"мільярд", NW_SCALE, 1e9, "uk"}, {"мільярдів", NW_SCALE, 1e9, "uk"},
    /* other languages: scales */
    {"tausend", NW_SCALE, 1e3, NULL}, {"millionen", NW_SCALE, 1e6, NULL},
    {"milliarde", NW_SCALE, 1e9, NULL}, {"milliarden", NW_SCALE, 1e9, NULL},
    {"mil", NW_SCALE, 1e3, NULL}, {"millón", NW_SCALE, 1e6, NULL},
    {"millones", NW_SCALE, 1e6, NULL}, {"mila", NW_SCALE, 1e3, NULL},
    {"milione", NW_SCALE, 1e6, NULL}, {"milioni", NW_SCALE, 1e6, NULL},
    {"miliardo", NW_SCALE, 1e9, NULL}, {"miliardi", NW_SCALE, 1e9, NULL},
    {"milhão", NW_SCALE, 1e6, NULL}, {"milhões", NW_SCALE, 1e6, NULL},
    {"bilhão", NW_SCALE, 1e9, NULL}, {"bilhões", NW_SCALE, 1e9, NULL}, {"mln", NW_ABBR, 1e6, NULL},
    {"млн", NW_ABBR, 1e6, NULL}, {"млрд", NW_ABBR, 1e9, NULL}, {"тыс", NW_ABBR, 1e3, NULL},
    {"bn", NW_ABBR, 1e9, NULL}, {"md", NW_ABBR, 1e9, NULL}, {"mds", NW_ABBR, 1e9, NULL},
    {"mrd", NW_ABBR, 1e9, NULL}, {"mio", NW_ABBR, 1e6, NULL}, {"k", NW_ABBR, 1e3, NULL},
    {"mn", NW_ABBR, 1e6, NULL},
    /* months */
    {"janvier", NW_MONTH, 1, NULL}, {"février", NW_MONTH, 2, NULL}, {"mars", NW_MONTH, 3, NULL},
    {"avril", NW_MONTH, 4, NULL}, {"mai", NW_MONTH, 5, NULL}, {"juin", NW_MONTH, 6, NULL},
    {"juillet", NW_MONTH, 7, NULL}, {"août", NW_MONTH, 8, NULL}, {"septembre", NW_MONTH, 9, NULL},
    {"octobre", NW_MONTH, 10, NULL}, {"novembre", NW_MONTH, 11, NULL},
    {"décembre", NW_MONTH, 12, NULL}, {"january", NW_MONTH, 1, NULL},
    {"february", NW_MONTH, 2, NULL}, {"march", NW_MONTH, 3, NULL}, {"april", NW_MONTH, 4, NULL},
    {"may", NW_MONTH, 5, NULL}, {"june", NW_MONTH, 6, NULL}, {"july", NW_MONTH, 7, NULL},
    {"august", NW_MONTH, 8, NULL}, {"september", NW_MONTH, 9, NULL},
    {"october", NW_MONTH, 10, NULL}, {"november", NW_MONTH, 11, NULL},
    {"december", NW_MONTH, 12, NULL}, {"jan", NW_MONTH, 1, NULL}, {"feb", NW_MONTH, 2, NULL},
    {"apr", NW_MONTH, 4, NULL}, {"jun", NW_MONTH, 6, NULL}, {"jul", NW_MONTH, 7, NULL},
    {"aug", NW_MONTH, 8, NULL}, {"sep", NW_MONTH, 9, NULL}, {"oct", NW_MONTH, 10, NULL},
    {"nov", NW_MONTH, 11, NULL}, {"dec", NW_MONTH, 12, NULL}, {"января", NW_MONTH, 1, NULL},
    {"февраля", NW_MONTH, 2, NULL}, {"марта", NW_MONTH, 3, NULL}, {"апреля", NW_MONTH, 4, NULL},
    {"мая", NW_MONTH, 5, NULL}, {"июня", NW_MONTH, 6, NULL}, {"июля", NW_MONTH, 7, NULL},
    {"августа", NW_MONTH, 8, NULL}, {"сентября", NW_MONTH, 9, NULL},
    {"октября", NW_MONTH, 10, NULL}, {"ноября", NW_MONTH, 11, NULL},
    {"декабря", NW_MONTH, 12, NULL}, {"januar", NW_MONTH, 1, NULL}, {"februar", NW_MONTH, 2, NULL},
    {"märz", NW_MONTH, 3, NULL}, {"juni", NW_MONTH, 6, NULL}, {"juli", NW_MONTH, 7, NULL},
    {"oktober", NW_MONTH, 10, NULL}, {"dezember", NW_MONTH, 12, NULL}, {"enero", NW_MONTH, 1, NULL},
    {"febrero", NW_MONTH, 2, NULL}, {"marzo", NW_MONTH, 3, NULL}, {"abril", NW_MONTH, 4, NULL},
    {"mayo", NW_MONTH, 5, NULL}, {"junio", NW_MONTH, 6, NULL}, {"julio", NW_MONTH, 7, NULL},
    {"agosto", NW_MONTH, 8, NULL}, {"septiembre", NW_MONTH, 9, NULL},
    {"octubre", NW_MONTH, 10, NULL}, {"noviembre", NW_MONTH, 11, NULL},
    {"diciembre", NW_MONTH, 12, NULL}, {"gennaio", NW_MONTH, 1, NULL},
    {"febbraio", NW_MONTH, 2, NULL}, {"aprile", NW_MONTH, 4, NULL}, {"maggio", NW_MONTH, 5, NULL},
    {"giugno", NW_MONTH, 6, NULL}, {"luglio", NW_MONTH, 7, NULL}, {"settembre", NW_MONTH, 9, NULL},
    {"ottobre", NW_MONTH, 10, NULL}, {"dicembre", NW_MONTH, 12, NULL},
    /* units written after a number */
    {"km", NW_UNITWORD, 0, NULL}, {"km2", NW_UNITWORD, 0, NULL}, {"m2", NW_UNITWORD, 0, NULL},
    {"kg", NW_UNITWORD, 0, NULL}, {"km/h", NW_UNITWORD, 0, NULL}, {"ha", NW_UNITWORD, 0, NULL},
    {"mw", NW_UNITWORD, 0, NULL}, {"gw", NW_UNITWORD, 0, NULL}, {"kwh", NW_UNITWORD, 0, NULL},
    {"mph", NW_UNITWORD, 0, NULL}, {"cm", NW_UNITWORD, 0, NULL}, {"mm", NW_UNITWORD, 0, NULL},
    {"км", NW_UNITWORD, 0, NULL}, {"кг", NW_UNITWORD, 0, NULL}, {"euros", NW_UNITWORD, 0, NULL},
    {"euro", NW_UNITWORD, 0, NULL}, {"dollars", NW_UNITWORD, 0, NULL},
    {"dollar", NW_UNITWORD, 0, NULL}, {"долларов", NW_UNITWORD, 0, NULL},
    {"рублей", NW_UNITWORD, 0, NULL}, {"евро", NW_UNITWORD, 0, NULL},
    {"tonnes", NW_UNITWORD, 0, NULL}, {"tons", NW_UNITWORD, 0, NULL},
    {"miles", NW_UNITWORD, 0, NULL}, {"kilomètres", NW_UNITWORD, 0, NULL},
    {"kilometres", NW_UNITWORD, 0, NULL}, {"kilometers", NW_UNITWORD, 0, NULL},
    {"километров", NW_UNITWORD, 0, NULL}, {"процентов", NW_UNITWORD, 0, NULL},
    {"процента", NW_UNITWORD, 0, NULL}, {"percent", NW_UNITWORD, 0, NULL},
};
// clang-format on

/* An open-addressing index over words[], built once: a lookup is one hash and
 * (nearly always) at most one strcmp; most tokens are not number words. */
#define INDEX_SLOTS 2048 /* a power of two, over twice the number of words */
static short word_index[INDEX_SLOTS];
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

static unsigned hash_word(const char *w) {
    unsigned h = 2166136261u; /* FNV-1a */
    for (; *w; w++) h = (h ^ (unsigned char)*w) * 16777619u;
    return h;
}

static void build_index(void) {
    _Static_assert(sizeof words / sizeof *words * 2 < INDEX_SLOTS, "index too small");
    for (size_t i = 0; i < INDEX_SLOTS; i++) word_index[i] = -1;
    /* every entry gets a slot, in table order: a word of two languages is found in
     * both, and the first entry that fits the language wins */
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        unsigned j = hash_word(words[i].w) & (INDEX_SLOTS - 1);
        while (word_index[j] >= 0) j = (j + 1) & (INDEX_SLOTS - 1);
        word_index[j] = (short)i;
    }
}

const numword *numword_find(const char *w, const char *lang) {
    pthread_once(&index_once, build_index);
    for (unsigned j = hash_word(w) & (INDEX_SLOTS - 1); word_index[j] >= 0; j = (j + 1) & (INDEX_SLOTS - 1)) {
        const numword *e = &words[word_index[j]];
        if (!strcmp(e->w, w) && (!e->lang || (lang && !strcmp(e->lang, lang)))) return e;
    }
    return NULL;
}

/* Approximation phrases, as normalised tokens separated by spaces ("jusqu' à"). */
/* a table, several entries a line as it reads: kept out of clang-format */
// clang-format off
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
// clang-format on

size_t numword_approx(const char *const *tok, size_t n, char *out, size_t cap) {
    /* tok[0..n) are the tokens just before the number, nearest last; the longest phrase wins */
    size_t best = 0;
    for (size_t k = 0; k < sizeof approx / sizeof *approx; k++) {
        const char *p = approx[k];
        size_t words_in = 1;
        for (const char *q = p; *q; q++) words_in += *q == ' ';
        if (words_in > n || words_in <= best) continue;
        /* compare p with tok[n-words_in .. n) joined by spaces */
        const char *q = p;
        size_t i;
        for (i = n - words_in; i < n; i++) {
            size_t l = strlen(tok[i]);
            if (strncmp(q, tok[i], l) != 0) break;
            q += l;
            if (i + 1 < n) {
                if (*q != ' ') break;
                q++;
            }
        }
        if (i == n && *q == '\0') {
            best = words_in;
            /* the phrase as written: no space after an elided word */
            size_t o = 0;
            for (const char *r = p; *r && o + 1 < cap; r++) {
                if (*r == ' ' && r > p && r[-1] == '\'') continue;
                out[o++] = *r;
            }
            if (cap) out[o] = '\0';
        }
    }
    return best;
}
