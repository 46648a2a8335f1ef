/**
 * The digest's "for you" section for subscribers with an account: the period's papers nearest to
 * the centroid of what the member upvoted or collected lately, in the search feature's space of
 * meaning (docs/decisions/0018-search-by-meaning.md). One run reads the period's candidate vectors
 * once and each member's taste once, however many digests it sends; subscribers without an account
 * cost nothing (docs/decisions/0030-digest-for-you-and-account-subscriptions.md).
 */
import { recentlyCollected } from '../community/collections/store.js'
import { votedPapers } from '../community/votes/store.js'
import type { Paper } from '../papers/model.js'
import { getPapers } from '../papers/store.js'
import type { Db } from '../platform/db/connect.js'
import { vectorsOf } from '../search/vectors/meaning-search.js'
import { readModel } from '../search/vectors/store.js'
import { selectPapers } from './compose.js'
import type { Preferences } from './preferences.js'
import type { ForYouPaper } from './render.js'

/** Papers the section adds: a short second list, under the period's top papers. */
export const FOR_YOU_PAPERS = 3
/** The member's taste: their latest upvotes and collected papers; older ones say less about today. */
const TASTE_PAPERS = 50
/**
 * Below this cosine to the member's centroid a paper is not "like what you read": unrelated papers
 * score near 0 in the catalog's space, and a centroid of varied interests is nearer none of them
 * than one paper is to its neighbours (about 0.5), so the bar sits well below that.
 */
const MIN_COSINE = 0.2

/** A paper the member upvoted or collected, and which. */
export interface TastePaper {
  paper: Paper
  how: 'upvoted' | 'collected'
  /** Its vector scaled to length 1. */
  vector: Float64Array
}

export type ForYouPick = (
  memberId: number,
  prefs: Pick<Preferences, 'categories' | 'keywords'>,
  /** Papers this digest must not add: its main list and whatever the subscriber was sent. */
  exclude: ReadonlySet<string>,
) => Promise<ForYouPaper[]>

interface Taste {
  papers: TastePaper[]
  /** The period's candidates nearest the centroid first, those below MIN_COSINE left out. */
  ranked: Paper[]
}

/**
 * What a run asks for each member-subscriber; empty before the catalog has a model of meaning
 * (`paperboy reindex --vectors`). Each member's taste is read on their first digest and kept for
 * the run.
 */
export function forYouPicker(db: Db, candidates: readonly Paper[]): ForYouPick {
  let space: Promise<Map<string, Float64Array> | null> | undefined
  const tastes = new Map<number, Promise<Taste>>()
  const spaceOf = () =>
    (space ??= readModel(db).then(async (model) =>
      model
        ? unitVectors(
            await vectorsOf(
              db,
              model,
              candidates.map((p) => p.id),
            ),
          )
        : null,
    ))
  const tasteOf = async (memberId: number): Promise<Taste> => {
    const vectors = await spaceOf()
    if (!vectors) return { papers: [], ranked: [] }
    const papers = await readTaste(db, memberId)
    return { papers, ranked: rankByTaste(candidates, vectors, papers) }
  }
  return async (memberId, prefs, exclude) => {
    let taste = tastes.get(memberId)
    if (!taste) tastes.set(memberId, (taste = tasteOf(memberId)))
    const { papers, ranked } = await taste
    const skip = new Set([...exclude, ...papers.map((t) => t.paper.id)])
    const picked = selectPapers(ranked, { ...prefs, maxPapers: FOR_YOU_PAPERS }, skip)
    const vectors = await spaceOf()
    return picked.map((paper) => ({ paper, because: nearestTaste(papers, vectors?.get(paper.id)) }))
  }
}

/** The member's latest upvoted and collected papers, newest first, each once, with their vectors. */
async function readTaste(db: Db, memberId: number): Promise<TastePaper[]> {
  const model = await readModel(db)
  if (!model) return []
  const [voted, collected] = await Promise.all([
    votedPapers(db, memberId, { limit: TASTE_PAPERS, offset: 0 }),
    recentlyCollected(db, memberId, TASTE_PAPERS),
  ])
  const events = [
    ...voted.papers.map((v) => ({ id: v.paper.id, at: v.votedAt, how: 'upvoted' as const })),
    ...collected.map((c) => ({ id: c.paperId, at: c.addedAt, how: 'collected' as const })),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
  const latest = new Map<string, 'upvoted' | 'collected'>()
  for (const e of events) if (latest.size < TASTE_PAPERS && !latest.has(e.id)) latest.set(e.id, e.how)
  const ids = [...latest.keys()]
  const [papers, vectors] = await Promise.all([getPapers(db, ids), vectorsOf(db, model, ids).then(unitVectors)])
  return papers.flatMap((paper) => {
    const vector = vectors.get(paper.id)
    return vector ? [{ paper, how: latest.get(paper.id)!, vector }] : []
  })
}

/**
 * The candidates by cosine to the centroid of the taste vectors, nearest first, leaving out those
 * below MIN_COSINE; empty without a taste.
 */
export function rankByTaste(
  candidates: readonly Paper[],
  vectors: ReadonlyMap<string, Float64Array>,
  taste: readonly TastePaper[],
): Paper[] {
  if (taste.length === 0) return []
  const centroid = new Float64Array(taste[0]!.vector.length)
  for (const t of taste) for (let d = 0; d < centroid.length; d++) centroid[d]! += t.vector[d]!
  const c = unit(centroid)
  return candidates
    .map((paper, at) => {
      const v = vectors.get(paper.id)
      return { paper, at, cosine: v ? dot(c, v) : 0 }
    })
    .filter((x) => x.cosine >= MIN_COSINE)
    .sort((a, b) => b.cosine - a.cosine || a.at - b.at)
    .map((x) => x.paper)
}

/** The reason shown: the taste paper most like the one suggested. */
function nearestTaste(taste: readonly TastePaper[], vector: Float64Array | undefined): ForYouPaper['because'] {
  let best = taste[0]!
  if (vector) {
    let bestCosine = -Infinity
    for (const t of taste) {
      const cosine = dot(vector, t.vector)
      if (cosine > bestCosine) [best, bestCosine] = [t, cosine]
    }
  }
  return { how: best.how, title: best.paper.title }
}

function unitVectors(vectors: Map<string, Int8Array>): Map<string, Float64Array> {
  return new Map([...vectors].map(([id, v]) => [id, unit(v)]))
}

function unit(v: ArrayLike<number>): Float64Array {
  let norm = 0
  for (let i = 0; i < v.length; i++) norm += v[i]! * v[i]!
  const out = Float64Array.from(v as ArrayLike<number>)
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i]! /= Math.sqrt(norm)
  return out
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!
  return sum
}
