/* serve_http.c: the HTTP front-end of `recoupe serve`, on libmicrohttpd.
 *
 * A thread pool on epoll (one listening socket, --jobs threads, HTTP/1.1
 * keep-alive), an idle timeout and a per-address connection limit so that idle
 * sockets cannot lock clients out. Each request is read into memory up to
 * --max-body (a declared Content-Length over it is answered 413 before any byte
 * of the body is read); the per-article work runs on the request's thread, the
 * write goes to the index's writer (serve_index.c), and reads are served from the
 * index's current snapshot. Routes: the tgnews API (PUT and DELETE /<name>,
 * GET /threads), the native API under /api/, /healthz, /metrics, and the web
 * page at /. Every answer before the index is loaded is 503. */
#include <arpa/inet.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "serve.h"
#include "serve_routes.h"

typedef struct request {
    double t0;
    int route, status;
    char *body;
    size_t len, cap;
    int too_big;
} request;

static serve_index *the_index;
static size_t max_body;

static double mono(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* decodes %XX in place (a %00 becomes 0x01, a control character that names reject) */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s) {
    (void)cls;
    (void)c;
    char *o = s;
    for (char *p = s; *p; p++) {
        int hi, lo;
        if (*p == '%' && p[1] && p[2] && (hi = serve_hexval(p[1])) >= 0 && (lo = serve_hexval(p[2])) >= 0) {
            int v = hi * 16 + lo;
            *o++ = (char)(v ? v : 1);
            p += 2;
        } else if (*p == '+') {
            *o++ = ' ';
        } else {
            *o++ = *p;
        }
    }
    *o = 0;
    return (size_t)(o - s);
}

int serve_answer(struct MHD_Connection *c, void *req, int status, const char *type, char *body, size_t len) {
    request *r = req;
    r->status = status;
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(len, body, body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    if (!resp) {
        free(body);
        return MHD_NO;
    }
    if (type) MHD_add_response_header(resp, "Content-Type", type);
    int ret = MHD_queue_response(c, (unsigned)status, resp);
    MHD_destroy_response(resp);
    return ret;
}

int serve_json(struct MHD_Connection *c, void *req, int status, json_t *doc) {
    char *s = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
    json_decref(doc);
    if (!s) return serve_answer(c, req, 500, NULL, NULL, 0);
    return serve_answer(c, req, status, "application/json", s, strlen(s));
}

int serve_snapshot_answer(struct MHD_Connection *c, void *req, snapshot *s, const char *key, serve_make_fn make,
                          void *user) {
    char *body = NULL;
    size_t len = 0;
    if (key && snapshot_cached(s, key, &body, &len)) {
        snapshot_release(s);
        return serve_answer(c, req, 200, "application/json", body, len);
    }
    pthread_mutex_t *making = key ? snapshot_making(s, key) : NULL;
    if (making) pthread_mutex_lock(making);
    if (making && snapshot_cached(s, key, &body, &len)) { /* made while this reader waited */
        pthread_mutex_unlock(making);
        snapshot_release(s);
        return serve_answer(c, req, 200, "application/json", body, len);
    }
    const char *error = NULL;
    json_t *doc = make(s, user, &error);
    body = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
    json_decref(doc);
    if (body && key) snapshot_cache(s, key, body, strlen(body));
    if (making) pthread_mutex_unlock(making);
    snapshot_release(s);
    if (error) return serve_error(c, req, 500, error);
    if (!body) return serve_answer(c, req, 500, NULL, NULL, 0);
    return serve_answer(c, req, 200, "application/json", body, strlen(body));
}

int serve_error(struct MHD_Connection *c, void *req, int status, const char *message) {
    return serve_json(c, req, status, json_pack("{s:s}", "error", message));
}

static int route_of(const char *method, const char *url) {
    if (!strcmp(url, "/threads")) return R_THREADS;
    if (!strcmp(url, "/healthz")) return R_HEALTH;
    if (!strcmp(url, "/metrics")) return R_METRICS;
    if (!strcmp(url, "/")) return R_PAGE;
    if (!strncmp(url, "/api/", 5)) return R_API;
    if (!strcmp(method, "PUT")) return R_PUT;
    if (!strcmp(method, "DELETE")) return R_DELETE;
    return R_OTHER;
}

static int dispatch(struct MHD_Connection *c, request *r, const char *method, const char *url) {
    if (r->too_big) return serve_error(c, r, 413, "body over --max-body");
    if (r->route == R_HEALTH) return serve_health(c, r, the_index);
    if (r->route == R_METRICS) return serve_metrics(c, r, the_index);
    if (!serve_index_ready(the_index)) return serve_error(c, r, 503, "loading the index");
    switch (r->route) {
        case R_PUT: return serve_put(c, r, the_index, url + 1, r->body, r->len);
        case R_DELETE: return serve_delete(c, r, the_index, url + 1);
        case R_THREADS:
            if (strcmp(method, "GET")) return serve_error(c, r, 405, "GET only");
            return serve_threads(c, r, the_index);
        case R_PAGE: return serve_error(c, r, 405, "GET only"); /* GET / is answered before */
        case R_API: return serve_api(c, r, the_index, method, url + 5, r->body, r->len);
        default: return serve_error(c, r, 404, "no such path");
    }
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **con_cls) {
    (void)cls;
    (void)version;
    request *r = *con_cls;
    if (!r) {
        if (!(r = calloc(1, sizeof *r))) return MHD_NO;
        r->t0 = mono();
        r->route = route_of(method, url);
        *con_cls = r;
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl && strtoull(cl, NULL, 10) > max_body)
            return (enum MHD_Result)serve_error(c, r, 413, "body over --max-body");
        return MHD_YES;
    }
    if (*upload_size) {
        size_t n = *upload_size;
        *upload_size = 0;
        if (r->too_big || r->len + n > max_body) {
            r->too_big = 1;
            return MHD_YES;
        }
        if (r->len + n + 1 > r->cap) {
            size_t cap = (r->len + n + 1) * 2;
            char *p = realloc(r->body, cap);
            if (!p) return MHD_NO;
            r->body = p;
            r->cap = cap;
        }
        memcpy(r->body + r->len, upload, n);
        r->len += n;
        return MHD_YES;
    }
    if (r->status) return MHD_YES; /* answered already (413 on the header) */
    if (!strcmp(method, "GET") && r->route == R_PAGE && serve_index_ready(the_index)) {
        r->status = 200;
        struct MHD_Response *resp =
            MHD_create_response_from_buffer(serve_page_len, (void *)serve_page, MHD_RESPMEM_PERSISTENT);
        if (!resp) return MHD_NO;
        MHD_add_response_header(resp, "Content-Type", "text/html; charset=utf-8");
        enum MHD_Result ret = MHD_queue_response(c, 200, resp);
        MHD_destroy_response(resp);
        return ret;
    }
    return (enum MHD_Result)dispatch(c, r, method, url);
}

