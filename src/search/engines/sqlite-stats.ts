/**
 * How many papers hold a term, from FTS5's own vocabulary (fts5vocab), for the planner: what a
 * query costs is about the number of papers its rarest required part matches.
 */
import { sql } from 'kysely'
import type { Db } from '../../platform/db/connect.js'
import type { Atom } from '../model.js'

/** Counts drift as papers arrive; the planner only needs their size, so they are kept a while. */
const STATS_TTL_MS = 10 * 60_000
// Past every character a prefix can be followed by, in SQLite's byte order of UTF-8.
const AFTER_ALL = '\u{10FFFF}'

export interface TermStats {
  /** Papers holding the atom: exact for a word, an upper bound for a phrase or a prefix. */
  documents(atom: Atom): Promise<number>
  /** About the number of papers indexed (the highest rowid). */
  papers(): Promise<number>
  clear(): void
}

export function termStats(db: Db): TermStats {
  const cache = new Map<string, { value: number; at: number }>()
  const cached = async (key: string, load: () => Promise<number>) => {
    const hit = cache.get(key)
    if (hit && Date.now() - hit.at < STATS_TTL_MS) return hit.value
    const value = await load()
    cache.set(key, { value, at: Date.now() })
    return value
  }
  const term = (t: string) =>
    cached(`=${t}`, async () => {
      const { rows } = await sql<{ doc: number }>`select doc from search_vocab where term = ${t}`.execute(db.kysely)
      return rows[0]?.doc ?? 0
    })
  const prefix = (p: string) =>
    cached(`*${p}`, async () => {
      const { rows } = await sql<{ docs: number | null }>`select sum(doc) as docs from search_vocab
        where term >= ${p} and term < ${p + AFTER_ALL}`.execute(db.kysely)
      return rows[0]?.docs ?? 0
    })
  return {
    async documents(atom) {
      const tokens = atom.tokens.filter(Boolean)
      const counts = await Promise.all(
        tokens.map((t, i) => (atom.prefix && i === tokens.length - 1 ? prefix(t) : term(t))),
      )
      return counts.length > 0 ? Math.min(...counts) : 0
    },
    papers: () =>
      cached('#papers', async () => {
        const { rows } = await sql<{ n: number | null }>`select max(rowid) as n from papers`.execute(db.kysely)
        return rows[0]?.n ?? 0
      }),
    clear: () => cache.clear(),
  }
}
