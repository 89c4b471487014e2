#!/usr/bin/env python3
"""serve_client.py: the HTTP client of the server's end-to-end tests.

Each subcommand talks to a running `recoupe serve` at URL over loopback and
prints "ok - NAME" / "not ok - NAME" lines for tests/run.sh. Standard library only.
"""
import http.client
import json
import os
import random
import socket
import sys
import threading
import time
import urllib.parse

CATEGORIES = ["society", "economy", "technology", "sports", "entertainment", "science", "other"]
failures = 0


def check(name, cond, detail=""):
    global failures
    if cond:
        print(f"ok - {name}")
    else:
        failures += 1
        print(f"not ok - {name}")
        if detail:
            print("    " + str(detail)[:600])


def conn(url, timeout=30):
    u = urllib.parse.urlsplit(url)
    return http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)


def req(c, method, path, body=None, headers=None):
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    return r.status, r.read()


def ready(url):
    c = conn(url, 2)
    st, _ = req(c, "GET", "/healthz")
    sys.exit(0 if st == 200 else 1)


def put_folder(url, folder, max_age="315360000"):
    """PUT every file of folder on one keep-alive connection: 201 each, then 204 again"""
    c = conn(url)
    names = sorted(os.listdir(folder))
    codes = []
    for n in names:
        with open(os.path.join(folder, n), "rb") as f:
            codes.append(req(c, "PUT", "/" + urllib.parse.quote(n), f.read(), {"Cache-Control": "max-age=" + max_age})[0])
    sock_reused = c.sock is not None
    check(f"PUT {len(names)} files of {os.path.basename(folder)} -> 201", codes == [201] * len(names), codes)
    check("one keep-alive connection for every PUT", sock_reused)
    return names


def threads_ok(doc, names, with_category):
    if not isinstance(doc, dict) or set(doc) != {"threads"} or not isinstance(doc["threads"], list):
        return False
    for t in doc["threads"]:
        if not isinstance(t.get("title"), str) or not isinstance(t.get("articles"), list):
            return False
        if with_category != ("category" in t):
            return False
        if any(a not in names for a in t["articles"]):
            return False
    return True


def sixteen(url, names, label, must_have=None):
    """the checker's 16 GETs: 2 languages x (any + 7 categories); each well-formed"""
    c = conn(url)
    bad = []
    seen = set()
    for lang in ("en", "fr"):
        for cat in ["any"] + CATEGORIES:
            st, body = req(c, "GET", f"/threads?period=2592000&lang_code={lang}&category={cat}")
            try:
                doc = json.loads(body)
            except ValueError:
                doc = None
            if st != 200 or not threads_ok(doc, names, cat == "any"):
                bad.append((lang, cat, st, body[:200]))
            elif cat == "any":
                for t in doc["threads"]:
                    seen.update(t["articles"])
    check(f"16 GETs /threads well-formed ({label})", not bad, bad[:2])
    if must_have is not None:
        st, body = req(c, "GET", "/threads?period=3153600000&category=any")
        seen = set(a for t in json.loads(body)["threads"] for a in t["articles"])
        check(f"every indexed article is in a thread ({label})", seen == set(must_have), sorted(set(must_have) ^ seen)[:5])


def delete_half(url, names):
    c = conn(url)
    gone = names[::2]
    codes = [req(c, "DELETE", "/" + urllib.parse.quote(n))[0] for n in gone]
    check(f"DELETE {len(gone)} of {len(names)} -> 204", codes == [204] * len(gone), codes)
    codes = [req(c, "DELETE", "/" + urllib.parse.quote(n))[0] for n in gone[:2]]
    check("DELETE again -> 404", codes == [404] * len(codes), codes)
    return [n for n in names if n not in gone]


