/* lexicon.c: the language knowledge of fact extraction, as short general word
 * lists per language (French, English, Russian): speech verbs, source markers
 * ("selon", "according to"), auxiliaries, determiners, stance markers
 * (conditional, forecast, denial), the words that make a number a non-claim
 * (ages, durations, clock times, page and article numbers), day names and
 * relative days. Words are in normalised form (text_normalize: case-folded,
 * apostrophes '). Looked up through one open-addressing index built once. */
#include <pthread.h>
#include <string.h>

#include "facts/facts_int.h"

typedef struct lexword {
    const char *w;
    unsigned cls;
    int value;
} lexword;

#define SP LX_SPEECH
/* a table, several entries a line as it reads: kept out of clang-format */
// clang-format off
static const lexword words[] = {
    /* French speech verbs (participles and present forms) */
    {"déclaré", SP, 0}, {"affirmé", SP, 0}, {"indiqué", SP, 0}, {"annoncé", SP, 0}, {"estimé", SP | LX_COND, 0},
    {"assuré", SP, 0}, {"précisé", SP, 0}, {"confirmé", SP, 0}, {"ajouté", SP, 0}, {"expliqué", SP, 0},
    {"souligné", SP, 0}, {"rapporté", SP, 0}, {"révélé", SP, 0}, {"dit", SP, 0}, {"affirme", SP, 0},
    {"déclare", SP, 0}, {"indique", SP, 0}, {"annonce", SP, 0}, {"estime", SP | LX_COND, 0},
    {"estiment", SP | LX_COND, 0}, {"assure", SP, 0}, {"précise", SP, 0}, {"confirme", SP, 0},
    {"ajoute", SP, 0}, {"explique", SP, 0}, {"souligne", SP, 0}, {"rapporte", SP, 0}, {"révèle", SP, 0},
    {"affirment", SP, 0}, {"indiquent", SP, 0}, {"annoncent", SP, 0}, {"assurent", SP, 0},
    {"déclarent", SP, 0}, {"disent", SP, 0}, {"dise", SP, 0}, {"disent", SP, 0}, {"dit-il", SP, 0},
    {"dit-elle", SP, 0}, {"signalé", SP, 0}, {"signale", SP, 0}, {"avancé", SP, 0}, {"avance", SP, 0},
    {"évalué", SP | LX_COND, 0}, {"évalue", SP | LX_COND, 0}, {"chiffré", SP, 0}, {"chiffre", SP, 0},
    {"communiqué", SP, 0}, {"relevé", SP, 0}, {"relève", SP, 0}, {"noté", SP, 0}, {"note", 0, 0},
    {"martelé", SP, 0}, {"prévenu", SP, 0}, {"averti", SP, 0}, {"reconnu", SP, 0}, {"reconnaît", SP, 0},
    {"admis", SP, 0}, {"rappelé", SP, 0}, {"rappelle", SP, 0}, {"fait", 0, 0}, {"détaillé", SP, 0},
    {"dément", SP | LX_DENY, 0}, {"démenti", SP | LX_DENY, 0}, {"démentent", SP | LX_DENY, 0},
    {"nie", SP | LX_DENY, 0}, {"nié", SP | LX_DENY, 0}, {"nient", SP | LX_DENY, 0},
    {"contesté", SP | LX_DENY, 0}, {"conteste", SP | LX_DENY, 0},
    /* counting verbs: whoever counted a figure gave it ("le comité avait recensé 26 cas") */
    {"recensé", SP, 0}, {"recense", SP, 0}, {"recensait", SP, 0}, {"recensent", SP, 0},
    {"dénombré", SP, 0}, {"dénombre", SP, 0}, {"dénombrait", SP, 0}, {"dénombrent", SP, 0},
    {"comptabilisé", SP, 0}, {"comptabilise", SP, 0}, {"comptabilisait", SP, 0}, {"comptabilisent", SP, 0},
    {"counted", SP, 0}, {"tallied", SP, 0},
    {"насчитал", SP, 0}, {"насчитали", SP, 0}, {"зафиксировал", SP, 0}, {"зафиксировали", SP, 0},
    /* imperfect forms (reported speech in the past), present plurals, infinitives ("vient d'annoncer") */
    {"déclarait", SP, 0}, {"affirmait", SP, 0}, {"indiquait", SP, 0}, {"annonçait", SP, 0},
    {"estimait", SP | LX_COND, 0}, {"évaluait", SP | LX_COND, 0}, {"précisait", SP, 0}, {"assurait", SP, 0},
    {"expliquait", SP, 0}, {"affirmaient", SP, 0}, {"indiquaient", SP, 0}, {"estimaient", SP | LX_COND, 0},
    {"précisent", SP, 0}, {"confirment", SP, 0}, {"expliquent", SP, 0}, {"soulignent", SP, 0},
    {"rapportent", SP, 0}, {"évaluent", SP | LX_COND, 0}, {"annoncer", SP, 0}, {"indiquer", SP, 0},
    {"préciser", SP, 0}, {"confirmer", SP, 0}, {"chiffrait", SP, 0}, {"chiffrent", SP, 0},
    /* English */
    {"said", SP, 0}, {"says", SP, 0}, {"say", SP, 0}, {"told", SP, 0}, {"tells", SP, 0},
    {"stated", SP, 0}, {"states", SP, 0}, {"announced", SP, 0}, {"announces", SP, 0},
    {"reported", SP, 0}, {"reports", SP, 0}, {"added", SP, 0}, {"adds", SP, 0}, {"claimed", SP, 0},
    {"claims", SP, 0}, {"confirmed", SP, 0}, {"confirms", SP, 0}, {"estimated", SP | LX_COND, 0},
    {"estimates", SP | LX_COND, 0}, {"estimate", LX_COND, 0}, {"explained", SP, 0}, {"noted", SP, 0},
    {"wrote", SP, 0}, {"writes", SP, 0}, {"revealed", SP, 0}, {"disclosed", SP, 0},
    {"insisted", SP, 0}, {"warned", SP, 0}, {"predicted", SP | LX_FORECAST, 0},
    {"denied", SP | LX_DENY, 0}, {"denies", SP | LX_DENY, 0}, {"deny", SP | LX_DENY, 0},
    {"disputed", SP | LX_DENY, 0}, {"rejected", SP | LX_DENY, 0},
    /* Russian */
    {"заявил", SP, 0}, {"заявила", SP, 0}, {"заявили", SP, 0}, {"сообщил", SP, 0}, {"сообщила", SP, 0},
    {"сообщили", SP, 0}, {"сказал", SP, 0}, {"сказала", SP, 0}, {"отметил", SP, 0}, {"отметила", SP, 0},
    {"утверждает", SP, 0}, {"утверждают", SP, 0}, {"подчеркнул", SP, 0}, {"добавил", SP, 0},
    {"заявляет", SP, 0}, {"сообщает", SP, 0}, {"сообщают", SP, 0}, {"оценил", SP | LX_COND, 0},
    {"опроверг", SP | LX_DENY, 0}, {"отрицает", SP | LX_DENY, 0},
    /* sources */
    {"selon", LX_SOURCE, 0}, {"d'après", LX_SOURCE, 0}, {"according", LX_SOURCE, 0},
    {"citant", LX_SOURCE, 0}, {"citing", LX_SOURCE, 0}, {"словам", LX_SOURCE, 0},
    {"данным", LX_SOURCE, 0}, {"согласно", LX_SOURCE, 0}, {"сообщению", LX_SOURCE, 0},
    /* auxiliaries */
    {"a", LX_AUX, 0}, {"ont", LX_AUX, 0}, {"avait", LX_AUX, 0}, {"avaient", LX_AUX, 0},
    {"aurait", LX_AUX | LX_COND, 0}, {"auraient", LX_AUX | LX_COND, 0}, {"est", LX_AUX | LX_VERBLIKE, 0},
    {"sont", LX_AUX | LX_VERBLIKE, 0}, {"s'est", LX_AUX, 0}, {"se", LX_AUX, 0}, {"has", LX_AUX, 0},
    {"have", LX_AUX, 0}, {"had", LX_AUX, 0}, {"was", LX_AUX | LX_VERBLIKE, 0},
    {"were", LX_AUX | LX_VERBLIKE, 0}, {"is", LX_AUX | LX_VERBLIKE, 0}, {"are", LX_AUX | LX_VERBLIKE, 0},
    {"also", LX_AUX, 0}, {"aussi", LX_AUX, 0}, {"encore", LX_AUX, 0}, {"déjà", LX_AUX, 0},
    {"également", LX_AUX, 0}, {"then", LX_AUX, 0}, {"ne", LX_AUX, 0}, {"n'", LX_AUX, 0},
    {"pas", LX_AUX, 0}, {"publiquement", LX_AUX, 0}, {"officiellement", LX_AUX, 0},
    /* determiners */
    {"le", LX_DET, 0}, {"la", LX_DET, 0}, {"les", LX_DET, 0}, {"l'", LX_DET, 0}, {"un", LX_DET, 0},
    {"une", LX_DET, 0}, {"des", LX_DET, 0}, {"du", LX_DET, 0}, {"ce", LX_DET, 0}, {"cette", LX_DET, 0},
    {"ces", LX_DET, 0}, {"son", LX_DET, 0}, {"sa", LX_DET, 0}, {"ses", LX_DET, 0}, {"leur", LX_DET, 0},
    {"the", LX_DET, 0}, {"an", LX_DET, 0}, {"its", LX_DET, 0}, {"their", LX_DET, 0}, {"this", LX_DET, 0},
    /* pronouns that stand for a speaker */
    {"il", LX_PRONOUN, 0}, {"elle", LX_PRONOUN, 0}, {"ils", LX_PRONOUN, 0}, {"elles", LX_PRONOUN, 0},
    {"lui", LX_PRONOUN, 0}, {"eux", LX_PRONOUN, 0}, {"t-il", LX_PRONOUN, 0}, {"t-elle", LX_PRONOUN, 0},
    {"-t-il", LX_PRONOUN, 0}, {"a-t-il", LX_PRONOUN, 0}, {"a-t-elle", LX_PRONOUN, 0},
    {"ont-ils", LX_PRONOUN, 0}, {"ont-elles", LX_PRONOUN, 0}, {"lequel", LX_FUNC, 0}, {"laquelle", LX_FUNC, 0},
    {"lesquels", LX_FUNC, 0}, {"lesquelles", LX_FUNC, 0}, {"moi", LX_FUNC, 0}, {"nous", LX_FUNC, 0}, {"he", LX_PRONOUN, 0}, {"she", LX_PRONOUN, 0}, {"they", LX_PRONOUN, 0},
    {"him", LX_PRONOUN, 0}, {"her", LX_PRONOUN, 0}, {"он", LX_PRONOUN, 0}, {"она", LX_PRONOUN, 0},
    {"его", LX_PRONOUN, 0}, {"ее", LX_PRONOUN, 0}, {"её", LX_PRONOUN, 0},
    /* function words */
    {"de", LX_FUNC, 0}, {"d'", LX_FUNC, 0}, {"et", LX_FUNC, 0}, {"ou", LX_FUNC, 0}, {"que", LX_FUNC, 0},
    {"qu'", LX_FUNC, 0}, {"qui", LX_FUNC, 0}, {"pour", LX_FUNC, 0}, {"par", LX_FUNC, 0},
    {"sur", LX_FUNC, 0}, {"avec", LX_FUNC, 0}, {"sans", LX_FUNC, 0}, {"contre", LX_FUNC, 0},
    {"dont", LX_FUNC, 0}, {"mais", LX_FUNC, 0}, {"y", LX_FUNC, 0}, {"en", LX_FUNC | LX_PLACEPREP, 0},
    {"dans", LX_FUNC | LX_PLACEPREP, 0}, {"à", LX_FUNC | LX_PLACEPREP, 0}, {"au", LX_FUNC | LX_PLACEPREP, 0},
    {"aux", LX_FUNC, 0}, {"of", LX_FUNC, 0}, {"and", LX_FUNC, 0}, {"or", LX_FUNC, 0}, {"that", LX_FUNC, 0},
    {"to", LX_FUNC, 0}, {"for", LX_FUNC, 0}, {"by", LX_FUNC, 0}, {"with", LX_FUNC, 0}, {"from", LX_FUNC, 0},
    {"on", LX_FUNC, 0}, {"at", LX_FUNC, 0}, {"in", LX_FUNC | LX_PLACEPREP, 0}, {"into", LX_FUNC, 0},
    {"нa", LX_FUNC, 0}, {"в", LX_FUNC | LX_PLACEPREP, 0}, {"и", LX_FUNC, 0}, {"по", LX_FUNC, 0},
    {"près", LX_FUNC, 0}, {"entre", LX_FUNC, 0}, {"vers", LX_FUNC, 0}, {"chez", LX_FUNC, 0},
    {"plus", LX_FUNC, 0}, {"moins", LX_FUNC, 0}, {"environ", LX_FUNC, 0}, {"sous", LX_FUNC, 0},
    {"ont-ils", LX_FUNC, 0}, {"ces", LX_DET, 0}, {"nous", LX_FUNC, 0}, {"vous", LX_FUNC, 0},
    {"on", LX_FUNC, 0}, {"we", LX_FUNC, 0}, {"you", LX_FUNC, 0}, {"it", LX_FUNC, 0}, {"than", LX_FUNC, 0},
    {"as", LX_FUNC, 0}, {"supplémentaires", 0, 0},
    /* conditional, estimate, forecast */
    {"pourrait", LX_FORECAST, 0}, {"pourraient", LX_FORECAST, 0}, {"devrait", LX_FORECAST, 0},
    {"devraient", LX_FORECAST, 0}, {"d'ici", LX_FORECAST, 0}, {"atteindre", LX_FORECAST, 0},
    {"prévoit", LX_FORECAST, 0}, {"prévoient", LX_FORECAST, 0}, {"prévu", LX_FORECAST, 0},
    {"could", LX_FORECAST, 0}, {"will", LX_FORECAST, 0}, {"expected", LX_FORECAST, 0},
    {"expects", LX_FORECAST, 0}, {"may", LX_FORECAST, 0}, {"might", LX_FORECAST, 0},
    {"forecast", LX_FORECAST, 0}, {"projected", LX_FORECAST, 0}, {"может", LX_FORECAST, 0},
    {"would", LX_COND, 0}, {"reportedly", LX_COND, 0}, {"allegedly", LX_COND, 0},
    {"supposedly", LX_COND, 0}, {"presumably", LX_COND, 0}, {"probablement", LX_COND, 0},
    {"vraisemblablement", LX_COND, 0}, {"peut-être", LX_COND, 0}, {"якобы", LX_COND, 0},
    {"предположительно", LX_COND, 0}, {"possibly", LX_COND, 0}, {"likely", LX_COND, 0},
    /* after a number: not a claim */
    {"ans", LX_NOTCLAIM, 0}, {"an", LX_NOTCLAIM | LX_DET, 0}, {"années", LX_NOTCLAIM, 0},
    {"heures", LX_NOTCLAIM, 0}, {"heure", LX_NOTCLAIM, 0}, {"h", LX_NOTCLAIM, 0}, {"minutes", LX_NOTCLAIM, 0},
    {"minute", LX_NOTCLAIM, 0}, {"secondes", LX_NOTCLAIM, 0}, {"jours", LX_NOTCLAIM, 0},
    {"jour", LX_NOTCLAIM, 0}, {"semaines", LX_NOTCLAIM, 0}, {"semaine", LX_NOTCLAIM, 0},
    {"mois", LX_NOTCLAIM, 0}, {"siècle", LX_NOTCLAIM, 0}, {"siècles", LX_NOTCLAIM, 0},
    {"years", LX_NOTCLAIM, 0}, {"year", LX_NOTCLAIM, 0}, {"year-old", LX_NOTCLAIM, 0},
    {"hours", LX_NOTCLAIM, 0}, {"hour", LX_NOTCLAIM, 0}, {"days", LX_NOTCLAIM, 0}, {"day", LX_NOTCLAIM, 0},
    {"weeks", LX_NOTCLAIM, 0}, {"week", LX_NOTCLAIM, 0}, {"months", LX_NOTCLAIM, 0},
    {"month", LX_NOTCLAIM, 0}, {"am", LX_NOTCLAIM, 0}, {"pm", LX_NOTCLAIM, 0}, {"a.m", LX_NOTCLAIM, 0},
    {"p.m", LX_NOTCLAIM, 0}, {"lieu", LX_NOTCLAIM, 0}, {"lieux", LX_NOTCLAIM, 0}, {"fois", LX_NOTCLAIM, 0},
    {"times", LX_NOTCLAIM, 0}, {"er", LX_NOTCLAIM, 0}, {"e", LX_NOTCLAIM, 0}, {"ème", LX_NOTCLAIM, 0},
    {"th", LX_NOTCLAIM, 0}, {"st", LX_NOTCLAIM, 0}, {"nd", LX_NOTCLAIM, 0}, {"rd", LX_NOTCLAIM, 0},
    {"лет", LX_NOTCLAIM, 0}, {"года", LX_NOTCLAIM, 0}, {"год", LX_NOTCLAIM, 0}, {"часов", LX_NOTCLAIM, 0},
    {"дней", LX_NOTCLAIM, 0}, {"минут", LX_NOTCLAIM, 0},
    /* before a number: not a claim */
    {"article", LX_BEFORE_NOT, 0}, {"articles", LX_BEFORE_NOT, 0}, {"page", LX_BEFORE_NOT, 0},
    {"pages", LX_BEFORE_NOT, 0}, {"p", LX_BEFORE_NOT, 0}, {"n°", LX_BEFORE_NOT, 0}, {"no", LX_BEFORE_NOT, 0},
    {"numéro", LX_BEFORE_NOT, 0}, {"number", LX_BEFORE_NOT, 0}, {"tél", LX_BEFORE_NOT, 0},
    {"tel", LX_BEFORE_NOT, 0}, {"phone", LX_BEFORE_NOT, 0}, {"alinéa", LX_BEFORE_NOT, 0},
    {"chapitre", LX_BEFORE_NOT, 0}, {"chapter", LX_BEFORE_NOT, 0}, {"section", LX_BEFORE_NOT, 0},
    {"rang", LX_BEFORE_NOT, 0}, {"âgé", LX_BEFORE_NOT, 0}, {"âgée", LX_BEFORE_NOT, 0},
    {"aged", LX_BEFORE_NOT, 0}, {"age", LX_BEFORE_NOT, 0}, {"âge", LX_BEFORE_NOT, 0},
    {"statья", LX_BEFORE_NOT, 0}, {"статья", LX_BEFORE_NOT, 0}, {"статьи", LX_BEFORE_NOT, 0},
    {"depuis", LX_BEFORE_NOT, 0}, {"since", LX_BEFORE_NOT, 0}, {"vol", LX_BEFORE_NOT, 0},
    {"top", LX_BEFORE_NOT, 0}, {"g", LX_BEFORE_NOT, 0}, {"covid", LX_BEFORE_NOT, 0},
    /* day names, relative days */
    {"lundi", LX_WEEKDAY, 0}, {"mardi", LX_WEEKDAY, 1}, {"mercredi", LX_WEEKDAY, 2}, {"jeudi", LX_WEEKDAY, 3},
    {"vendredi", LX_WEEKDAY, 4}, {"samedi", LX_WEEKDAY, 5}, {"dimanche", LX_WEEKDAY, 6},
    {"monday", LX_WEEKDAY, 0}, {"tuesday", LX_WEEKDAY, 1}, {"wednesday", LX_WEEKDAY, 2},
    {"thursday", LX_WEEKDAY, 3}, {"friday", LX_WEEKDAY, 4}, {"saturday", LX_WEEKDAY, 5},
    {"sunday", LX_WEEKDAY, 6}, {"понедельник", LX_WEEKDAY, 0}, {"вторник", LX_WEEKDAY, 1},
    {"среду", LX_WEEKDAY, 2}, {"четверг", LX_WEEKDAY, 3}, {"пятницу", LX_WEEKDAY, 4},
    {"субботу", LX_WEEKDAY, 5}, {"воскресенье", LX_WEEKDAY, 6}, {"hier", LX_RELDAY, -1},
    {"avant-hier", LX_RELDAY, -2}, {"aujourd'hui", LX_RELDAY, 0}, {"yesterday", LX_RELDAY, -1},
    {"today", LX_RELDAY, 0}, {"вчера", LX_RELDAY, -1}, {"сегодня", LX_RELDAY, 0},
    /* roles */
    {"président", LX_ROLE, 0}, {"présidente", LX_ROLE, 0}, {"ministre", LX_ROLE, 0},
    {"porte-parole", LX_ROLE, 0}, {"secrétaire", LX_ROLE, 0}, {"directeur", LX_ROLE, 0},
    {"directrice", LX_ROLE, 0}, {"chef", LX_ROLE, 0}, {"patron", LX_ROLE, 0}, {"membre", LX_ROLE, 0},
    {"député", LX_ROLE, 0}, {"sénateur", LX_ROLE, 0}, {"maire", LX_ROLE, 0}, {"général", LX_ROLE, 0},
    {"responsable", LX_ROLE, 0}, {"dirigeant", LX_ROLE, 0}, {"procureur", LX_ROLE, 0},
    {"avocat", LX_ROLE, 0}, {"représentant", LX_ROLE, 0}, {"conseiller", LX_ROLE, 0},
    {"president", LX_ROLE, 0}, {"minister", LX_ROLE, 0}, {"spokesman", LX_ROLE, 0},
    {"spokeswoman", LX_ROLE, 0}, {"spokesperson", LX_ROLE, 0}, {"secretary", LX_ROLE, 0},
    {"director", LX_ROLE, 0}, {"chief", LX_ROLE, 0}, {"head", LX_ROLE, 0}, {"official", LX_ROLE, 0},
    {"senator", LX_ROLE, 0}, {"mayor", LX_ROLE, 0}, {"prosecutor", LX_ROLE, 0}, {"ceo", LX_ROLE, 0},
    {"президент", LX_ROLE, 0}, {"министр", LX_ROLE, 0}, {"представитель", LX_ROLE, 0},
    /* finite verbs that end a counted thing */
    {"ont", LX_AUX, 0}, {"seraient", LX_COND | LX_VERBLIKE, 0}, {"serait", LX_COND | LX_VERBLIKE, 0},
    {"étaient", LX_VERBLIKE, 0}, {"était", LX_VERBLIKE, 0}, {"sera", LX_VERBLIKE | LX_FORECAST, 0},
    {"seront", LX_VERBLIKE | LX_FORECAST, 0}, {"been", LX_VERBLIKE, 0}, {"été", LX_VERBLIKE, 0},
};
// clang-format on
#undef SP

