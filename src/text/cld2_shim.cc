// cld2_shim.cc: an extern "C" wrapper over CLD2 with Debian's full tables.
//
// CLD2 has only a C++ API; this file is the one place that speaks it. It asks for
// plain-text detection with kCLDFlagBestEffort (an answer even on short text) and
// returns the top three languages with CLD2's codes mapped to ISO 639-1.
//
// Debian ships CLD2 as two libraries: libcld2.so (the code and the small tables)
// and libcld2_full.so (only the full tables, with the same symbol names). The full
// tables are used when libcld2_full is loaded before libcld2: its definitions then
// win when libcld2's references to its tables are bound. The Makefile links
// `-lcld2_full -lcld2` in that order (both kept, as-needed or not), and every
// program built against the library uses that link line (the Makefile's rules).
#include <cstdio>  // compact_lang_det.h uses FILE without including it

#include <cld2/internal/cld2tablesummary.h>
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <climits>
#include <cstring>

#include "text/langid.h"

namespace CLD2 {
extern const CLD2TableSummary kQuad_obj;  // the quadgram table: libcld2_full's when it comes first
}  // namespace CLD2

extern "C" int langid_cld2_full_tables(void)
{
    const char *langs = CLD2::kQuad_obj.kRecognizedLangScripts;
    return langs != nullptr && std::strstr(langs, "zu-Latn") != nullptr;
}

extern "C" int langid_cld2_detect(const char *s, size_t len, const char *hint, langid_cld2 *r)
{
    for (int i = 0; i < 3; i++) {
        std::strcpy(r->code[i], "und");
        r->percent[i] = 0;
        r->norm[i] = 0.0;
    }
    r->reliable = 0;
    r->text_bytes = 0;
    if (s == nullptr || len == 0)
        return 0;
    if (len > INT_MAX / 2)
        len = INT_MAX / 2;
    CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
    if (hint != nullptr && hint[0] != '\0') {
        CLD2::Language h = CLD2::GetLanguageFromName(hint);
        if (h != CLD2::UNKNOWN_LANGUAGE)
            hints.language_hint = h;
    }
    CLD2::Language lang3[3] = {CLD2::UNKNOWN_LANGUAGE, CLD2::UNKNOWN_LANGUAGE, CLD2::UNKNOWN_LANGUAGE};
    int percent3[3] = {0, 0, 0};
    double norm3[3] = {0, 0, 0};
    int text_bytes = 0;
    bool reliable = false;
    try {
        CLD2::ExtDetectLanguageSummary(s, (int)len, true, &hints, CLD2::kCLDFlagBestEffort, lang3, percent3, norm3,
                 nullptr, &text_bytes, &reliable);
    } catch (...) {
        return -1;
    }
    for (int i = 0; i < 3; i++) {
        if (lang3[i] != CLD2::UNKNOWN_LANGUAGE)
            langid_canon_code(CLD2::LanguageCode(lang3[i]), r->code[i]);
        r->percent[i] = percent3[i];
        r->norm[i] = norm3[i];
    }
    r->reliable = reliable ? 1 : 0;
    r->text_bytes = text_bytes;
    return 0;
}
