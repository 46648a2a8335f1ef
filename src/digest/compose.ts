import type { Paper } from '../papers/model.js'
import { addDays, type Period, periodContaining, previousPeriod, toDay } from '../papers/period.js'
import { texToPlainText } from '../papers/tex/plain.js'
import type { Preferences } from './preferences.js'

export type Frequency = Preferences['frequency']

/** Whether a subscriber gets a digest on `now`'s day: weekly ones on Mondays, daily ones on weekdays unless every day. */
export function isSendDay(frequency: Frequency, everyDay: boolean, now: number): boolean {
  const weekday = new Date(now).getUTCDay() // 0 Sunday … 6 Saturday
  if (frequency === 'weekly') return weekday === 1
  return everyDay || (weekday !== 0 && weekday !== 6)
}

/**
 * The period a digest sent on `now`'s day covers: a weekly one the ISO week before; a daily one the
 * latest featured day up to today (`latestDay`): Monday's digest brings Friday's papers rather than
 * an empty Sunday, and since no paper is sent twice, a day is never repeated.
 */
export function digestPeriod(frequency: Frequency, now: number, latestDay: string | null): Period {
  const today = toDay(now)
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