def checker(url, folder, phase, state):
    """phase put: PUT + 16 GETs; after-restart: 16 GETs; delete: DELETE half + 16 GETs"""
    names = sorted(os.listdir(folder))
    if phase == "put":
        put_folder(url, folder)
        sixteen(url, names, "after PUT", names)
    elif phase == "restart":
        sixteen(url, names, "after kill -9 and restart", names)
    elif phase == "delete":
        left = delete_half(url, names)
        sixteen(url, names, "after DELETE", left)
        with open(state, "w") as f:
            json.dump(left, f)


def raw(url, data, read=True):
    u = urllib.parse.urlsplit(url)
    s = socket.create_connection((u.hostname, u.port), timeout=10)
    s.sendall(data)
    out = b""
    if read:
        try:
            while True:
                b = s.recv(65536)
                if not b:
                    break
                out += b
                if b"\r\n\r\n" in out:
                    break
        except socket.timeout:
            pass
    s.close()
    return out


def status_of(resp):
    try:
        return int(resp.split(b" ", 2)[1])
    except (IndexError, ValueError):
        return None


def get_json(c, path):
    st, body = req(c, "GET", path)
    try:
        return st, json.loads(body)
    except ValueError:
        return st, None


def bad_requests(url, seed_name):
    c = conn(url)
    hdr = {"Cache-Control": "max-age=3600"}
    resp = raw(url, b"PUT /big.html HTTP/1.1\r\nHost: x\r\nCache-Control: max-age=60\r\nContent-Length: 900000000\r\n\r\n")
    check("a body over --max-body -> 413 without reading it", status_of(resp) == 413, resp[:120])
    st, _ = req(c, "PUT", "/nocache.html", b"<p>x</p>")
    check("PUT without Cache-Control -> 400", st == 400, st)
    st, _ = req(c, "PUT", "/badcache.html", b"<p>x</p>", {"Cache-Control": "max-age=soon"})
    check("PUT with a bad max-age -> 400", st == 400, st)
    for label, path in [("/", "/a%2Fb"), ("..", "/..%2Fetc"), ("'..' alone", "/.."), ("NUL", "/a%00b"),
                        ("a control character", "/a%0Ab"), ("DEL", "/a%7Fb"), ("a sub-path", "/dir/file.html")]:
        st, _ = req(c, "PUT", path, b"<p>x</p>", hdr)
        check(f"a name with {label} -> 400", st == 400, (path, st))
    st, _ = req(c, "DELETE", "/a%2Fb")
    check("DELETE of a bad name -> 400", st == 400, st)
    st, _ = req(c, "GET", "/no/such/path")
    check("an unknown path -> 404", st == 404, st)
    st, _ = req(c, "GET", "/threads?period=soon")
    check("/threads with a bad period -> 400", st == 400, st)
    st, _ = req(c, "GET", "/threads?period=60&lang_code=en&category=weather")
    check("/threads with an unknown category -> 400", st == 400, st)
    resp = raw(url, b"THIS IS NOT HTTP\r\n\r\n")
    check("a malformed request -> 400", status_of(resp) == 400, resp[:120])
    sql = "x'); DROP TABLE articles;--"
    st, _ = req(c, "PUT", "/" + urllib.parse.quote(sql), b"<html><title>Quoted</title><p>An ordinary name.</p></html>", hdr)
    check("an SQL-looking name is an ordinary name -> 201", st == 201, st)
    st, doc = get_json(c, "/api/articles/" + urllib.parse.quote(sql))
    check("the SQL-looking name is stored as given", st == 200 and doc and doc.get("id") == sql, (st, doc))
    st, doc = get_json(c, "/api/articles/" + urllib.parse.quote(seed_name))
    check("the other articles are still there", st == 200 and doc and doc.get("id") == seed_name, st)
    rnd = random.Random(7)
    blob = bytes(rnd.randrange(256) for _ in range(20000))
    st, _ = req(c, "PUT", "/binary.bin", blob, hdr)
    check("a binary body is stored -> 201", st == 201, st)
    latin = "<html><head><title>Café à Zürich</title></head><body><p>Une étude sur le café, déjà.</p></body></html>"
    st, _ = req(c, "PUT", "/latin1.html", latin.encode("latin-1") + b"\xff\xfe\x81", hdr)
    st2, doc = get_json(c, "/api/articles/latin1.html")
    check("a non-UTF-8 body is repaired", st == 201 and st2 == 200 and "Caf" in (doc or {}).get("title", ""), (st, st2, doc))
    st, doc = get_json(c, "/healthz")
    check("the server still answers after bad input", st == 200 and doc.get("status") == "ok", (st, doc))


