import { mergePaper, type PaperValues } from '../merge.js'
import type { Featuring, PaperRecord, UpsertResult } from '../model.js'
import type { FeaturedRow, PaperRow, VersionRow } from '../rows.js'
import { setFeatured, type Stored } from './preload.js'

/** The rows a batch changes, table by table, and what it did to each distinct paper. */
export interface Writes {
  papers: PaperValues[]
  /** Each paper's full new author list; it replaces the stored one. */
  authors: Map<string, string[]>
  /** Papers whose stored authors must go before `authors` is written. */
  clearAuthorsOf: string[]
  /** The rows of `papers` that are new to the catalog. */
  added: PaperValues[]
  featured: FeaturedRow[]
  versions: VersionRow[]
  counts: Omit<UpsertResult, 'problems'>
}

/**
 * Folds a batch of records into the stored state (mergePaper for each paper) and returns only the
 * rows that change. `stored` is updated as it goes, so a paper twice in a batch merges with itself.
 */
export function diffRecords(stored: Stored, records: readonly PaperRecord[], now: string): Writes {
  const wasStored = new Set(stored.papers.keys())
  const paperWrites = new Map<string, PaperValues>()
  const authorWrites = new Map<string, string[]>()
  const featuredWrites = new Map<string, FeaturedRow>()
  const versionWrites = new Map<string, VersionRow>()
  for (const record of records) {
    for (const row of changedVersions(stored, record)) versionWrites.set(`${row.paper_id} ${row.version}`, row)
    if (record.featuring) {
      const row = featuredRow(record.id, record.featuring)
      if (!sameFeatured(stored.featured.get(row.paper_id)?.get(row.featured_on), row)) {
        setFeatured(stored, row)
        featuredWrites.set(`${row.paper_id} ${row.featured_on}`, row)
      }
    }
    const values = mergePaper(
      stored.papers.get(record.id),
      record,
      latestFeaturedAt(stored.featured.get(record.id)),
      now,
    )
    if (values) {
      stored.papers.set(record.id, values as PaperRow)
      paperWrites.set(record.id, values)
    }
    if (record.authors && !sameList(stored.authors.get(record.id) ?? [], record.authors)) {
      stored.authors.set(record.id, record.authors)
      authorWrites.set(record.id, record.authors)
    }
  }
  const touched = new Set([...paperWrites.keys(), ...authorWrites.keys()])
  for (const f of featuredWrites.values()) touched.add(f.paper_id)
  for (const v of versionWrites.values()) touched.add(v.paper_id)
  // modified_at covers the paper's authors and featured days too: it is what page caches
  // compare (catalogVersion), so any change to what a page shows must move it.
  for (const id of touched)
    if (!paperWrites.has(id)) paperWrites.set(id, { ...stored.papers.get(id)!, modified_at: now })

  const ids = new Set(records.map((r) => r.id))
  let added = 0
  let updated = 0
  for (const id of ids) {
    if (!wasStored.has(id)) added++
    else if (touched.has(id)) updated++
  }
  return {
    papers: [...paperWrites.values()],
    authors: authorWrites,
    clearAuthorsOf: [...authorWrites.keys()].filter((id) => wasStored.has(id)),
    added: [...paperWrites.values()].filter((p) => !wasStored.has(p.id)),
    featured: [...featuredWrites.values()],
    versions: [...versionWrites.values()],
    counts: { added, updated, unchanged: ids.size - added - updated },
  }
}

function* changedVersions(stored: Stored, record: PaperRecord): Generator<VersionRow> {
  for (const v of record.versions ?? []) {
    const key = `${record.id} ${v.version}`
    const had = stored.versions.get(key)
    // What a source does not know about a version (its date, its title) keeps the stored value.
    const row: VersionRow = {
      paper_id: record.id,
      version: v.version,
      created_at: v.createdAt ?? had?.created_at ?? null,
      title: v.title ?? had?.title ?? null,
    }
    if (had && had.created_at === row.created_at && had.title === row.title) continue
    stored.versions.set(key, row)
    yield row
  }
}

/** A featuring as its `featured` row (the submitter kept as JSON, its name in `submitted_by`). */
export function featuredRow(paperId: string, f: Featuring): FeaturedRow {
  return {
    paper_id: paperId,
    featured_on: f.featuredOn,
    source: f.source,
    position: f.position,
    submitted_by: f.submittedBy?.name ?? null,
    submitter: f.submittedBy ? JSON.stringify(f.submittedBy) : null,
    submitted_at: f.submittedAt,
  }
}

function sameFeatured(a: FeaturedRow | undefined, b: FeaturedRow): boolean {
  return (
    !!a &&
    a.source === b.source &&
    a.position === b.position &&
    a.submitted_by === b.submitted_by &&
    a.submitter === b.submitter &&
    a.submitted_at === b.submitted_at
  )
}

function latestFeaturedAt(days: Map<string, FeaturedRow> | undefined): string | null {
  let latest: string | null = null
  for (const f of days?.values() ?? []) if (!latest || f.submitted_at > latest) latest = f.submitted_at
  return latest
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}
