/* serve_routes.h: the request handlers of `recoupe serve` (serve_api.c,
 * serve_metrics.c), called by the HTTP front-end (serve_http.c) with the
 * connection and the request's state. Each queues one answer and returns
 * libmicrohttpd's MHD_YES or MHD_NO. */
#ifndef RECOUPE_SERVE_ROUTES_H
#define RECOUPE_SERVE_ROUTES_H

#include <jansson.h>
#include <microhttpd.h>

#include "serve.h"

enum { R_PUT, R_DELETE, R_THREADS, R_API, R_PAGE, R_HEALTH, R_METRICS, R_OTHER, R_COUNT };

/* Queues an answer: body is malloc'd and taken (NULL: empty), type may be NULL. */
int serve_answer(struct MHD_Connection *c, void *req, int status, const char *type, char *body, size_t len);
/* Queues doc (taken; NULL gives 500) as JSON. */
int serve_json(struct MHD_Connection *c, void *req, int status, json_t *doc);
/* Makes the document of a GET from snapshot s (user: the handler's query); NULL
 * with *error set for an answer of 500 {"error": *error}, NULL alone when out of
 * memory (500, empty). */
typedef json_t *(*serve_make_fn)(snapshot *s, void *user, const char **error);
/* Answers a GET made from snapshot s (its reference is taken and released): the
 * answer cached under key when there is one (key NULL: never cached); else one
 * reader makes it (make) while the others of the same key wait, and caches it, so
 * that a new snapshot under many readers is not their number times the work. */
int serve_snapshot_answer(struct MHD_Connection *c, void *req, snapshot *s, const char *key, serve_make_fn make,
                          void *user);
/* Queues {"error": message}. */
int serve_error(struct MHD_Connection *c, void *req, int status, const char *message);
/* The value of a hex digit, -1 when it is not one. */
int serve_hexval(char c);

int serve_put(struct MHD_Connection *c, void *req, serve_index *ix, const char *name, const char *body, size_t len);
/* Stores the article of body under name (checked) with that max-age: 201, 204, 400. */
int serve_put_named(struct MHD_Connection *c, void *req, serve_index *ix, const char *name, const char *body,
                    size_t len, long long max_age);
int serve_delete(struct MHD_Connection *c, void *req, serve_index *ix, const char *name);
int serve_threads(struct MHD_Connection *c, void *req, serve_index *ix);
int serve_api(struct MHD_Connection *c, void *req, serve_index *ix, const char *method, const char *path,
              const char *body, size_t len);
int serve_health(struct MHD_Connection *c, void *req, serve_index *ix);
int serve_metrics(struct MHD_Connection *c, void *req, serve_index *ix);
/* Counts a finished request of a route: its status and its seconds. */
void serve_metrics_count(int route, int status, double seconds);

/* Starts the daemon (*port: the port it listens on). NULL on failure (printed). */
struct MHD_Daemon *serve_http_start(const serve_config *cfg, serve_index *ix, unsigned *port);

#endif
