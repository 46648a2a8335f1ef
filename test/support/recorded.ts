import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readHfItem } from '../../src/papers/huggingface/format.js'
import type { PaperRecord } from '../../src/papers/model.js'
import { HF_DAILY_DIR } from './env.js'

/** The recorded Hugging Face days (../shared/data/hf-daily-papers), read in place. */

export interface RecordedItem {
  paper: {
    id: string
    title: string
    summary: string
    upvotes: number
    publishedAt: string
    submittedOnDailyAt: string
    authors: { name: string; hidden?: boolean }[]
    ai_summary?: string
  }
  numComments: number
  thumbnail?: string
  submittedBy?: { name: string }
}

/** Every recorded day, oldest first. */
export const RECORDED_DAYS: string[] = readdirSync(HF_DAILY_DIR)
  .filter((name) => name.endsWith('.json'))
  .map((name) => name.slice(0, -'.json'.length))
  .sort()

export function recordedDay(day: string): RecordedItem[] {
  return JSON.parse(readFileSync(join(HF_DAILY_DIR, `${day}.json`), 'utf8'))
}

/** A recorded item as the import reads it, featured at `position`; a test fails on one it refuses. */
export function hfRecord(item: unknown, position = 0): PaperRecord {
  const read = readHfItem(item, position)
  if ('problem' in read) throw new Error(`a recorded item was refused: ${read.problem}`)
  return read.record
}

/** Each recorded paper as its latest recording shows it. */
export function latestRecordings(): Map<string, RecordedItem> {
  const latest = new Map<string, RecordedItem>()
  for (const day of RECORDED_DAYS) for (const item of recordedDay(day)) latest.set(item.paper.id, item)
  return latest
}

/** Ids of the papers recorded on the days from `start` up to (not including) `end`. */
export function recordedIdsBetween(start: string, end: string): Set<string> {
  const days = RECORDED_DAYS.filter((d) => d >= start && d < end)
  return new Set(days.flatMap((d) => recordedDay(d).map((i) => i.paper.id)))
}

export const visibleAuthors = (item: RecordedItem) => item.paper.authors.filter((a) => !a.hidden).map((a) => a.name)
