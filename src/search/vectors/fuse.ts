/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): each ranking gives a paper
 * 1 / (K + its rank), and the sums order the papers. Ranks, not scores, are fused, so bm25's and
 * cosine's scales never need reconciling (docs/decisions/0018-search-by-meaning.md).
 */

/** The paper's constant; it flattens the head so one list's first place cannot win alone. */
export const RRF_K = 60

/**
 * The candidates in lexical order, re-ordered by fusing that order with their cosine order. A
 * candidate without a vector takes the lexical share only. `weight` scales the cosine share.
 */
export function fuseRanks(
  lexical: readonly string[],
  cosine: ReadonlyMap<string, number>,
  weight = 1,
): { id: string; score: number }[] {
  const byCosine = lexical.filter((id) => cosine.has(id)).sort((a, b) => cosine.get(b)! - cosine.get(a)!)
  const cosineRank = new Map(byCosine.map((id, i) => [id, i + 1]))
  return lexical
    .map((id, i) => {
      const c = cosineRank.get(id)
      return { id, score: 1 / (RRF_K + i + 1) + (c === undefined ? 0 : weight / (RRF_K + c)), at: i }
    })
    .sort((a, b) => b.score - a.score || a.at - b.at)
    .map(({ id, score }) => ({ id, score }))
}
