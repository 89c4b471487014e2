/* cmd_serve.c: `recoupe serve` and `recoupe server PORT`: the live index over
 * HTTP, kept in a SQLite store.
 *
 * Concurrency, in one place: libmicrohttpd runs a pool of --jobs threads on
 * epoll; each request is handled on its thread, where a PUT's article goes
 * through every per-article stage (decode, extract, analyse, story features) in
 * parallel with the others. The store's writes belong to one writer thread
 * (serve_index.c) that takes the queued writes in batches, one transaction and
 * one commit per batch (group commit), and answers each only once it is
 * committed; the engine belongs to one placer thread that takes the committed
 * changes in order, as they come. Reads (/threads, /api/stories) use an immutable
 * snapshot of the stories that the placer publishes, so they never wait behind
 * the ingest; searches use the store's own read connection (WAL readers
 * do not block the writer). The index is loaded on a thread of its own while the
 * server already answers 503; the main thread waits for SIGTERM or SIGINT, then
 * stops the listener (in-flight requests finish), the writer (queued writes are
 * committed), the placer (committed changes are placed) and closes the store. */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "commands.h"
#include "serve.h"
#include "serve_routes.h"

static const char usage_serve[] =
    "usage: recoupe serve [OPTIONS]\n"
    "       recoupe server PORT        (the tgnews contest's command line: serve --port PORT)\n"
    "\n"
    "A live index over HTTP: PUT articles in, GET the stories out; kept in a SQLite store\n"
    "so that a restart (even after kill -9) gives back the same stories with the same ids.\n"
    "\n"
    "options:\n"
    "      --port N           port to listen on (default 8080; 0: any free port)\n"
    "      --bind ADDR        numeric address to listen on (default 127.0.0.1; :: or 0.0.0.0 for all)\n"
    "      --db FILE          the store (default recoupe.db; created when missing)\n"
    "  -j, --jobs N           HTTP threads (default 8)\n"
    "      --max-body SIZE    largest request body (default 16M; K, M, G suffixes); more is 413\n"
    "      --sync MODE        normal (default: what was acknowledged survives a crash of the\n"
    "                         process) or full (an fsync per commit: it survives a power loss)\n"
    "      --timeout SECS     idle connections are closed after this (default 15)\n"
    "      --per-ip N         connections per client address (default 64)\n"
    "  -q, --quiet            do not print the URL\n"
    "  -h, --help             this help\n"
    "\n"
    "tgnews API: PUT /NAME (HTML body, Cache-Control: max-age=SECONDS) 201 new / 204 replaced;\n"
    "DELETE /NAME 204 / 404; GET /threads?period=SECS&lang_code=xx&category=any.\n"
    "Native API: /api/stories, /api/stories/ID, /api/search?q=, /api/articles/NAME,\n"
    "POST /api/articles, /healthz, /metrics. The web page is at /.\n";

static serve_index *load_ix;
static int load_jobs, load_failed;

static void *loader(void *arg) {
    (void)arg;
    if (serve_index_load(load_ix, load_jobs) != 0) {
        load_failed = 1;
        kill(getpid(), SIGTERM);
    }
    return NULL;
}

int serve_run(const serve_config *cfg) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL); /* every thread started from here on inherits it */
    signal(SIGPIPE, SIG_IGN);
    recoupe_store *store = NULL;
    recoupe_store_options so = {.sync_full = cfg->sync_full};
    if (recoupe_store_open(cfg->db, &so, &store) != RECOUPE_OK) {
        cli_error("serve: cannot open the store %s: %s", cfg->db, recoupe_store_error(store));
        return EXIT_INPUT;
    }
    serve_index *ix = serve_index_new(store);
    unsigned port = 0;
    struct MHD_Daemon *d = ix ? serve_http_start(cfg, ix, &port) : NULL;
    if (!d) {
        serve_index_free(ix);
        recoupe_store_close(store);
        return EXIT_INPUT;
    }
    if (!cfg->quiet) {
        int v6 = strchr(cfg->bind, ':') != NULL;
        printf("recoupe: serving http://%s%s%s:%u/ (store %s)\n", v6 ? "[" : "", cfg->bind, v6 ? "]" : "", port,
               cfg->db);
        fflush(stdout);
    }
    load_ix = ix;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    load_jobs = cores > 0 ? (int)cores : 2;
    pthread_t lt;
    int loading = pthread_create(&lt, NULL, loader, NULL) == 0;
    int sig = 0;
    sigwait(&set, &sig);
    if (loading) pthread_join(lt, NULL);
    MHD_stop_daemon(d);
    serve_index_free(ix);
    recoupe_store_close(store);
    if (load_failed) {
        cli_error("serve: the store %s could not be loaded", cfg->db);
        return EXIT_INPUT;
    }
    return EXIT_OK;
}

