/* test_extract_date.c: the one date parser, on machine forms (ISO 8601, RFC 2822)
 * and dates written in running text in seven languages, with attached times and
 * zones, and the plausibility window (1990 .. tomorrow). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"

/* 2025-01-01T00:00:00Z, so that tests do not depend on today */
#define NOW ((time_t)1735689600)

static void check(const char *in, const char *want) {
    char *got = extract_date_iso(in, strlen(in), NOW);
    if (!want) {
        if (got) fail_msg("'%s' gave %s, wanted none", in, got);
        return;
    }
    if (!got) fail_msg("'%s' gave none, wanted %s", in, want);
    if (strcmp(got, want)) fail_msg("'%s' gave %s, wanted %s", in, got, want);
    free(got);
}

static void machine_forms(void **state) {
    (void)state;
    check("2024-10-31T20:52:00+01:00", "2024-10-31T20:52:00+01:00");
    check("2024-10-31T20:52:00.123Z", "2024-10-31T20:52:00+00:00");
    check("2024-10-31 20:52", "2024-10-31T20:52:00");
    check("2017-11-03 03:01:00.000000", "2017-11-03T03:01:00");
    check("2021-11-01T10:52:50+0100", "2021-11-01T10:52:50+01:00");
    check("2024/10/31", "2024-10-31");
    check("2024-10-31", "2024-10-31");
    check("Thu, 31 Oct 2024 20:52:00 GMT", "2024-10-31T20:52:00+00:00");
    check("31.10.2024", "2024-10-31");
    check("31.10.2024 17.30", "2024-10-31T17:30:00");
    check("10/31/2024", "2024-10-31");
}

static void written_forms(void **state) {
    (void)state;
    check("publié le 31 octobre 2024 à 20h52", "2024-10-31T20:52:00");
    check("Publié le 1er novembre 2024 à 8 h 05", "2024-11-01T08:05:00");
    check("Published 5 March 2024", "2024-03-05");
    check("March 5, 2024, 8:30 p.m. EST", "2024-03-05T20:30:00-05:00");
    check("Oct. 31st 2024", "2024-10-31");
    check("31. Oktober 2024, 14:10 Uhr", "2024-10-31T14:10:00");
    check("veröffentlicht am 3. März 2024", "2024-03-03");
    check("31 de octubre de 2024 a las 10:15", "2024-10-31T10:15:00");
    check("31 ottobre 2024 alle 9:05", "2024-10-31T09:05:00");
    check("31 de outubro de 2024", "2024-10-31");
    check("31 октября 2024 г., 20:52", "2024-10-31T20:52:00");
    check("Обновлено 5 Марта 2024", "2024-03-05");
}

static void implausible_or_absent(void **state) {
    (void)state;
    check("Mis à jour à 20h21", NULL);
    check("1985-06-01", NULL); /* before 1990 */
    check("2999-01-01", NULL); /* after tomorrow */
    check("2025-01-01", "2025-01-01");
    check("2024-02-30", NULL);
    check("mais 2024 sera", NULL);
    check("8 000 soldats", NULL);
    check("", NULL);
    /* the first plausible date wins */
    check("© 1980, updated 2 May 2020", "2020-05-02");
}

/* Dates at the very end of a buffer that is not NUL-terminated: nothing is read past
 * it (under ASan a read past the end fails the test; found by the fuzzer). */
static void date_at_buffer_end(void **state) {
    (void)state;
    static const char *const ins[] = {"publié le 14 mars 2024 à", "14 mars 2024 à",      "31 октября 2024 г",
                                      "31 октября 2024 г.",       "31 октября 2024 год", "5 March 2024 at"};
    for (size_t i = 0; i < sizeof ins / sizeof ins[0]; i++) {
        size_t len = strlen(ins[i]);
        char *b = malloc(len);
        assert_non_null(b);
        memcpy(b, ins[i], len);
        char *got = extract_date_iso(b, len, NOW);
        assert_non_null(got);
        assert_true(strncmp(got, "2024-", 5) == 0);
        free(got);
        free(b);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(machine_forms),
        cmocka_unit_test(written_forms),
        cmocka_unit_test(implausible_or_absent),
        cmocka_unit_test(date_at_buffer_end),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