#define SLOTS 2048
static const lexword *slots[SLOTS];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static uint32_t hash(const char *s, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static void build(void) {
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        uint32_t h = hash(words[i].w, strlen(words[i].w)) & (SLOTS - 1);
        while (slots[h] && strcmp(slots[h]->w, words[i].w)) h = (h + 1) & (SLOTS - 1);
        if (!slots[h]) slots[h] = &words[i]; /* the first entry of a word wins */
    }
}

unsigned facts_lex(const char *w, int *value) {
    pthread_once(&once, build);
    size_t n = strlen(w);
    uint32_t h = hash(w, n) & (SLOTS - 1);
    while (slots[h]) {
        if (!strcmp(slots[h]->w, w)) {
            if (value) *value = slots[h]->value;
            return slots[h]->cls;
        }
        h = (h + 1) & (SLOTS - 1);
    }
    return 0;
}

/* French conditional endings: -rait, -raient, -rais (aurait, seraient, pourrait,
 * auraient été). Nouns in -rait are rare (portrait, retrait, extrait, attrait). */
int facts_is_conditional(const char *w, size_t len) {
    static const char *const nouns[] = {"portrait", "retrait", "extrait", "attrait", "trait", "distrait", "abstrait"};
    int end = (len > 5 && !memcmp(w + len - 4, "rait", 4)) || (len > 7 && !memcmp(w + len - 6, "raient", 6));
    if (!end) return 0;
    for (size_t i = 0; i < sizeof nouns / sizeof *nouns; i++)
        if (len >= strlen(nouns[i]) && !strcmp(w + len - strlen(nouns[i]), nouns[i])) return 0;
    return 1;
}
