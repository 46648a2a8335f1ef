import { withoutUnstorableChars } from '../../platform/text.js'
import type { PaperRecord, RecordProblem } from '../model.js'

/**
 * A record with NUL and unpaired surrogates removed from all of its text, or the reason it cannot
 * be stored: an id is a key, and a key silently changed would name another paper.
 */
export function cleanRecord(record: PaperRecord): { record: PaperRecord } | { problem: RecordProblem } {
  const id = withoutUnstorableChars(record.id)
  if (id !== record.id) return { problem: { id, reason: 'the id holds NUL or an unpaired surrogate' } }
  return { record: cleaned(record) }
}

// Copies only what changes: nearly every record is clean, and then it comes back as it went in.
function cleaned<T>(value: T): T {
  if (typeof value === 'string') return withoutUnstorableChars(value) as T
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined
    for (let i = 0; i < value.length; i++) {
      const next = cleaned(value[i])
      if (next !== value[i]) (copy ??= [...value])[i] = next
    }
    return (copy ?? value) as T
  }
  const object = value as Record<string, unknown>
  let copy: Record<string, unknown> | undefined
  const keys = Object.keys(object)
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!
    const next = cleaned(object[key])
    if (next !== object[key]) (copy ??= { ...object })[key] = next
  }
  return (copy ?? value) as T
}
