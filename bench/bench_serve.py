#!/usr/bin/env python3
"""bench_serve.py: loads a `recoupe serve` on loopback with the articles of a
gen_stream.py stream, each PUT as an HTML page (title, date and outlet in its
<head>, the text in <p>s), on CONNS keep-alive connections, and prints the
ingest rate. Standard library only; loopback only.

usage: bench_serve.py URL STREAM_DIR N [CONNS]"""
import glob
import html
import http.client
import json
import sys
import threading
import time
import urllib.parse


def pages(stream, n):
    out = []
    for part in sorted(glob.glob(stream + "/articles/part-*.jsonl")):
        for line in open(part, encoding="utf-8"):
            r = json.loads(line)
            paras = "".join(f"<p>{html.escape(p)}</p>" for p in r["text"].split("\n") if p.strip())
            body = (f"<!doctype html><html lang=\"{r.get('lang', '')}\"><head><meta charset=\"utf-8\">"
                    f"<title>{html.escape(r['title'])}</title>"
                    f"<meta property=\"og:site_name\" content=\"{html.escape(r.get('site', ''))}\">"
                    f"<meta property=\"article:published_time\" content=\"{r['date']}\"></head>"
                    f"<body><article><h1>{html.escape(r['title'])}</h1>{paras}</article></body></html>")
            out.append((urllib.parse.quote(r["id"] + ".html"), body.encode()))
            if len(out) >= n:
                return out
    return out


def main():
    url, stream, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    conns = int(sys.argv[4]) if len(sys.argv) > 4 else 8
    docs = pages(stream, n)
    u = urllib.parse.urlsplit(url)
    lock = threading.Lock()
    it = iter(docs)
    codes = {}

    def worker():
        c = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
        while True:
            with lock:
                d = next(it, None)
            if d is None:
                return
            c.request("PUT", "/" + d[0], body=d[1], headers={"Cache-Control": "max-age=31536000"})
            r = c.getresponse()
            r.read()
            with lock:
                codes[r.status] = codes.get(r.status, 0) + 1

    t0 = time.monotonic()
    ts = [threading.Thread(target=worker) for _ in range(conns)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    wall = time.monotonic() - t0
    print(json.dumps({"articles": len(docs), "wall_s": round(wall, 2), "rate_per_s": round(len(docs) / wall, 1),
                      "codes": codes, "html_bytes": sum(len(d[1]) for d in docs)}))


if __name__ == "__main__":
    main()
