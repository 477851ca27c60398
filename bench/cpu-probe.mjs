// The machine's own parallelism probe: one plain CPU-bound loop, timed by its caller.
let x = 0x9e3779b9 | 0;
const n = Number(process.argv[2] ?? 200_000_000);
for (let k = 0; k < n; k++) {
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
}
if (x === 42) console.log('unlikely');
