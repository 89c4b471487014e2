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
// `-lcld2_full -lcld2` in that order (both kept, as-needed or not), and CLD2 is
// called directly. Its three functions are declared weak so that a program linked
// with -lcld2_full alone still links; for such a program libcld2 is opened here on
// first use, after libcld2_full, which gives the same order. Without libcld2 at
// all, detection goes on without CLD2 (the caller falls back on recoupe's model).
#include <cstdio>  // compact_lang_det.h uses FILE without including it

#include <cld2/internal/cld2tablesummary.h>
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include <dlfcn.h>

#include <climits>
#include <cstring>

#include "text/langid.h"

namespace CLD2 {
extern const CLD2TableSummary kQuad_obj;  // defined by libcld2_full (and libcld2)
// weak: null in a program not linked with libcld2 (see above)
Language ExtDetectLanguageSummary(const char *, int, bool, const CLDHints *, int, Language *, int *,
                                  double *, ResultChunkVector *, int *, bool *) __attribute__((weak));
const char *LanguageCode(Language) __attribute__((weak));
Language GetLanguageFromName(const char *) __attribute__((weak));
}  // namespace CLD2

namespace {

typedef CLD2::Language (*detect_fn)(const char *, int, bool, const CLD2::CLDHints *, int,
                                    CLD2::Language *, int *, double *, CLD2::ResultChunkVector *,
                                    int *, bool *);
typedef const char *(*code_fn)(CLD2::Language);
typedef CLD2::Language (*from_name_fn)(const char *);

struct cld2_api {
    detect_fn detect = nullptr;
    code_fn code = nullptr;
    from_name_fn from_name = nullptr;
};

const cld2_api &api()
{
    static const cld2_api a = [] {
        cld2_api r;
        r.detect = static_cast<detect_fn>(&CLD2::ExtDetectLanguageSummary);
        r.code = &CLD2::LanguageCode;
        r.from_name = &CLD2::GetLanguageFromName;
        if (r.detect != nullptr && r.code != nullptr && r.from_name != nullptr)
            return r;  // linked with libcld2
        r = cld2_api();
        void *h = dlopen("libcld2.so.0", RTLD_NOW | RTLD_GLOBAL);
        if (h == nullptr)
            return r;
        r.detect = (detect_fn)dlsym(h, "_ZN4CLD224ExtDetectLanguageSummaryEPKcibPKNS_8CLDHintsEiPNS_"
                                       "8LanguageEPiPdPSt6vectorINS_11ResultChunkESaISA_EES7_Pb");
        r.code = (code_fn)dlsym(h, "_ZN4CLD212LanguageCodeENS_8LanguageE");
        r.from_name = (from_name_fn)dlsym(h, "_ZN4CLD219GetLanguageFromNameEPKc");
        if (r.detect == nullptr || r.code == nullptr || r.from_name == nullptr)
            r = cld2_api();
        return r;
    }();
    return a;
}

}  // namespace

extern "C" int langid_cld2_full_tables(void)
{
    const char *langs = CLD2::kQuad_obj.kRecognizedLangScripts;
    return api().detect != nullptr && langs != nullptr && std::strstr(langs, "zu-Latn") != nullptr;
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
    const cld2_api &a = api();
    if (a.detect == nullptr)
        return -1;
    if (s == nullptr || len == 0)
        return 0;
    if (len > INT_MAX / 2)
        len = INT_MAX / 2;
    CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
    if (hint != nullptr && hint[0] != '\0') {
        CLD2::Language h = a.from_name(hint);
        if (h != CLD2::UNKNOWN_LANGUAGE)
            hints.language_hint = h;
    }
    CLD2::Language lang3[3] = {CLD2::UNKNOWN_LANGUAGE, CLD2::UNKNOWN_LANGUAGE, CLD2::UNKNOWN_LANGUAGE};
    int percent3[3] = {0, 0, 0};
    double norm3[3] = {0, 0, 0};
    int text_bytes = 0;
    bool reliable = false;
    try {
        a.detect(s, (int)len, true, &hints, CLD2::kCLDFlagBestEffort, lang3, percent3, norm3,
                 nullptr, &text_bytes, &reliable);
    } catch (...) {
        return -1;
    }
    for (int i = 0; i < 3; i++) {
        if (lang3[i] != CLD2::UNKNOWN_LANGUAGE)
            langid_canon_code(a.code(lang3[i]), r->code[i]);
        r->percent[i] = percent3[i];
        r->norm[i] = norm3[i];
    }
    r->reliable = reliable ? 1 : 0;
    r->text_bytes = text_bytes;
    return 0;
}