static void on_done(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe) {
    (void)cls;
    (void)c;
    (void)toe;
    request *r = *con_cls;
    if (!r) return;
    serve_metrics_count(r->route, r->status, mono() - r->t0);
    free(r->body);
    free(r);
    *con_cls = NULL;
}

/* the address to listen on; 0 or -1 */
static int parse_bind(const char *bind, unsigned port, struct sockaddr_storage *ss, int *v6) {
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
    if (inet_pton(AF_INET, bind, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)port);
        *v6 = 0;
        return 0;
    }
    if (inet_pton(AF_INET6, bind, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
        *v6 = 1;
        return 0;
    }
    return -1;
}

struct MHD_Daemon *serve_http_start(const serve_config *cfg, serve_index *ix, unsigned *port) {
    the_index = ix;
    max_body = cfg->max_body;
    struct sockaddr_storage ss;
    int v6 = 0;
    if (parse_bind(cfg->bind, cfg->port, &ss, &v6) != 0) {
        fprintf(stderr, "recoupe serve: --bind %s is not a numeric IPv4 or IPv6 address\n", cfg->bind);
        return NULL;
    }
    unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0);
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, (uint16_t)cfg->port, NULL, NULL, on_request, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(cfg->jobs > 0 ? cfg->jobs : 8), MHD_OPTION_CONNECTION_TIMEOUT,
        cfg->timeout, MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->per_ip, MHD_OPTION_CONNECTION_LIMIT, 4096u,
        MHD_OPTION_NOTIFY_COMPLETED, on_done, NULL, MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "recoupe serve: cannot listen on %s port %u\n", cfg->bind, cfg->port);
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    *port = info ? info->port : cfg->port;
    return d;
}
