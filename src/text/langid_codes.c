/* langid_codes.c: language codes in one form (langid_canon_code): ISO 639-1
 * where there is one, from the old, three-letter and CLD2 spellings the pages,
 * the model and CLD2 use; "und" for the codes that name no language. Shared by
 * the detector (langid.c) and the CLD2 shim, so that neither calls the other
 * back. */
#include <ctype.h>
#include <string.h>

#include "text/langid.h"

void langid_canon_code(const char *in, char out[8]) {
    char c[8] = {0};
    size_t n = 0;
    if (in != NULL)
        for (; in[n] && n < 7 && isalpha((unsigned char)in[n]); n++) c[n] = (char)tolower((unsigned char)in[n]);
    c[n] = '\0';
    static const char *const map[][2] = {
        {"iw", "he"},  {"in", "id"},  {"ji", "yi"},  {"jw", "jv"},  {"no", "nb"},  {"mo", "ro"},
        {"sh", "sr"},  {"fil", "tl"}, {"zho", "zh"}, {"eng", "en"}, {"fra", "fr"}, {"fre", "fr"},
        {"deu", "de"}, {"ger", "de"}, {"rus", "ru"}, {"spa", "es"}, {"ita", "it"}, {"por", "pt"},
        {"nld", "nl"}, {"dut", "nl"}, {"pol", "pl"}, {"ukr", "uk"}, {"ara", "ar"}, {"chi", "zh"},
        {"nob", "nb"}, {"nno", "nn"}, {"jpn", "ja"}, {"kor", "ko"}, {"tur", "tr"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(c, map[i][0]) == 0) {
            strcpy(out, map[i][1]);
            return;
        }
    if (n < 2 || n > 3 || strcmp(c, "un") == 0 || strcmp(c, "xx") == 0 || strcmp(c, "und") == 0 ||
        strcmp(c, "zxx") == 0 || strcmp(c, "mul") == 0) {
        strcpy(out, "und");
        return;
    }
    memcpy(out, c, n + 1);
}
