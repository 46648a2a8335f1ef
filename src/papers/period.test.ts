import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addDays,
  FIRST_YEAR,
  LAST_YEAR,
  isoWeeksInYear,
  nextPeriod,
  type Period,
  type PeriodKind,
  parseDay,
  parseMonth,
  parsePeriod,
  parseWeek,
  periodContaining,
  previousPeriod,
} from './period.js'

describe('days', () => {
  it('is the day itself, up to the next day', () => {
    expect(parseDay('2026-08-21')).toEqual({ kind: 'day', key: '2026-08-21', start: '2026-08-21', end: '2026-08-22' })
    expect(parseDay('2026-12-31')?.end).toBe('2027-01-01')
  })

  it('takes 29 February in leap years only', () => {
    expect(parseDay('2024-02-29')?.end).toBe('2024-03-01')
    expect(parseDay('2025-02-29')).toBeNull()
    expect(parseDay('1900-02-29')).toBeNull()
    expect(parseDay('2000-02-29')).not.toBeNull()
  })

  it('rejects days that do not exist and other spellings', () => {
    for (const s of [
      '2026-02-30',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-08-00',
      '2026-8-21',
      '20260821',
      '2026-08-21T00:00:00Z',
      ' 2026-08-21',
      'today',
      '',
    ]) {
      expect(parseDay(s), s).toBeNull()
    }
  })
})

describe('ISO weeks', () => {
  it('starts on Monday and lasts seven days', () => {
    expect(parseWeek('2026-W34')).toEqual({ kind: 'week', key: '2026-W34', start: '2026-08-17', end: '2026-08-24' })
  })

  it('puts week 1 in the week of the year’s first Thursday, even when it starts in December', () => {
    expect(parseWeek('2025-W01')).toMatchObject({ start: '2024-12-30', end: '2025-01-06' })
    expect(periodContaining('week', '2024-12-30').key).toBe('2025-W01')
    expect(periodContaining('week', '2024-12-29').key).toBe('2024-W52')
    expect(parseWeek('2026-W01')?.start).toBe('2025-12-29')
  })

  it('gives 2020 and 2026 a week 53 that runs into January', () => {
    expect(parseWeek('2020-W53')).toMatchObject({ start: '2020-12-28', end: '2021-01-04' })
    expect(parseWeek('2026-W53')).toMatchObject({ start: '2026-12-28', end: '2027-01-04' })
    expect(periodContaining('week', '2021-01-03').key).toBe('2020-W53')
    expect(periodContaining('week', '2027-01-01').key).toBe('2026-W53')
    expect(isoWeeksInYear(2020)).toBe(53)
    expect(isoWeeksInYear(2026)).toBe(53)
  })

  it('has no week 53 in a 52-week year, and no week 0 or 54 ever', () => {
    expect(isoWeeksInYear(2025)).toBe(52)
    expect(parseWeek('2025-W53')).toBeNull()
    expect(parseWeek('2024-W53')).toBeNull()
    expect(parseWeek('2026-W54')).toBeNull()
    expect(parseWeek('2026-W00')).toBeNull()
  })

  it('rejects other spellings', () => {
    for (const s of ['2026-w34', '2026W34', '2026-W5', '2026-W034', '2026-34', 'W34', '']) {
      expect(parseWeek(s), s).toBeNull()
    }
  })

  it('has 53 weeks exactly when the year starts on a Thursday, or on a Wednesday in a leap year', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST_YEAR, max: LAST_YEAR }), (year) => {
        const jan1 = new Date(Date.UTC(2000, 0, 1))
        jan1.setUTCFullYear(year)
        const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
        const long = jan1.getUTCDay() === 4 || (leap && jan1.getUTCDay() === 3)
        expect(isoWeeksInYear(year)).toBe(long ? 53 : 52)
        expect(parseWeek(`${year}-W53`) !== null).toBe(long)
      }),
    )
  })

  it('numbers a week by its Thursday: the Thursday’s year, and its day of the year divided by 7', () => {
    fc.assert(
      fc.property(day, (d) => {
        const week = periodContaining('week', d)
        const thursday = new Date(`${addDays(week.start, 3)}T00:00:00Z`)
        const jan1 = new Date(`${addDays(week.start, 3).slice(0, 4)}-01-01T00:00:00Z`)
        const ordinal = Math.round((thursday.getTime() - jan1.getTime()) / 86_400_000) + 1
        const expected = `${thursday.getUTCFullYear()}-W${String(Math.ceil(ordinal / 7)).padStart(2, '0')}`
        expect(week.key).toBe(expected)
        expect(new Date(`${week.start}T00:00:00Z`).getUTCDay()).toBe(1) // a Monday
        expect(addDays(week.start, 7)).toBe(week.end)
      }),
    )
  })
})

