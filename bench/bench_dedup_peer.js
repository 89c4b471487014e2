// bench_dedup_peer.js: the peer for bench_dedup.sh: the npm package `minhash`
// (k-permutation MinHash, 128 permutations, and its LshIndex with bands of 8),
// on the same kind of documents: 500 words from a Zipf vocabulary of 200,000,
// 3-word shingles. Prints documents per second for signature + LSH insert + query.
// usage: node bench/bench_dedup_peer.js N   (needs bench/node_modules/minhash)
'use strict';
const { Minhash, LshIndex } = require('minhash');
const n = parseInt(process.argv[2] || '5000', 10);
const V = 200000;
const cdf = new Float64Array(V);
let sum = 0;
for (let i = 0; i < V; i++) sum += 1 / (i + 1);
let acc = 0;
for (let i = 0; i < V; i++) { acc += 1 / (i + 1) / sum; cdf[i] = acc; }
let seed = 12345;
function rnd() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; }
function word() {
  const u = rnd();
  let lo = 0, hi = V - 1;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (cdf[mid] < u) lo = mid + 1; else hi = mid; }
  return 'w' + lo;
}
const docs = [];
for (let i = 0; i < n; i++) {
  const w = [];
  for (let k = 0; k < 500; k++) w.push(word());
  docs.push(w);
}
const index = new LshIndex({ bandSize: 8 });
let found = 0;
const t0 = process.hrtime.bigint();
for (let i = 0; i < n; i++) {
  const m = new Minhash();
  const w = docs[i];
  for (let k = 0; k + 2 < w.length; k++) m.update(w[k] + ' ' + w[k + 1] + ' ' + w[k + 2]);
  // index.query() throws on a band it never saw: the same lookup, guarded
  const seen = {};
  for (const band of index.getHashbands(m)) for (const key of index.index[band] || []) seen[key] = true;
  found += Object.keys(seen).length;
  index.insert(i, m);
}
const s = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`peer (npm minhash 0.0.9, 128 permutations, LSH bands of 8): ${n} docs in ${s.toFixed(2)} s: ${Math.round(n / s)} docs/s, ${found} candidates`);
