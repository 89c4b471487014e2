/* cli_pretty.c: --pretty, the JSON of every command indented for a reader. The
 * library writes compact JSON; this re-indents it as it streams to stdout, two
 * spaces a level, one member or element a line, "key": value, and empty {} or []
 * kept on one line. It keeps its state between writes, so a command may write a
 * document in pieces; whitespace outside strings is dropped, except the newline
 * that ends a JSON Lines record, which is kept. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

typedef struct pretty {
    int on;
    int depth;
    int in_string, escaped;
    int opened; /* a { or [ was written and nothing after it yet */
    char out[1 << 16];
    size_t n;
    int failed;
} pretty;

static pretty P;

void cli_set_pretty(int on) {
    memset(&P, 0, sizeof P);
    P.on = on;
}

int cli_pretty(void) {
    return P.on;
}

static void flush_out(void) {
    if (P.n && fwrite(P.out, 1, P.n, stdout) != P.n) P.failed = 1;
    P.n = 0;
}

static void put(char ch) {
    if (P.n == sizeof P.out) flush_out();
    P.out[P.n++] = ch;
}

static void newline(void) {
    put('\n');
    for (int i = 0; i < P.depth; i++) put(' '), put(' ');
}

static void step(char ch) {
    if (P.in_string) {
        put(ch);
        if (P.escaped)
            P.escaped = 0;
        else if (ch == '\\')
            P.escaped = 1;
        else if (ch == '"')
            P.in_string = 0;
        return;
    }
    if (ch == ' ' || ch == '\t' || ch == '\r') return;
    if (ch == '\n') {
        if (P.depth == 0) put('\n'); /* the end of a record */
        return;
    }
    if (P.opened) {
        P.opened = 0;
        if (ch == '}' || ch == ']') { /* an empty container stays "{}" */
            P.depth--;
            put(ch);
            return;
        }
        newline();
    }
    switch (ch) {
        case '{':
        case '[':
            put(ch);
            P.depth++;
            P.opened = 1;
            return;
        case '}':
        case ']':
            if (P.depth > 0) P.depth--;
            newline();
            put(ch);
            return;
        case ',':
            put(ch);
            newline();
            return;
        case ':': put(':'), put(' '); return;
        case '"': P.in_string = 1; /* fall through */
        default: put(ch); return;
    }
}

int cli_pretty_write(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) step(s[i]);
    flush_out();
    return P.failed ? -1 : 0;
}
