/** `items` in slices of at most `size`, in order. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

// Ids per `IN (…)` list, well under SQLite's and PostgreSQL's bound-parameter limits.
export const IDS_PER_QUERY = 1000