static int port_arg(const char *s, unsigned *port) {
    char *end;
    long v = strtol(s, &end, 10);
    if (!*s || *end || v < 0 || v > 65535) return -1;
    *port = (unsigned)v;
    return 0;
}

enum { O_PORT = 0x3001, O_BIND, O_DB, O_MAXBODY, O_SYNC, O_TIMEOUT, O_PERIP };

int cmd_serve(int argc, char **argv) {
    serve_config cfg = {.bind = "127.0.0.1",
                        .port = 8080,
                        .db = "recoupe.db",
                        .jobs = 8,
                        .max_body = 16u << 20,
                        .timeout = 15,
                        .per_ip = 64};
    static const struct option longopts[] = {{"port", required_argument, NULL, O_PORT},
                                             {"bind", required_argument, NULL, O_BIND},
                                             {"db", required_argument, NULL, O_DB},
                                             {"jobs", required_argument, NULL, 'j'},
                                             {"max-body", required_argument, NULL, O_MAXBODY},
                                             {"sync", required_argument, NULL, O_SYNC},
                                             {"timeout", required_argument, NULL, O_TIMEOUT},
                                             {"per-ip", required_argument, NULL, O_PERIP},
                                             {"quiet", no_argument, NULL, 'q'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    /* argv[0] is "recoupe serve" or "recoupe server" */
    const char *cmd = strrchr(argv[0], ' ') ? strrchr(argv[0], ' ') + 1 : argv[0];
    int server = !strcmp(cmd, "server"), opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "j:qh", longopts, NULL)) != -1) {
        unsigned v = 0;
        switch (opt) {
            case O_PORT:
                if (port_arg(optarg, &cfg.port)) goto bad;
                break;
            case O_BIND: cfg.bind = optarg; break;
            case O_DB: cfg.db = optarg; break;
            case 'j':
                if (port_arg(optarg, &v) || v < 1 || v > 256) goto bad;
                cfg.jobs = (int)v;
                break;
            case O_MAXBODY:
                if (cli_parse_size(optarg, &cfg.max_body) || !cfg.max_body) goto bad;
                break;
            case O_SYNC:
                if (strcmp(optarg, "full") && strcmp(optarg, "normal")) goto bad;
                cfg.sync_full = !strcmp(optarg, "full");
                break;
            case O_TIMEOUT:
                if (port_arg(optarg, &cfg.timeout) || !cfg.timeout) goto bad;
                break;
            case O_PERIP:
                if (port_arg(optarg, &cfg.per_ip) || !cfg.per_ip) goto bad;
                break;
            case 'q': cfg.quiet = 1; break;
            case 'h': fputs(usage_serve, stdout); return EXIT_OK;
            default: fputs(usage_serve, stderr); return EXIT_USAGE;
        }
    }
    if (server) {
        if (optind != argc - 1 || port_arg(argv[optind], &cfg.port)) {
            fprintf(stderr, "recoupe server: one argument, the port (0-65535)\n\n%s", usage_serve);
            return EXIT_USAGE;
        }
    } else if (optind != argc) {
        fprintf(stderr, "recoupe serve: unexpected argument '%s'\n\n%s", argv[optind], usage_serve);
        return EXIT_USAGE;
    }
    return serve_run(&cfg);
bad:
    fprintf(stderr, "recoupe %s: bad value '%s' for option %s\n\n%s", cmd, optarg, argv[optind - 1], usage_serve);
    return EXIT_USAGE;
}
