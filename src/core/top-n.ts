/**
 * The first `n` items in the order `cmp` gives, sorted, without sorting them all: a bounded heap, so
 * millions of items cost one comparison each with the heap's last member (most fail it), not a full sort.
 * Items `cmp` calls equal keep no particular order between them (give `cmp` a last tie-breaker).
 */
export function topN<T>(items: Iterable<T>, n: number, cmp: (a: T, b: T) => number): T[] {
  if (n <= 0) return [];
  // A max-heap by `cmp`: heap[0] is the last of the n kept so far, the one a newcomer must beat.
  const heap: T[] = [];
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heap.length) return;
      const r = l + 1;
      const c = r < heap.length && cmp(heap[r] as T, heap[l] as T) > 0 ? r : l;
      if (cmp(heap[c] as T, heap[i] as T) <= 0) return;
      [heap[c], heap[i]] = [heap[i] as T, heap[c] as T];
      i = c;
    }
  };
  for (const item of items) {
    if (heap.length < n) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0; ) {
        const p = (i - 1) >> 1;
        if (cmp(heap[i] as T, heap[p] as T) <= 0) break;
        [heap[p], heap[i]] = [heap[i] as T, heap[p] as T];
        i = p;
      }
    } else if (cmp(item, heap[0] as T) < 0) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort(cmp);
}
