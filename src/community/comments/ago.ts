const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const dayFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' })
const exactFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  dateStyle: 'medium',
  timeStyle: 'short',
})

/** The moment itself, for a tooltip: `Dec 3, 2026, 10:00 AM UTC`. */
export const formatExact = (iso: string) => `${exactFormat.format(new Date(iso))} UTC`

/** When a comment was written, as people say it: "just now", "5 minutes ago", then a date after a week. */
export function formatAgo(iso: string, now: number): string {
  const ms = Math.max(0, now - Date.parse(iso))
  if (ms < MINUTE) return 'just now'
  if (ms < HOUR) return unitsAgo(Math.floor(ms / MINUTE), 'minute')
  if (ms < DAY) return unitsAgo(Math.floor(ms / HOUR), 'hour')
  if (ms < 7 * DAY) return unitsAgo(Math.floor(ms / DAY), 'day')
  return dayFormat.format(new Date(iso))
}

const unitsAgo = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'} ago`
