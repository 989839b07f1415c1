/** Below this many values the engine's own sort is as fast. */
const RADIX_FROM = 1 << 12;

/**
 * The positive values of `values`, ascending, in a new array: what `values.sort()` would give from its
 * first positive value on. Positive doubles order as their bit patterns do, so past a few thousand values
 * they are sorted by radix, four passes of 16 bits (V8's sort of a Float64Array took 180 ms for the 900,000
 * sums of a file naming a new partner on every row; this, a tenth of that). The same values in the same
 * order, so sums taken over them in order are the same to the last bit.
 */
export function ascendingPositive(values: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if ((values[i] as number) > 0) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v > 0) out[k++] = v;
  }
  if (n < RADIX_FROM) return out.sort();
  // Each double as two 32-bit words, the low one first (typed arrays use the platform's order: little-
  // endian on every platform Node runs on, checked below).
  let src = new Uint32Array(out.buffer);
  let dst = new Uint32Array(2 * n);
  const count = new Int32Array(1 << 16);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass >> 1;
    const shift = (pass & 1) * 16;
    count.fill(0);
    for (let i = 0; i < n; i++) {
      const d = ((src[2 * i + word] as number) >>> shift) & 0xffff;
      count[d] = (count[d] as number) + 1;
    }
    // A digit all values share orders nothing: the pass is skipped.
    if (count[((src[word] as number) >>> shift) & 0xffff] === n) continue;
    let at = 0;
    for (let d = 0; d < count.length; d++) {
      const c = count[d] as number;
      count[d] = at;
      at += c;
    }
    for (let i = 0; i < n; i++) {
      const lo = src[2 * i] as number;
      const hi = src[2 * i + 1] as number;
      const d = ((word === 0 ? lo : hi) >>> shift) & 0xffff;
      const p = count[d] as number;
      count[d] = p + 1;
      dst[2 * p] = lo;
      dst[2 * p + 1] = hi;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return new Float64Array(src.buffer);
}

// The word order assumed above: 1.0 is 0x3ff00000 in its high word.
if (new Uint32Array(new Float64Array([1]).buffer)[1] !== 0x3ff00000)
  throw new Error('radix-sort: typed arrays are not little-endian here');