def idle_clients(url, n, timeout):
    """n idle sockets: those over the per-address limit are closed at once, the
    rest after the idle timeout; then the server answers again"""
    u = urllib.parse.urlsplit(url)
    socks = []
    for _ in range(n):
        try:
            socks.append(socket.create_connection((u.hostname, u.port), timeout=timeout + 5))
        except OSError:
            pass
    time.sleep(0.5)
    closed = 0
    for s in socks:
        s.setblocking(False)
        try:
            closed += s.recv(1) == b""
        except BlockingIOError:
            pass
        except OSError:
            closed += 1
    check(f"{n} idle sockets: those over the per-address limit are closed", closed > 0, closed)
    time.sleep(timeout + 1.5)
    c = conn(url, 5)
    st, _ = req(c, "GET", "/healthz")
    check("after the idle timeout the server answers again", st == 200, st)
    still = 0
    for s in socks:
        s.setblocking(True)
        s.settimeout(0.2)
        try:
            still += s.recv(1) != b""
        except socket.timeout:
            still += 1
        except OSError:
            pass
        s.close()
    check("idle sockets were closed by the timeout", still == 0, still)


def article(i):
    topic = i % 7
    words = " ".join(f"mot{(i * 7 + k) % 97} sujet{topic}" for k in range(40))
    return (f"<html><head><title>Dépêche {i} sur le sujet {topic}</title>"
            f"<meta property='article:published_time' content='2024-10-{1 + i % 28:02d}T10:00:00Z'></head>"
            f"<body><article><h1>Dépêche {i}</h1><p>Le sujet {topic} revient. {words}.</p></article></body></html>").encode()


def flood(url, n, acked_file):
    """PUTs n articles on 4 connections until the server dies; every 2xx is logged"""
    lock = threading.Lock()
    out = open(acked_file, "w")
    counter = iter(range(n))

    def worker():
        c = conn(url, 10)
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            try:
                st, _ = req(c, "PUT", f"/flood{i}.html", article(i), {"Cache-Control": "max-age=31536000"})
            except (OSError, http.client.HTTPException):
                return
            if 200 <= st < 300:
                with lock:
                    out.write(f"flood{i}.html\n")
                    out.flush()

    ts = [threading.Thread(target=worker) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    out.close()


def acked_present(url, acked_file):
    names = [l.strip() for l in open(acked_file) if l.strip()]
    c = conn(url)
    missing = [n for n in names if req(c, "GET", "/api/articles/" + n)[0] != 200]
    check(f"every acknowledged PUT survived kill -9 ({len(names)} acknowledged)", names and not missing, missing[:5])


def main():
    cmd, url = sys.argv[1], sys.argv[2]
    args = sys.argv[3:]
    if cmd == "ready":
        ready(url)
    elif cmd == "checker":
        checker(url, args[0], args[1], args[2] if len(args) > 2 else None)
    elif cmd == "bad":
        bad_requests(url, args[0])
    elif cmd == "idle":
        idle_clients(url, int(args[0]), float(args[1]))
    elif cmd == "flood":
        flood(url, int(args[0]), args[1])
    elif cmd == "acked":
        acked_present(url, args[0])
    elif cmd == "put":
        put_folder(url, args[0])
    else:
        sys.exit(f"unknown command {cmd}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
