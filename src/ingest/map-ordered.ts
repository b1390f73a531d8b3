/**
 * Maps `items` through async `map` with up to `concurrency` calls in flight, yielding results
 * in input order as soon as each is ready. Stops starting new calls when the consumer stops;
 * a rejected call rethrows when its turn to be yielded comes.
 */
export async function* mapOrdered<Item, Result>(items: readonly Item[], concurrency: number, map: (item: Item, index: number) => Promise<Result>): AsyncGenerator<Result> {
  const inFlight: Array<Promise<Result>> = [];
  let next = 0;
  const start = () => {
    const index = next++;
    const pending = map(items[index]!, index);
    // Handled when yielded; this keeps an early rejection from being reported as unhandled.
    pending.catch(() => undefined);
    inFlight.push(pending);
  };
  while (next < items.length && inFlight.length < concurrency) start();
  while (inFlight.length > 0) {
    const result = await inFlight.shift()!;
    if (next < items.length) start();
    yield result;
  }
}

/** mapOrdered collected into an array. */
export async function mapAll<Item, Result>(items: readonly Item[], concurrency: number, map: (item: Item, index: number) => Promise<Result>): Promise<Result[]> {
  const results: Result[] = [];
  for await (const result of mapOrdered(items, concurrency, map)) results.push(result);
  return results;
}
