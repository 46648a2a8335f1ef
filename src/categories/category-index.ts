import { type Announced, SECTIONS, type Section, sectionOf } from './sections.js'
import { ARCHIVES, archiveOf, categoryName, findArchive } from './taxonomy.js'

/** One line of the index of categories: a category, its day's counts by section, and its papers. */
export interface CategoryRow {
  code: string
  /** arXiv's name for it, or its code when the taxonomy lacks it (an old or new category). */
  name: string
  day: Record<Section, number>
  /** Papers in the catalog with this primary category. */
  papers: number
}

export interface ArchiveGroup {
  code: string
  name: string
  rows: CategoryRow[]
}

/**
 * The index of categories: every category with papers (a primary category of some paper, or on
 * `day`'s announcements), grouped under its archive in arXiv's order, with `day`'s counts.
 */
export function categoryIndex(
  primaryCounts: ReadonlyMap<string, number>,
  announced: readonly Announced[],
  day: string | null,
): ArchiveGroup[] {
  const rows = new Map<string, CategoryRow>()
  const row = (code: string) => {
    let r = rows.get(code)
    if (!r) {
      r = { code, name: categoryName(code) ?? code, day: { new: 0, cross: 0, replaced: 0 }, papers: 0 }
      rows.set(code, r)
    }
    return r
  }
  for (const [code, n] of primaryCounts) row(code).papers = n
  if (day) {
    for (const paper of announced) {
      for (const code of new Set(paper.categories)) {
        const section = sectionOf(paper, code, day)
        if (section) row(code).day[section]++
      }
    }
  }
  const groups = new Map<string, ArchiveGroup>()
  for (const r of rows.values()) {
    const code = archiveOf(r.code)
    let group = groups.get(code)
    if (!group) groups.set(code, (group = { code, name: findArchive(code)?.name ?? code, rows: [] }))
    group.rows.push(r)
  }
  const archiveOrder = new Map(ARCHIVES.map((a, i) => [a.code, i]))
  const categoryOrder = new Map(ARCHIVES.flatMap((a) => Object.keys(a.categories)).map((c, i) => [c, i]))
  const byOrder = (order: Map<string, number>) => (a: { code: string }, b: { code: string }) =>
    (order.get(a.code) ?? Infinity) - (order.get(b.code) ?? Infinity) ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  for (const group of groups.values()) group.rows.sort(byOrder(categoryOrder))
  return [...groups.values()].sort(byOrder(archiveOrder))
}

/** A row's announcements on the day, all sections together. */
export const dayTotal = (r: CategoryRow) => SECTIONS.reduce((n, s) => n + r.day[s], 0)
