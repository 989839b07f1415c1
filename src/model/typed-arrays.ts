/** The typed arrays the compact tables keep their columns in. */
export type Column = Int32Array | Uint16Array | Uint8Array | Float64Array;

/**
 * A column of `length` (at least the old one's) holding the old one's values first, the rest zero: how the
 * compact tables grow (twice the size, most often), written once.
 */
export function grown<A extends Column>(a: A, length = a.length * 2, used = a.length): A {
  const b = new (a.constructor as new (n: number) => A)(Math.max(length, used));
  b.set(used === a.length ? a : a.subarray(0, used));
  return b;
}
