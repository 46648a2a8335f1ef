import { readFileSync } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { Db } from '../../platform/db/connect.js'
import { hfDailyItem, recordFromHfItem } from './format.js'
import type { PaperRecord } from '../model.js'
import { upsertPapers, withBulkLoad } from '../upsert.js'

export interface ImportProblem {
  file: string
  /** 0-based index of the item in the file's array; absent when the whole file was rejected. */
  item?: number
  reason: string
}

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

/** An import of a damaged folder could skip millions of items: keep what a person reads. */
export const PROBLEMS_KEPT = 100

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
  let batch: ParsedItem[] = []
  const inBatch = new Set<string>()
  const flush = async () => {
    const result = await upsertPapers(
      db,
      batch.map((b) => b.record),
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
  await withBulkLoad(db, async () => {
    for (let i = 0; i < files.length; i++) {
      // Read synchronously: the database driver is synchronous too, so nothing else would run
      // meanwhile, and a sync read of a day's file costs a fraction of an async one.
      const text = readFileSync(files[i]!, 'utf8')
      for (const parsed of parseHfFile(basename(files[i]!), text, report)) {
        // The upsert counts papers, the report counts items: a paper listed again (featured on
        // another day) waits for the next batch, where it counts as the update it is.
        if (inBatch.has(parsed.record.id)) await flush()
        batch.push(parsed)
        inBatch.add(parsed.record.id)
      }
      if (batch.length >= RECORDS_PER_BATCH || i === files.length - 1) await flush()
      report.files++
      onProgress?.(report.files, files.length, report)
    }
  })
  return report
}

// Enough records per transaction that a day's file is not a round trip of its own; small enough
// that a batch stays a few MB.
const RECORDS_PER_BATCH = 1000

interface ParsedItem {
  record: PaperRecord
  file: string
  item: number
}

function parseHfFile(name: string, text: string, report: ImportReport): ParsedItem[] {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    skipFile(report, { file: name, reason: `not valid JSON (${(error as Error).message})` })
    return []
  }
  if (!Array.isArray(data)) {
    skipFile(report, { file: name, reason: 'expected a JSON array of daily papers' })
    return []
  }
  const records: ParsedItem[] = []
  data.forEach((raw, index) => {
    report.items++
    const parsed = hfDailyItem.safeParse(raw)
    if (parsed.success) {
      records.push({ record: recordFromHfItem(parsed.data, index), file: name, item: index })
      return
    }
    const issue = parsed.error.issues[0]!
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
    report.skipped++
    keepProblem(report, { file: name, item: index, reason: `${where}${issue.message}` })
  })
  return records
}

function skipFile(report: ImportReport, problem: ImportProblem): void {
  report.filesSkipped++
  keepProblem(report, problem)
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
