// Known-item metrics over one ranked page of results.

/** 1 / the rank of the first relevant result, 0 when none is on the page. */
export function reciprocalRank(ranked: readonly string[], relevant: ReadonlySet<string>): number {
  const at = ranked.findIndex((id) => relevant.has(id))
  return at < 0 ? 0 : 1 / (at + 1)
}

/** Whether a relevant result is among the first `k`. */
export function successAt(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): boolean {
  return ranked.slice(0, k).some((id) => relevant.has(id))
}

/**
 * The share of the relevant papers that are among the first `k`, out of as many as fit in `k`: an
 * author with 30 papers is fully served by 10 of them on the first page.
 */
export function recallAt(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  const found = ranked.slice(0, k).filter((id) => relevant.has(id)).length
  return found / Math.min(k, relevant.size)
}

export interface KindFigures {
  queries: number
  mrr: number
  success_at_3: number
  success_at_10: number
  recall_at_10: number
}

/** Means over one kind's queries, each the ranked ids against its relevant set. */
export function summarize(
  results: readonly { ranked: readonly string[]; relevant: ReadonlySet<string> }[],
): KindFigures {
  const mean = (f: (r: (typeof results)[number]) => number) =>
    results.length === 0 ? 0 : round(results.reduce((sum, r) => sum + f(r), 0) / results.length)
  return {
    queries: results.length,
    mrr: mean((r) => reciprocalRank(r.ranked, r.relevant)),
    success_at_3: mean((r) => (successAt(r.ranked, r.relevant, 3) ? 1 : 0)),
    success_at_10: mean((r) => (successAt(r.ranked, r.relevant, 10) ? 1 : 0)),
    recall_at_10: mean((r) => recallAt(r.ranked, r.relevant, 10)),
  }
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000
}
