/** Display formatting shared by every page. Dates are shown in UTC, as they are stored. */
const dayFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' })
const longDayFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  weekday: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
})
const monthFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'long' })
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 })

const at = (isoOrDay: string) => new Date(isoOrDay.length === 10 ? `${isoOrDay}T00:00:00Z` : isoOrDay)

/** `Aug 21, 2026` */
export const formatDay = (isoOrDay: string) => dayFormat.format(at(isoOrDay))
/** `Friday, August 21, 2026` */
export const formatLongDay = (isoOrDay: string) => longDayFormat.format(at(isoOrDay))
/** `August 2026` */
export const formatMonth = (isoOrDay: string) => monthFormat.format(at(isoOrDay))
/** `1.2K` for counts that would otherwise crowd a card. */
export const formatCount = (n: number) => (n < 1000 ? String(n) : compact.format(n))

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

export { collapseWhitespace } from '../text.js'
