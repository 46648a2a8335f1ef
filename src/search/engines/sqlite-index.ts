/**
 * SQLite's search index: an FTS5 table of each paper's tokens (normalize.ts), keyed by the papers
 * table's own rowid, written in the catalog write's transaction (docs/decisions/0016-search.md).
 */
import { type Kysely, sql } from 'kysely'
import type { BulkSession } from '../../platform/db/bulk-session.js'
import { chunks, IDS_PER_QUERY } from '../../papers/write/chunks.js'
import { indexText } from '../normalize.js'

/** bm25's column weights (title, authors, abstract, categories); the decision record says why. */
export const WEIGHTS = [8, 4, 1, 0] as const

/**
 * The index's tables. The text is tokenized before it gets here, so FTS5 only splits on spaces:
 * `ascii` keeps every non-ASCII character inside its token (CJK words, as normalize.ts cut them),
 * and `.`/`-` are kept for categories (`cs.lg`, `hep-th`). Contentless, as the text lives in
 * papers; contentless_delete lets a changed or removed paper's row go by rowid alone.
 */
export async function createSqliteIndex(db: Kysely<any>): Promise<void> {
  await sql`create virtual table search using fts5(
    title, authors, abstract, categories,
    content = '', contentless_delete = 1, tokenize = "ascii tokenchars '.-'"
  )`.execute(db)
  await sql`insert into search (search, rank) values ('rank', ${rankFunction()})`.execute(db)
  // Document frequencies for the query planner (sqlite-stats.ts).
  await sql`create virtual table search_vocab using fts5vocab(search, 'row')`.execute(db)
  // Papers leave the catalog only by the demo removal; the index follows whatever deletes them.
  await sql`create trigger search_follows_delete after delete on papers begin
    delete from search where rowid = old.rowid;
  end`.execute(db)
  // Each head term's best papers with their bm25 contribution (sqlite-lists.ts).
  await sql`create table search_lists (
    key text primary key, max_rowid integer not null, complete integer not null, rowids blob not null, impacts blob not null
  )`.execute(db)
}

/** FTS5's `rank` as configured: bm25 with the column weights. */
export function rankFunction(): string {
  return `bm25(${WEIGHTS.map((w) => w.toFixed(1)).join(', ')})`
}

export interface IndexRow {
  rowid: number
  title: string
  abstract: string
  categories: string
  authors: string | null
}

/**
 * Texts already tokenized, by paper id: a bulk load tokenizes its records' index texts (index-texts.ts)
 * in the thread that parses them (papers/huggingface/parse-files.ts), so the writing thread only
 * takes them. A text stored other than the record gave it (cleaned, or kept from a newer
 * observation) is tokenized as usual. Keyed by paper, not by text: a map keyed by text hashed
 * every abstract twice, which cost the Hugging Face import's writer ~50 ms of its ~1.3 s.
 */
export type TokenizedTexts = ReadonlyMap<string, TokenizedPaper>

/** A paper's index texts as its record gave them, and their tokens (indexText), in the same order. */
export interface TokenizedPaper {
  texts: readonly string[]
  tokens: readonly string[]
}

/** Writes the index rows of these papers (added or changed) in the catalog write's session. */
export async function writeSqliteIndex(
  s: BulkSession,
  ids: readonly string[],
  tokenized?: TokenizedTexts,
): Promise<void> {
  for (const chunk of chunks([...ids], IDS_PER_QUERY)) {
    const rows = await s.run(
      s.kysely
        .selectFrom('papers as p')
        .where('p.id', 'in', chunk)
        // In rowid order: FTS5 flushes its pending terms into a new segment whenever a rowid comes
        // lower than the last one written, so rows in id order cost twice as much to write.
        .orderBy(sql`p.rowid`)
        .select([
          sql<number>`p.rowid`.as('rowid'),
          'p.id',
          'p.hidden_at',
          'p.title',
          'p.abstract',
          'p.categories',
          (eb) =>
            eb
              .selectFrom('paper_authors as a')
              .whereRef('a.paper_id', '=', 'p.id')
              .where('a.hidden', '=', 0)
              .select(sql<string>`group_concat(a.name, ', ' order by a.position)`.as('names'))
              .as('authors'),
        ]),
    )
    // A paper an admin hid from the feed is not found either (papers/visibility.ts).
    const hidden = rows.filter((r) => r.hidden_at !== null).map((r) => r.rowid)
    if (hidden.length > 0)
      await s.run(
        s.kysely
          .withTables<SearchTables>()
          .deleteFrom('search')
          .where('rowid', 'in', sql<number>`(select value from json_each(${JSON.stringify(hidden)}))`),
      )
    await writeTokenRows(
      s,
      rows.filter((r) => r.hidden_at === null).map((r) => tokenRow(r, tokenized?.get(r.id))),
    )
  }
}

type SearchTables = {
  search: { rowid: number; title: string; authors: string; abstract: string; categories: string }
}

/** A paper's index row as FTS5 takes it: the rowid, then each column's tokens. */
export type TokenRow = [rowid: number, title: string, authors: string, abstract: string, categories: string]

/**
 * Tokenizes a paper's index row (pure: the rebuild runs it in a worker thread, sqlite-rebuild.ts),
 * taking the texts a bulk load tokenized ahead where they are the ones stored.
 */
export function tokenRow(r: IndexRow, ahead?: TokenizedPaper): TokenRow {
  const text = (t: string, i: number) => (ahead?.texts[i] === t ? ahead.tokens[i]! : indexText(t))
  return [r.rowid, text(r.title, 0), text(r.authors ?? '', 1), text(r.abstract, 2), categoryTokens(r.categories)]
}

/** Replaces the index rows of these papers, already tokenized. */
export async function writeTokenRows(s: BulkSession, rows: readonly TokenRow[]): Promise<void> {
  if (rows.length === 0) return
  const insert = s.kysely
    .withTables<SearchTables>()
    .insertInto('search')
    .orReplace()
    // Placeholders, in the order of a TokenRow's values.
    .values({
      rowid: null as never,
      title: null as never,
      authors: null as never,
      abstract: null as never,
      categories: null as never,
    })
  await s.runEach(insert, rows)
}

/** `cs.LG cs.AI math.OC` → `cs.lg cs.ai math.oc cs math`: each category and its archive, once. */
export function categoryTokens(categories: string): string {
  const tokens = new Set<string>()
  const all = categories.toLowerCase().split(/\s+/).filter(Boolean)
  for (const c of all) tokens.add(c)
  for (const c of all) tokens.add(c.split('.')[0]!)
  return [...tokens].join(' ')
}
