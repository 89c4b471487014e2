// run.js: the peer for bench_extract.sh: @mozilla/readability over jsdom, the way
// Firefox's reader view extracts an article, timed on the same pages as recoupe,
// single-threaded. Reads a list of files (.html or .html.gz) from argv[2], prints
// "pages N bytes B seconds S" for the parse + extraction time (file reading and
// gunzip excluded, as for recoupe's own figure they are included: see the script).
const fs = require("fs");
const zlib = require("zlib");
const path = require("path");
const mods = path.join(__dirname, "..", "node_modules");
const { JSDOM, VirtualConsole } = require(path.join(mods, "jsdom"));
const { Readability } = require(path.join(mods, "@mozilla/readability"));

const files = fs.readFileSync(process.argv[2], "utf8").split("\n").filter(Boolean);
const vc = new VirtualConsole();
let bytes = 0, chars = 0, pages = 0;
const t0 = process.hrtime.bigint();
for (const f of files) {
  let buf = fs.readFileSync(f);
  if (f.endsWith(".gz")) buf = zlib.gunzipSync(buf);
  bytes += buf.length;
  try {
    const dom = new JSDOM(buf.toString("utf8"), { url: "https://example.org/", virtualConsole: vc });
    const art = new Readability(dom.window.document).parse();
    if (art && art.textContent) chars += art.textContent.length;
    dom.window.close();
  } catch (e) { /* a page readability cannot take counts as done */ }
  pages++;
}
const s = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`pages ${pages} bytes ${bytes} seconds ${s.toFixed(3)} chars ${chars}`);
