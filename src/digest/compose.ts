import type { Paper } from '../papers/model.js'
import { addDays, type Period, periodContaining, previousPeriod } from '../papers/period.js'
import { texToPlainText } from '../papers/tex/plain.js'
import type { Preferences } from './preferences.js'

export type Frequency = Preferences['frequency']

/**
 * The calendar day `now` falls on in `timeZone` (DIGEST_TIMEZONE): the digest's "today". A digest
 * sent at 08:00 in Tokyo on a Monday is Monday's, though it is still Sunday in UTC.
 */
export function localDay(now: number, timeZone: string): string {
  let format = dayFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    dayFormats.set(timeZone, format)
  }
  const part = (type: string) => format.formatToParts(now).find((p) => p.type === type)!.value
  return `${part('year')}-${part('month')}-${part('day')}`
}
const dayFormats = new Map<string, Intl.DateTimeFormat>()

/** 0 Sunday … 6 Saturday, of a `YYYY-MM-DD` day. */
export const weekdayOf = (day: string) => new Date(`${day}T12:00:00.000Z`).getUTCDay()

/** Whether a subscriber gets a digest on `today` (their local day): weekly ones on Mondays, daily ones on weekdays unless every day. */
export function isSendDay(frequency: Frequency, everyDay: boolean, today: string): boolean {
  const weekday = weekdayOf(today)
  if (frequency === 'weekly') return weekday === 1
  return everyDay || (weekday !== 0 && weekday !== 6)
}

/**
 * The period a digest sent on `today` (the local day) covers: a weekly one the ISO week before; a
 * daily one the latest featured day up to today (`latestDay`): Monday's digest brings Friday's
 * papers rather than an empty Sunday, and since no paper is sent twice, a day is never repeated.
 */
export function digestPeriod(frequency: Frequency, today: string, latestDay: string | null): Period {
  if (frequency === 'weekly') return previousPeriod(periodContaining('week', today))
  return periodContaining('day', latestDay && latestDay <= today ? latestDay : addDays(today, -1))
}

/**
 * A subscriber's papers out of the period's candidates (best first): those in their categories
 * (a category or its whole archive: `cs` takes `cs.LG`) and holding one of their keywords, never
 * one sent to them before, at most their number.
 */
export function selectPapers(
  candidates: Paper[],
  prefs: Pick<Preferences, 'categories' | 'keywords' | 'maxPapers'>,
  sent: ReadonlySet<string>,
): Paper[] {
  const picked: Paper[] = []
  const keywords = prefs.keywords.map((k) => new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(k)}`, 'iu'))
  for (const paper of candidates) {
    if (picked.length >= prefs.maxPapers) break
    if (sent.has(paper.id)) continue
    if (
      prefs.categories.length > 0 &&
      !paper.categories.some((c) => prefs.categories.some((want) => c === want || c.startsWith(`${want}.`)))
    )
      continue
    if (keywords.length > 0) {
      const text = `${texToPlainText(paper.title)} ${texToPlainText(paper.abstract)}`
      if (!keywords.some((k) => k.test(text))) continue
    }
    picked.push(paper)
  }
  return picked
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

const SUMMARY_CHARS = 320

/** What a digest says of a paper: its AI summary when it has one, else its abstract's first sentences. */
export function paperSummary(paper: Paper): string {
  const text = texToPlainText(paper.aiSummary ?? paper.abstract)
    .replace(/\s+/g, ' ')
    .trim()
  if (text.length <= SUMMARY_CHARS) return text
  const sentences = text.match(/[^.!?]+[.!?]+(\s|$)/g) ?? []
  let out = ''
  for (const s of sentences) {
    if ((out + s).length > SUMMARY_CHARS) break
    out += s
  }
  if (out.trim()) return out.trim()
  const cut = text.slice(0, SUMMARY_CHARS)
  return `${cut.slice(0, cut.lastIndexOf(' '))}…`
}
