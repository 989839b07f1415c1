import type { InputSource } from './inputs.js';

/**
 * An input whose first chunk has been read (to look at it) and is handed out again by open(): stdin can be
 * opened only once.
 */
export async function peekInput(
  input: InputSource,
  options?: { reuse?: boolean },
): Promise<{ head: Buffer; input: InputSource }> {
  const it = input.open(options)[Symbol.asyncIterator]();
  const first = await it.next();
  const head = first.done ? Buffer.alloc(0) : first.value;
  const rest: AsyncIterable<Buffer> = { [Symbol.asyncIterator]: () => it };
  return {
    head,
    input: {
      name: input.name,
      size: input.size,
      ...(input.file ? { file: input.file } : {}),
      async close() {
        await it.return?.();
      },
      async *open() {
        // A reader that stops on the head chunk (an error in a one-chunk file) never reaches `rest`:
        // the file is closed here all the same, not left to the garbage collector.
        try {
          if (!first.done) yield head;
          yield* rest;
        } finally {
          await it.return?.();
        }
      },
    },
  };
}
