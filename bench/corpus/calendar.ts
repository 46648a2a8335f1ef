// Identifiers and dates: new-style ids in submission order, months filling at arXiv's real pace.
import { pickWeighted, type Random } from './random.js'

/**
 * New submissions per month in each year from FIRST_YEAR: arXiv's yearly submission statistics
 * ÷ 12, rounded (approximate). Later years keep the last volume. About 2.7 million papers fill
 * April 2007 to mid-2026, as much as all of arXiv.
 */
const MONTHLY_SUBMISSIONS = [
  4_650, 4_900, 5_350, 5_850, 6_400, 7_050, 7_700, 8_150, 8_800, 9_450, 10_300, 11_700, 13_000, 14_850, 15_150, 15_450,
  17_350, 23_000, 28_000,
]
/** The yymm.nnnn scheme starts with 0704. */
const FIRST_YEAR = 2007
const FIRST_MONTH_INDEX = 3
/** From 1501 the number after the dot has five digits. */
const FIVE_DIGITS_FROM_YEAR = 2015
/** Of the snapshot's first 200 papers, 113, 59, 20, 5 and 3 have 1 to 5 versions. */
const VERSION_COUNT_WEIGHTS = [113, 59, 20, 5, 3]
/** A revision follows its previous version by 1 to 730 days, log-uniformly: most within weeks. */
const REVISION_GAP_DAYS = { min: 1, max: 730 }
const DAY_MS = 86_400_000

export interface Submission {
  id: string
  /** v1's timestamp, in whole seconds as milliseconds. */
  submittedAt: number
}

interface Month {
  year: number
  index: number
  /** The id's `yymm.` */
  prefix: string
  digits: number
  start: number
  length: number
  volume: number
}

/**
 * The id and v1 time of the serial-th paper (1-based): 0704.0001, 0704.0002, … with each month
 * holding its year's volume and v1 times spread over it. Increasing serials are cheapest.
 */
export function createCalendar(): (serial: number, random: Random) => Submission {
  const first = describeMonth(FIRST_YEAR, FIRST_MONTH_INDEX)
  let month = first
  let monthFirstSerial = 1
  return (serial, random) => {
    if (serial < monthFirstSerial) {
      month = first
      monthFirstSerial = 1
    }
    while (serial >= monthFirstSerial + month.volume) {
      monthFirstSerial += month.volume
      month = month.index === 11 ? describeMonth(month.year + 1, 0) : describeMonth(month.year, month.index + 1)
    }
    const number = serial - monthFirstSerial + 1
    // Numbers are given in submission order, so the time advances with the number.
    const submittedAt = month.start + ((number - 1 + random()) / month.volume) * month.length
    return {
      id: `${month.prefix}${String(number).padStart(month.digits, '0')}`,
      submittedAt: Math.floor(submittedAt / 1000) * 1000,
    }
  }
}

function describeMonth(year: number, index: number): Month {
  const start = Date.UTC(year, index)
  return {
    year,
    index,
    prefix: `${pad2(year % 100)}${pad2(index + 1)}.`,
    digits: year >= FIVE_DIGITS_FROM_YEAR ? 5 : 4,
    start,
    length: Date.UTC(year, index + 1) - start,
    volume: MONTHLY_SUBMISSIONS[Math.min(year - FIRST_YEAR, MONTHLY_SUBMISSIONS.length - 1)]!,
  }
}

export interface VersionHistory {
  versions: { version: string; created: string }[]
  /** `YYYY-MM-DD` of the last version. */
  updateDate: string
}

/** v1 at `submittedAt`, then sometimes v2, v3 … at later dates. */
export function drawVersions(random: Random, submittedAt: number): VersionHistory {
  const count = pickWeighted(random, VERSION_COUNT_WEIGHTS) + 1
  const versions = []
  let at = submittedAt
  for (let v = 1; v <= count; v++) {
    if (v > 1) at += Math.floor((revisionGapDays(random) * DAY_MS) / 1000) * 1000
    versions.push({ version: `v${v}`, created: formatRfc2822(at) })
  }
  const { year, month, day } = civilDate(at)
  return { versions, updateDate: `${year}-${pad2(month + 1)}-${pad2(day)}` }
}

function revisionGapDays(random: Random): number {
  const { min, max } = REVISION_GAP_DAYS
  return min * (max / min) ** random()
}

const WEEKDAYS = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed'] // 1 January 1970 was a Thursday
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/**
 * "Mon, 2 Apr 2007 19:18:42 GMT", as Date's toUTCString but without zero-padding the day, as arXiv
 * writes it. Done by hand: four times faster than going through Date, for millions of dates.
 */
export function formatRfc2822(ms: number): string {
  const days = Math.floor(ms / DAY_MS)
  const { year, month, day } = civilDate(ms)
  const seconds = Math.floor((ms - days * DAY_MS) / 1000)
  const time = `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}`
  return `${WEEKDAYS[days % 7]}, ${day} ${MONTHS[month]} ${year} ${time}:${pad2(seconds % 60)} GMT`
}

/** The UTC calendar date of a time after 1970, by Howard Hinnant's civil_from_days algorithm. */
function civilDate(ms: number): { year: number; month: number; day: number } {
  const shifted = Math.floor(ms / DAY_MS) + 719_468 // days since 1 March of year 0
  const era = Math.floor(shifted / 146_097)
  const dayOfEra = shifted - era * 146_097
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  )
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const marchMonth = Math.floor((5 * dayOfYear + 2) / 153) // 0 = March
  const month = marchMonth < 10 ? marchMonth + 2 : marchMonth - 10
  return {
    year: yearOfEra + era * 400 + (month < 2 ? 1 : 0),
    month,
    day: dayOfYear - Math.floor((153 * marchMonth + 2) / 5) + 1,
  }
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value)
}
