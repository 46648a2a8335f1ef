import { type PaperRecord, withoutUndefined } from '../../papers/model.js'
import { collapseWhitespace } from '../../platform/text.js'

/** Field by field, what every arXiv format needs: whitespace, dates, categories, withdrawal. */

/** A record that was skipped, or a value left out of one, and why. */
export interface Problem {
  /** The arXiv id when it is known, else the position (`entry 3`, `line 17`, `document`). */
  where: string
  reason: string
}

export { collapseWhitespace }

/** Collapsed text, or undefined when there is none: an empty element means "not known". */
export function optionalText(text: string | null | undefined): string | undefined {
  const collapsed = text == null ? '' : collapseWhitespace(text)
  return collapsed === '' ? undefined : collapsed
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/
// `Mon, 2 Apr 2007 19:18:42 GMT` (arXivRaw, the snapshot), `Thu, 28 Nov 2024 00:00:00 -0500` (RSS).
const RFC_2822 = new RegExp(
  String.raw`^(?:[A-Z][a-z]{2},\s*)?(\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) ` +
    String.raw`(\d{2}):(\d{2})(?::(\d{2}))? (GMT|UTC?|[+-]\d{4})$`,
)
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** An Atom timestamp (`2022-01-31T18:59:34Z`, `2025-08-20T00:00:00-04:00`) as UTC ISO. */
export function isoFromTimestamp(text: string | undefined): string | undefined {
  const s = text?.trim() ?? ''
  return ISO_DATE_TIME.test(s) ? validIso(new Date(s)) : undefined
}

/** A calendar day (`2008-11-26`) as midnight UTC. */
export function isoFromDay(text: string | null | undefined): string | undefined {
  const m = DAY.exec(text?.trim() ?? '')
  if (!m) return undefined
  const iso = validIso(new Date(`${m[0]}T00:00:00Z`))
  return iso?.startsWith(m[0]) ? iso : undefined // `2023-02-31` rolls over; refuse it
}

/** An RFC 2822 date as UTC ISO, with the calendar day it names in its own zone. */
export function parseRfc2822(text: string | undefined): { iso: string; day: string } | undefined {
  const m = RFC_2822.exec(collapseWhitespace(text ?? ''))
  if (!m) return undefined
  const [, d, mon, y, hh, mm, ss = '00', zone] = m
  const month = MONTHS.indexOf(mon!) + 1
  if (month === 0) return undefined
  const day = `${y}-${String(month).padStart(2, '0')}-${d!.padStart(2, '0')}`
  if (!isoFromDay(day)) return undefined
  const offset = /^[+-]/.test(zone!) ? `${zone!.slice(0, 3)}:${zone!.slice(3)}` : 'Z'
  const iso = validIso(new Date(`${day}T${hh}:${mm}:${ss}${offset}`))
  return iso ? { iso, day } : undefined
}

/** A date read by `parse`; one that is there but unreadable is left out, and `note` says so. */
export function optionalDate(
  raw: string | null | undefined,
  parse: (text: string) => string | undefined,
  label: string,
  note: (reason: string) => void,
): string | undefined {
  if (raw == null || raw.trim() === '') return undefined
  const iso = parse(raw)
  if (!iso) note(`${label} ${JSON.stringify(raw.trim())} is not a date; left out`)
  return iso
}

function validIso(date: Date): string | undefined {
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

// Archives (`hep-th`) and subject classes (`cs.LG`, `cond-mat.stat-mech`). The old API also put
// MSC and ACM classes (`35`, `I.2.6`) in <category>, and they are not arXiv categories.
const ARXIV_CATEGORY = /^[a-z]+(?:-[a-z]+)*(?:\.[A-Za-z]+(?:-[a-z]+)*)?$/

/** arXiv categories in the order given (the primary first), without repeats or other schemes. */
export function arxivCategories(terms: (string | undefined)[]): string[] | undefined {
  const kept = new Set(terms.map((t) => t?.trim() ?? '').filter((t) => ARXIV_CATEGORY.test(t)))
  return kept.size > 0 ? [...kept] : undefined
}

// arXiv replaces the abstract or the comments of a withdrawn paper with a notice that opens it:
// "This paper has been withdrawn by the authors.", "paper withdrawn by author", "withdrawn by
// arXiv administrators due to plagiarism", "This paper has been removed by arXiv administrators".
// Only the opening counts: abstracts about "water withdrawals" or papers "withdrawn from a
// conference" are not notices.
const WITHDRAWAL_NOTICE = new RegExp(
  String.raw`^\W*(?:` +
    String.raw`(?:this|the)\s+(?:papers?|article|manuscript|submission|preprint|work)\s+` +
    String.raw`(?:has\s+been|had\s+been|is)\s+` +
    String.raw`|(?:papers?|article|manuscript|submission)\s+` +
    String.raw`)?(?:withdrawn|removed\s+by\s+arxiv)\b`,
  'i',
)

/** Whether a paper's abstract or comments are arXiv's withdrawal notice. */
export function isWithdrawn(...texts: (string | undefined)[]): boolean {
  return texts.some((t) => t !== undefined && WITHDRAWAL_NOTICE.test(t))
}

/**
 * Why a record must not land, or null. U+FFFD is what a decoder leaves for bytes that were not
 * UTF-8: such a record would overwrite good text with damaged text, so it waits for a clean copy.
 */
export function flawIn(record: PaperRecord): string | null {
  if (record.title === '') return 'no title'
  const texts = [record.title, record.abstract, record.comments, ...(record.authors ?? [])]
  if (texts.some((t) => t?.includes('\uFFFD'))) return 'text holds U+FFFD: the bytes were not UTF-8'
  return null
}

/** The list, or undefined when it is empty: no authors found means none known, not none. */
export function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined
}

export { withoutUndefined }
