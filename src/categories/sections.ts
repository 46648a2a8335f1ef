import { listingDayOf } from '../papers/listing-days.js'
import type { Paper } from '../papers/model.js'

/**
 * arXiv's sections of a category's listing day, derived from the catalog's version dates
 * (docs/decisions/0028-category-views.md, papers/listing-days.ts): a paper whose first version
 * arXiv lists that day is a new submission where the category is its primary one and a cross-list
 * where it is another of its categories; a paper whose latest version (2 or later) it lists that day
 * is a replacement.
 */
export const SECTIONS = ['new', 'cross', 'replaced'] as const
export type Section = (typeof SECTIONS)[number]

export const SECTION_TITLES: Record<Section, string> = {
  new: 'New submissions',
  cross: 'Cross-lists',
  replaced: 'Replacements',
}

/** An arXiv category or archive code: `cs.LG`, `hep-th`, `cond-mat.stat-mech`, `cs`. */
const CATEGORY_CODE = /^[a-z]+(?:-[a-z]+)?(?:\.[A-Za-z]+(?:-[a-z]+)*)?$/
export const MAX_CATEGORY_LENGTH = 32

export function isCategoryCode(s: string): boolean {
  return s.length <= MAX_CATEGORY_LENGTH && CATEGORY_CODE.test(s)
}

/** The listing day of a version's timestamp. */
const dayOf = (iso: string | null) => (iso ? listingDayOf(iso) : null)

/** What places a paper in a day's sections. */
export type Announced = Pick<Paper, 'categories' | 'publishedAt' | 'updatedAt' | 'version'>

/** The section `paper` belongs to in `category` on `day` (YYYY-MM-DD), or null when it is not announced there. */
export function sectionOf(paper: Announced, category: string, day: string): Section | null {
  if (!paper.categories.includes(category)) return null
  if (dayOf(paper.publishedAt) === day) return paper.categories[0] === category ? 'new' : 'cross'
  if ((paper.version ?? 1) > 1 && dayOf(paper.updatedAt) === day) return 'replaced'
  return null
}

/** When `paper` was last announced: its latest version's date for a replacement, else its first's. */
export function announcedAt(paper: Announced): string | null {
  return (paper.version ?? 1) > 1 && paper.updatedAt ? paper.updatedAt : paper.publishedAt
}

/** The papers of a day, sorted into its sections, each in arXiv's order (by id, as its listings are). */
export function intoSections(papers: readonly Paper[], category: string, day: string): Record<Section, Paper[]> {
  const sections: Record<Section, Paper[]> = { new: [], cross: [], replaced: [] }
  for (const paper of papers) {
    const section = sectionOf(paper, category, day)
    if (section) sections[section].push(paper)
  }
  for (const list of Object.values(sections)) list.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return sections
}
