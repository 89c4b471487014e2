/* read_articles.c: the README's library example, built and run by the tests.
 * Reads the inputs named on the command line (files, folders, .gz, JSON Lines, WARC,
 * "-"), decodes and extracts each article, and prints its title; every input that
 * cannot be read is reported through on_error, with its file and line, and skipped.
 *   cc read_articles.c $(pkg-config --cflags --libs recoupe) -o read_articles */
#include <stdio.h>

#include <recoupe.h>

static void on_error(void *user, const char *file, long line, const char *message) {
    int *bad = user;
    (*bad)++;
    if (line > 0)
        fprintf(stderr, "%s:%ld: %s\n", file, line, message);
    else
        fprintf(stderr, "%s: %s\n", file, message);
}

int main(int argc, char **argv) {
    int bad = 0;
    recoupe_read_options opt = {0};
    opt.on_error = on_error;
    opt.user = &bad;
    recoupe_reader *r = recoupe_reader_open((const char *const *)argv + 1, (size_t)(argc - 1), &opt);
    if (!r) return 1;
    recoupe_article *a;
    while (recoupe_reader_next(r, &a) == RECOUPE_OK) {
        if (recoupe_article_process(a, RECOUPE_STAGE_DECODE | RECOUPE_STAGE_EXTRACT) == RECOUPE_OK)
            printf("%s\n", a->title ? a->title : "(no title)");
        recoupe_article_free(a);
    }
    recoupe_reader_close(r);
    return bad ? 1 : 0;
}
