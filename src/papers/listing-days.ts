import { addDays, toDay } from './period.js'

/**
 * arXiv's listing days (docs/decisions/0028-category-views.md). arXiv closes a day's submissions at
 * 14:00 in New York on each weekday and announces them that evening, Sunday to Thursday, at 20:00;
 * its "new" listing of that announcement is dated the next day, Monday to Friday. So a version
 * submitted from Tuesday 14:00 to Wednesday 14:00 (Eastern) is listed on Thursday, and one
 * submitted from Friday 14:00 to Monday 14:00 on Tuesday (https://info.arxiv.org/help/availability.html).
 * (rss.arxiv.org dates its feeds the same way: the recorded feed of Thursday 28 November 2024 is
 * the announcement of Wednesday evening.) Holidays on which arXiv announces nothing are not modelled: the
 * papers of such a window are listed on the next weekday, which is where arXiv lists them too, but
 * that weekday's own window is shown apart, a day later than arXiv shows it.
 */

const CUTOFF_HOUR = 14
const ZONE = 'America/New_York'

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'shortOffset' })

// Offsets by hour: a day's page places thousands of papers, and Intl is slow. Cleared when full.
const offsets = new Map<number, number>()
const MAX_OFFSETS = 10_000

/** New York's offset from UTC at instant `t`, in milliseconds (−4 h or −5 h). */
function newYorkOffsetMs(t: number): number {
  const hour = Math.floor(t / 3_600_000)
  let offset = offsets.get(hour)
  if (offset === undefined) {
    if (offsets.size >= MAX_OFFSETS) offsets.clear()
    offsets.set(hour, (offset = offsetAt(hour * 3_600_000)))
  }
  return offset
}

function offsetAt(t: number): number {
  const name = offsetFormat.formatToParts(t).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT-5'
  const m = /^GMT([+-])(\d{1,2})(?::(\d\d))?$/.exec(name)
  if (!m) return -5 * 3_600_000
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0)
  return (m[1] === '-' ? -minutes : minutes) * 60_000
}

/** 0 Sunday … 6 Saturday, of a `YYYY-MM-DD` day. */
const weekday = (day: string) => new Date(`${day}T12:00:00.000Z`).getUTCDay()
export const isWeekday = (day: string) => weekday(day) !== 0 && weekday(day) !== 6

function nextWeekday(day: string): string {
  let d = addDays(day, 1)
  while (!isWeekday(d)) d = addDays(d, 1)
  return d
}

function previousWeekday(day: string): string {
  let d = addDays(day, -1)
  while (!isWeekday(d)) d = addDays(d, -1)
  return d
}

/** The instant of 14:00 in New York on `day` (never near a daylight-saving change, which happens at 02:00). */
function cutoffOf(day: string): number {
  const noonUtc = Date.parse(`${day}T${CUTOFF_HOUR}:00:00.000Z`)
  return noonUtc - newYorkOffsetMs(noonUtc + 5 * 3_600_000)
}

/** The listing day (YYYY-MM-DD, a weekday) of a version submitted at `iso`. */
export function listingDayOf(iso: string): string {
  const t = Date.parse(iso)
  const local = t + newYorkOffsetMs(t)
  // The weekday whose 14:00 closes the submission's window: a later hour, or a weekend, waits for the next.
  let closing = toDay(local)
  if (new Date(local).getUTCHours() >= CUTOFF_HOUR) closing = addDays(closing, 1)
  while (!isWeekday(closing)) closing = addDays(closing, 1)
  return nextWeekday(closing)
}

/**
 * The submission window [start, end) of listing day `day`, as ISO instants. A weekend day lists
 * nothing: its window is empty, placed where Friday's ends, so that the days before and after it
 * are found as for any day.
 */
export function listingWindow(day: string): { start: string; end: string } {
  const iso = (t: number) => new Date(t).toISOString()
  if (!isWeekday(day)) {
    const friday = listingWindow(previousWeekday(day))
    return { start: friday.end, end: friday.end }
  }
  const closing = previousWeekday(day)
  return { start: iso(cutoffOf(previousWeekday(closing))), end: iso(cutoffOf(closing)) }
}
