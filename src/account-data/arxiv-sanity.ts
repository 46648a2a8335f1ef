import { findArxivId } from '../papers/arxiv-id.js'
import { collectionName } from '../community/collections/validation.js'
import { MAX_COLLECTED_PAPERS, type Skipped } from './format.js'

/** One arxiv-sanity tag: the collection it becomes and its papers' ids (without versions). */
export interface SanityTag {
  name: string
  ids: string[]
}

/** As many tags as a member may have collections, as many papers as a collection holds. */
const MAX_TAGS = 200
const MAX_PAPERS_PER_TAG = 2000

/**
 * The tags of an arxiv-sanity(-lite) library: its tags database keeps, for each user, a mapping of
 * tag name to the set of paper ids tagged (`{"rl": ["2301.00001", …]}`), and that mapping, dumped as
 * JSON, is what members carry out of it. Ids may carry a version (2301.00001v2) or an `arXiv:`
 * prefix; each tag's ids are kept once, without version. Returns an error sentence when the file is
 * not such a mapping at all.
 */
export function readSanityTags(value: unknown): { tags: SanityTag[]; skipped: Skipped[] } | { error: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: 'An arxiv-sanity tag file is a JSON object of tag names, each with a list of arXiv ids.' }
  }
  const entries = Object.entries(value)
  if (entries.length > MAX_TAGS) return { error: `The file has ${entries.length} tags; we import at most ${MAX_TAGS}.` }
  const tagged = entries.reduce((n, [, ids]) => n + (Array.isArray(ids) ? ids.length : 0), 0)
  if (tagged > MAX_COLLECTED_PAPERS) {
    return { error: `The tags hold ${tagged} papers in all; we import at most ${MAX_COLLECTED_PAPERS} at once.` }
  }
  const tags: SanityTag[] = []
  const skipped: Skipped[] = []
  for (const [rawName, ids] of entries) {
    const name = collectionName.safeParse(rawName)
    const what = `tag “${rawName.slice(0, 100)}”`
    if (!name.success) {
      skipped.push({ what, reason: name.error.issues[0]!.message })
      continue
    }
    if (!Array.isArray(ids)) {
      skipped.push({ what, reason: 'its papers are not a list of arXiv ids' })
      continue
    }
    if (ids.length > MAX_PAPERS_PER_TAG) {
      skipped.push({ what, reason: `it has ${ids.length} papers; a collection holds at most ${MAX_PAPERS_PER_TAG}` })
      continue
    }
    const found = new Set<string>()
    for (const raw of ids) {
      const id = typeof raw === 'string' && raw.length <= 100 ? findArxivId(raw) : null
      if (id) found.add(id.id)
      else skipped.push({ what, reason: `“${String(raw).slice(0, 60)}” is not an arXiv id` })
    }
    tags.push({ name: name.data, ids: [...found] })
  }
  return { tags, skipped }
}
