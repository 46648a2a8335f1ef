/**
 * Reading and checking Hugging Face daily-papers files, apart from writing them: this runs in the
 * import's worker thread (import-worker.ts) while the main thread writes the previous batch, or in
 * the main thread for a small import (import.ts says when).
 */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { indexText } from '../../search/normalize.js'
import { indexTexts } from '../../search/index-texts.js'
import type { PaperRecord } from '../model.js'
import { readHfItem } from './format.js'

export interface ImportProblem {
  file: string
  /** 0-based index of the item in the file's array; absent when the whole file was rejected. */
  item?: number
  reason: string
}

/** An import of a damaged folder could skip millions of items: keep what a person reads. */
export const PROBLEMS_KEPT = 100

export interface ParsedItem {
  record: PaperRecord
  /** 0-based index of the item in its file's array. */
  item: number
  /** Its indexTexts tokenized, when asked for: the writing thread then only looks them up. */
  tokens?: string[]
}

/** One file, read and checked: its good items as records, its bad ones counted. */
export interface ParsedFile {
  name: string
  /** Why the whole file was skipped (not JSON, not a list); its items are then not counted. */
  rejected?: string
  items: number
  skipped: number
  records: ParsedItem[]
  /** The first PROBLEMS_KEPT of its bad items; `skipped` counts them all. */
  problems: ImportProblem[]
}

/**
 * The files in order, a group at a time, each group holding at least `recordsPerGroup` records
 * (but the last): a worker thread hands over one message per group, not one per small file.
 */
export function* parseHfFileGroups(
  files: readonly string[],
  recordsPerGroup: number,
  tokenize: boolean,
): Generator<ParsedFile[]> {
  let group: ParsedFile[] = []
  let records = 0
  for (const file of files) {
    // Read synchronously: in the worker nothing else waits, and in the main thread the database
    // driver is synchronous too; a sync read of a day's file costs a fraction of an async one.
    const parsed = parseHfFile(basename(file), readFileSync(file, 'utf8'), tokenize)
    group.push(parsed)
    records += parsed.records.length
    if (records >= recordsPerGroup) {
      yield group
      group = []
      records = 0
    }
  }
  if (group.length > 0) yield group
}

export function parseHfFile(name: string, text: string, tokenize: boolean): ParsedFile {
  const file: ParsedFile = { name, items: 0, skipped: 0, records: [], problems: [] }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    return { ...file, rejected: `not valid JSON (${(error as Error).message})` }
  }
  if (!Array.isArray(data)) return { ...file, rejected: 'expected a JSON array of daily papers' }
  file.items = data.length
  data.forEach((raw, index) => {
    const read = readHfItem(raw, index)
    if ('record' in read) {
      const { record } = read
      file.records.push(
        tokenize ? { record, item: index, tokens: indexTexts(record).map(indexText) } : { record, item: index },
      )
      return
    }
    file.skipped++
    if (file.problems.length < PROBLEMS_KEPT) file.problems.push({ file: name, item: index, reason: read.problem })
  })
  return file
}
