/**
 * The periods a listing covers: a day (`2026-08-21`), an ISO week (`2026-W34`) or a month
 * (`2026-08`). Every period is a half-open range of days [start, end) in UTC.
 */
export type PeriodKind = 'day' | 'week' | 'month'

export interface Period {
  kind: PeriodKind
  /** The period as written in URLs: `2026-08-21`, `2026-W34`, `2026-08`. */
  key: string
  start: string
  end: string
}

const DAY_MS = 86_400_000

/**
 * The years a period may fall in. Days are compared as `YYYY-MM-DD` text (SQLite) and read as
 * dates (PostgreSQL), so every start and end must have a four-digit year: the last period of 9999
 * would end in 10000, and JavaScript reads years below 100 as 19xx.
 */
export const FIRST_YEAR = 1000
export const LAST_YEAR = 9998

const isServedYear = (year: string) => Number(year) >= FIRST_YEAR && Number(year) <= LAST_YEAR

export function parseDay(s: string): Period | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m || !isServedYear(m[1]!)) return null
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  if (toDay(t) !== s) return null // rejects 2026-02-30 and friends
  return dayPeriod(t)
}

export function parseWeek(s: string): Period | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(s)
  if (!m || !isServedYear(m[1]!)) return null
  const year = Number(m[1])
  const week = Number(m[2])
  if (week < 1 || week > isoWeeksInYear(year)) return null
  const period = weekPeriod(isoWeekStart(year, week))
  return period.key === s ? period : null
}

export function parseMonth(s: string): Period | null {
  const m = /^(\d{4})-(\d{2})$/.exec(s)
  if (!m || !isServedYear(m[1]!)) return null
  const month = Number(m[2])
  if (month < 1 || month > 12) return null
  const period = monthPeriod(Number(m[1]), month - 1)
  return period.key === s ? period : null
}

export function parsePeriod(kind: PeriodKind, s: string): Period | null {
  return kind === 'day' ? parseDay(s) : kind === 'week' ? parseWeek(s) : parseMonth(s)
}

/** The period of the given kind that contains `day` (YYYY-MM-DD). */
export function periodContaining(kind: PeriodKind, day: string): Period {
  const t = Date.parse(`${day}T00:00:00Z`)
  if (kind === 'day') return dayPeriod(t)
  if (kind === 'week') return weekPeriod(t - ((new Date(t).getUTCDay() + 6) % 7) * DAY_MS)
  const d = new Date(t)
  return monthPeriod(d.getUTCFullYear(), d.getUTCMonth())
}

export function previousPeriod(p: Period): Period {
  return periodContaining(p.kind, addDays(p.start, -1))
}

export function nextPeriod(p: Period): Period {
  return periodContaining(p.kind, p.end)
}

export function addDays(day: string, n: number): string {
  return toDay(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS)
}

export function toDay(t: number | Date): string {
  return new Date(t).toISOString().slice(0, 10)
}

/** ISO 8601: week 1 is the week with the year's first Thursday; weeks start on Monday. */
export function isoWeekStart(year: number, week: number): number {
  const jan4 = Date.UTC(year, 0, 4)
  const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS
  return mondayOfWeek1 + (week - 1) * 7 * DAY_MS
}

export function isoWeeksInYear(year: number): number {
  // A year has 53 weeks when Dec 28 falls in week 53, i.e. when week 53 starts before Dec 29.
  return isoWeekStart(year, 53) <= Date.UTC(year, 11, 28) ? 53 : 52
}

function dayPeriod(t: number): Period {
  const key = toDay(t)
  return { kind: 'day', key, start: key, end: toDay(t + DAY_MS) }
}

function weekPeriod(monday: number): Period {
  // The ISO year of a week is the year of its Thursday.
  const thursday = new Date(monday + 3 * DAY_MS)
  const year = thursday.getUTCFullYear()
  const week = Math.round((monday - isoWeekStart(year, 1)) / (7 * DAY_MS)) + 1
  return {
    kind: 'week',
    key: `${year}-W${String(week).padStart(2, '0')}`,
    start: toDay(monday),
    end: toDay(monday + 7 * DAY_MS),
  }
}

function monthPeriod(year: number, month0: number): Period {
  const start = Date.UTC(year, month0, 1)
  const end = Date.UTC(year, month0 + 1, 1)
  return { kind: 'month', key: toDay(start).slice(0, 7), start: toDay(start), end: toDay(end) }
}