describe('months', () => {
  it('runs from the first to the first of the next month', () => {
    expect(parseMonth('2026-08')).toEqual({ kind: 'month', key: '2026-08', start: '2026-08-01', end: '2026-09-01' })
    expect(parseMonth('2026-12')?.end).toBe('2027-01-01')
  })

  it('rejects month 0, month 13 and other spellings', () => {
    for (const s of ['2026-13', '2026-00', '2026-8', '202608', '2026-08-01', 'August', '']) {
      expect(parseMonth(s), s).toBeNull()
    }
  })

  it('rejects a year before 100 instead of reading 0099 as 1999', () => {
    expect(parseMonth('0099-01')).toBeNull()
    expect(parseWeek('0099-W01')).toBeNull()
    expect(parseDay('0099-01-01')).toBeNull()
  })
})

describe('the years served', () => {
  it('are 1000 to 9998, so that every period ends in a four-digit year', () => {
    expect([FIRST_YEAR, LAST_YEAR]).toEqual([1000, 9998])
    expect(parseDay('9998-12-31')?.end).toBe('9999-01-01')
    expect(parseMonth('9998-12')?.end).toBe('9999-01-01')
    expect(parseWeek(`9998-W${isoWeeksInYear(9998)}`)?.end).toMatch(/^9999-01-0\d$/)
    expect(parseDay('1000-01-01')?.start).toBe('1000-01-01')
  })

  it('exclude 9999, whose last day, week and month would end in the year 10000', () => {
    const keys = [
      ['day', '9999-12-31'],
      ['month', '9999-12'],
      ['week', '9999-W52'],
      ['day', '9999-01-01'],
    ] as const
    for (const [kind, key] of keys) expect(parsePeriod(kind, key), key).toBeNull()
  })

  it('exclude years before 1000', () => {
    expect(parseDay('0999-12-31')).toBeNull()
    expect(parseMonth('0500-06')).toBeNull()
    expect(parseWeek('0999-W10')).toBeNull()
  })
})

const kinds: PeriodKind[] = ['day', 'week', 'month']
const kind = fc.constantFrom(...kinds)
/** Days of the served years whose week is in them too (28 December is always in its year's last week). */
const day = fc
  .date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9998-12-28T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10))
const period = fc.tuple(kind, day).map(([k, d]) => periodContaining(k, d))

describe('every period', () => {
  it('contains the day it was found from', () => {
    fc.assert(
      fc.property(kind, day, (k, d) => {
        const p = periodContaining(k, d)
        expect(p.start <= d && d < p.end).toBe(true)
      }),
    )
  })

  it('is found again from its own key', () => {
    fc.assert(
      fc.property(period, (p) => {
        expect(parsePeriod(p.kind, p.key)).toEqual(p)
      }),
    )
  })

  it('is found again from any of its days', () => {
    fc.assert(
      fc.property(period, fc.nat(30), (p, n) => {
        const d = addDays(p.start, n)
        fc.pre(d < p.end)
        expect(periodContaining(p.kind, d)).toEqual(p)
      }),
    )
  })

  it('follows its previous period and precedes its next, with no gap', () => {
    fc.assert(
      fc.property(period, (p) => {
        expect(previousPeriod(p).end).toBe(p.start)
        expect(nextPeriod(p).start).toBe(p.end)
        expect(previousPeriod(p).kind).toBe(p.kind)
      }),
    )
  })

  it('is the next period of its previous period, and the previous of its next', () => {
    fc.assert(
      fc.property(period, (p: Period) => {
        expect(nextPeriod(previousPeriod(p))).toEqual(p)
        expect(previousPeriod(nextPeriod(p))).toEqual(p)
      }),
    )
  })

  it('steps across year ends', () => {
    expect(nextPeriod(parseDay('2026-12-31')!).key).toBe('2027-01-01')
    expect(previousPeriod(parseMonth('2027-01')!).key).toBe('2026-12')
    expect(nextPeriod(parseWeek('2026-W52')!).key).toBe('2026-W53')
    expect(nextPeriod(parseWeek('2026-W53')!).key).toBe('2027-W01')
    expect(previousPeriod(parseWeek('2025-W01')!).key).toBe('2024-W52')
  })
})
