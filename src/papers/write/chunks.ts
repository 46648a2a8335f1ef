/** `items` in slices of at most `size`, in order. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** The same, read lazily from any iterable: a writer holds one slice at a time, not all of them. */
export function* chunksOf<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let slice: T[] = []
  for (const item of items) {
    slice.push(item)
    if (slice.length === size) {
      yield slice
      slice = []
    }
  }
  if (slice.length > 0) yield slice
}

// Ids per `IN (…)` list, well under SQLite's and PostgreSQL's bound-parameter limits.
export const IDS_PER_QUERY = 1000
