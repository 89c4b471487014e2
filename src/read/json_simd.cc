// json_simd.cc: the fast path of the JSON Lines reader: one line parsed with
// simdjson (C++), its article fields handed back to jsonl.c behind a C interface.
//
// The contract is "accept only what jansson accepts, and then give the same
// values": jansson (JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL) stays the reference
// and jsonl.c falls back to it for every line this file turns down, so errors keep
// jansson's messages. That is why this uses simdjson's DOM parser and not On-Demand:
// DOM validates the whole line (every number, atom, escape, the UTF-8, trailing
// bytes), where On-Demand leaves the values it is not asked for unchecked. On top
// of simdjson's checks, a walk over the parsed line turns down what simdjson
// accepts and jansson does not: a key seen twice in one object (any depth), a key
// holding U+0000, and an integer above INT64_MAX (simdjson's uint64; jansson says
// "too big integer"). Strings keep their length, so a \u0000 inside one survives.
//
// Padding: simdjson reads up to SIMDJSON_PADDING bytes past the input. The line is
// copied into a buffer owned here, sized line + padding, rather than parsed in
// place: the reader's buffers come from several places (a file loaded to exactly
// its size + 1, gunzip's output, an in-memory copy, a fuzzer's bytes), the last
// line ends at the end of one, and a copy runs at memcpy speed, a few percent of
// the parse.
// libsimdjson is built with threads on, and the parser's layout depends on it: the
// same setting here in every build (pkg-config's cflags, or none, as in a fuzz build)
#ifndef SIMDJSON_THREADS_ENABLED
#define SIMDJSON_THREADS_ENABLED 1
#endif
#include <simdjson.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>
#include <string_view>
#include <vector>

extern "C" {
#include "read/read.h"
}

struct read_json_simd {
    simdjson::dom::parser parser;
    char *buf = nullptr;                // the padded copy of the line
    size_t cap = 0;                     // its size, padding included
    std::vector<std::string_view> keys; // the keys of the objects being walked, outermost first
    std::vector<std::string_view> sorted;
};

namespace {

const char *const names[READ_JSON_NFIELDS] = {"id",   "url",  "title", "text",   "html",
                                               "date", "site", "lang",  "author", "description"};

// Adds key to the object whose keys start at keys[base]; false when jansson
// would turn it down (a duplicate, or U+0000 in it).
bool push_key(read_json_simd *p, size_t base, std::string_view key) {
    if (std::memchr(key.data(), 0, key.size())) return false;
    size_t k = p->keys.size() - base;
    if (k < 16) {
        for (size_t i = base; i < p->keys.size(); i++)
            if (p->keys[i] == key) return false;
    }
    p->keys.push_back(key);
    return true;
}

// A large object's duplicates are found by sorting its keys once, at its end.
bool keys_unique(read_json_simd *p, size_t base) {
    if (p->keys.size() - base <= 16) return true;
    p->sorted.assign(p->keys.begin() + (std::ptrdiff_t)base, p->keys.end());
    std::sort(p->sorted.begin(), p->sorted.end());
    return std::adjacent_find(p->sorted.begin(), p->sorted.end()) == p->sorted.end();
}

bool valid(read_json_simd *p, simdjson::dom::element e) {
    switch (e.type()) {
    case simdjson::dom::element_type::OBJECT: {
        size_t base = p->keys.size();
        for (auto field : simdjson::dom::object(e)) {
            if (!push_key(p, base, field.key) || !valid(p, field.value)) return false;
        }
        bool ok = keys_unique(p, base);
        p->keys.resize(base);
        return ok;
    }
    case simdjson::dom::element_type::ARRAY:
        for (simdjson::dom::element v : simdjson::dom::array(e))
            if (!valid(p, v)) return false;
        return true;
    case simdjson::dom::element_type::UINT64: return false; // above INT64_MAX: jansson's "too big integer"
    default: return true;
    }
}

int field_index(std::string_view key) {
    for (int i = 0; i < READ_JSON_NFIELDS; i++)
        if (key == names[i]) return i;
    return -1;
}

int parse(read_json_simd *p, const char *line, size_t n, read_json_fields *out) {
    std::memset(out, 0, sizeof *out);
    if (n + simdjson::SIMDJSON_PADDING > p->cap) {
        size_t cap = std::max(n + simdjson::SIMDJSON_PADDING, p->cap * 2);
        char *b = static_cast<char *>(std::realloc(p->buf, cap));
        if (!b) return 0;
        p->buf = b;
        p->cap = cap;
    }
    std::memcpy(p->buf, line, n);
    std::memset(p->buf + n, 0, simdjson::SIMDJSON_PADDING);
    simdjson::dom::element root;
    if (p->parser.parse(p->buf, n, false).get(root) != simdjson::SUCCESS) return 0;
    if (root.type() != simdjson::dom::element_type::OBJECT) return 0;
    p->keys.clear();
    for (auto field : simdjson::dom::object(root)) {
        if (!push_key(p, 0, field.key) || !valid(p, field.value)) return 0;
        int i = field_index(field.key);
        if (i < 0) continue;
        simdjson::dom::element v = field.value;
        if (v.type() == simdjson::dom::element_type::STRING) {
            std::string_view s = std::string_view(v);
            out->s[i] = s.data();
            out->n[i] = s.size();
        } else if (v.type() == simdjson::dom::element_type::INT64) {
            out->is_int[i] = 1;
            out->ival[i] = int64_t(v);
        }
    }
    return keys_unique(p, 0) ? 1 : 0;
}

} // namespace

extern "C" read_json_simd *read_json_simd_new(void) {
    try {
        return new read_json_simd();
    } catch (...) {
        return nullptr;
    }
}

extern "C" void read_json_simd_free(read_json_simd *p) {
    if (!p) return;
    std::free(p->buf);
    delete p;
}

extern "C" int read_json_simd_parse(read_json_simd *p, const char *line, size_t n, read_json_fields *out) {
    try {
        return parse(p, line, n, out);
    } catch (...) { // out of memory in a vector: jansson then says what it says
        return 0;
    }
}
