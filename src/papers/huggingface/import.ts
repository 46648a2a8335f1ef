import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Db } from '../../platform/db/connect.js'
import { readFromWorker } from '../../platform/worker-stream.js'
import type { TokenizedTexts } from '../../search/engines/sqlite-index.js'
import { indexTexts } from '../../search/index-texts.js'
import { upsertPapers, withBulkLoad } from '../upsert.js'
import {
  type ImportProblem,
  type ParsedFile,
  type ParsedItem,
  parseHfFileGroups,
  PROBLEMS_KEPT,
} from './parse-files.js'

const WORKER = new URL('./import-worker.js', import.meta.url)

/** Counts per item: `added + updated + unchanged + skipped` is `items`. */
export interface ImportReport {
  files: number
  /** Files skipped whole (not JSON, not a list): their items are not counted. */
  filesSkipped: number
  items: number
  added: number
  updated: number
  unchanged: number
  skipped: number
  /** The first problems (at most PROBLEMS_KEPT); the counts above say how many there were. */
  problems: ImportProblem[]
}

/**
 * Imports Hugging Face daily-papers responses: one JSON file, or every `.json` file of a folder
 * in name order (the recorded files are named by date, so later days land last). A bad file or
 * item is reported and skipped; everything else lands.
 */
export async function importHfDaily(
  db: Db,
  path: string,
  onProgress?: (filesDone: number, filesTotal: number, report: ImportReport) => void,
): Promise<ImportReport> {
  const files = await listJsonFiles(path)
  const report: ImportReport = {
    files: 0,
    filesSkipped: 0,
    items: 0,
    added: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    problems: [],
  }
  let batch: (ParsedItem & { file: string })[] = []
  const inBatch = new Set<string>()
  const flush = async () => {
    const result = await upsertPapers(
      db,
      batch.map((b) => b.record),
      { tokenized: tokenizedTexts(batch) },
    )
    report.added += result.added
    report.updated += result.updated
    report.unchanged += result.unchanged
    // A paper the catalog refused is reported at every item that carried it.
    for (const problem of result.problems) {
      for (const b of batch.filter((b) => b.record.id === problem.id)) {
        report.skipped++
        keepProblem(report, { file: b.file, item: b.item, reason: problem.reason })
      }
    }
    batch = []
    inBatch.clear()
  }
  // SQLite's index is written batch by batch from texts the parsing thread tokenized, instead of
  // whole at the end; PostgreSQL's is written at the end (search/deferred-index.ts).
  const ownIndex = db.dialect === 'sqlite'
  await withBulkLoad(
    db,
    async () => {
      // The first batches are smaller (a sixteenth, then doubling), so that writing starts on the
      // first days' papers while the parsing thread reads on.
      let target = Math.ceil(RECORDS_PER_BATCH / 16)
      for await (const group of await parsedGroups(files, ownIndex)) {
        for (const file of group) {
          countFile(report, file)
          for (const parsed of file.records) {
            // The upsert counts papers, the report counts items: a paper listed again (featured on
            // another day) waits for the next batch, where it counts as the update it is.
            if (inBatch.has(parsed.record.id)) await flush()
            batch.push({ ...parsed, file: file.name })
            inBatch.add(parsed.record.id)
          }
          report.files++
          onProgress?.(report.files, files.length, report)
        }
        if (batch.length >= target) {
          await flush()
          target = Math.min(target * 2, RECORDS_PER_BATCH)
        }
      }
      if (batch.length > 0) await flush()
    },
    { indexAsItGoes: ownIndex },
  )
  return report
}

// Enough records per transaction that a day's file is not a round trip of its own; small enough
// that a batch stays a few MB.
const RECORDS_PER_BATCH = 1000

/**
 * The files read and checked in a worker thread while this one writes (docs/decisions/0007-ingest.md),
 * or here when the import is too small for a thread's start to pay, or holds a file too large for
 * the worker's capped heap.
 */
async function parsedGroups(
  files: readonly string[],
  tokenize: boolean,
): Promise<Iterable<ParsedFile[]> | AsyncIterable<ParsedFile[]>> {
  const sizes = await Promise.all(files.map(async (f) => (await stat(f)).size))
  const total = sizes.reduce((a, b) => a + b, 0)
  if (total < WORKER_MIN_BYTES || Math.max(...sizes) > WORKER_MAX_FILE_BYTES)
    return parseHfFileGroups(files, RECORDS_PER_GROUP, false)
  return readFromWorker<ParsedFile[]>(WORKER, {
    files,
    recordsPerGroup: RECORDS_PER_GROUP,
    ahead: GROUPS_AHEAD,
    tokenize,
  })
}

// The parsing thread hands its files over a few days at a time, up to two batches ahead of the
// writes: holding a whole batch's records (several MB) while it parsed the next files, it copied
// them at each young-generation collection and promoted them to its old generation; holding a few
// days' records, it collects little but garbage (docs/decisions/0007-ingest.md).
const RECORDS_PER_GROUP = 50
const GROUPS_AHEAD = (2 * RECORDS_PER_BATCH) / RECORDS_PER_GROUP

// Under 4 MB (a few weeks of days) parsing costs less than the worker's start from the sources
// (most of a second through tsx; milliseconds compiled). A file over 8 MB could outgrow the
// worker's heap (64 MB) once parsed.
const WORKER_MIN_BYTES = 4 << 20
const WORKER_MAX_FILE_BYTES = 8 << 20

/** What the parsing thread tokenized of a batch, by paper (search/engines/sqlite-index.ts). */
function tokenizedTexts(batch: readonly ParsedItem[]): TokenizedTexts | undefined {
  if (batch[0]?.tokens === undefined) return undefined
  return new Map(batch.map(({ record, tokens }) => [record.id, { texts: indexTexts(record), tokens: tokens! }]))
}

function countFile(report: ImportReport, file: ParsedFile): void {
  if (file.rejected !== undefined) {
    report.filesSkipped++
    keepProblem(report, { file: file.name, reason: file.rejected })
    return
  }
  report.items += file.items
  report.skipped += file.skipped
  for (const problem of file.problems) keepProblem(report, problem)
}

function keepProblem(report: ImportReport, problem: ImportProblem): void {
  if (report.problems.length < PROBLEMS_KEPT) report.problems.push(problem)
}

async function listJsonFiles(path: string): Promise<string[]> {
  const info = await stat(path)
  if (!info.isDirectory()) return [path]
  const names = (await readdir(path)).filter((n) => n.endsWith('.json')).sort()
  return names.map((n) => join(path, n))
}
