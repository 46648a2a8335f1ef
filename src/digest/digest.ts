import { describePeriod } from '../papers/views/listing-page.js'
import { addDays, type Period } from '../papers/period.js'
import { latestFeaturedDay, listFeatured } from '../papers/store.js'
import type { Db } from '../platform/db/connect.js'
import { digestPeriod, type Frequency, selectPapers } from './compose.js'
import { forYouPicker } from './for-you.js'
import type { Preferences } from './preferences.js'
import type { DigestContent } from './render.js'

/** How many of a period's best papers a digest chooses from, before each subscriber's filters. */
export const CANDIDATES = 300

/** The period a digest sent on `today` (the local day, compose.ts `localDay`) covers. */
export async function periodFor(db: Db, frequency: Frequency, today: string): Promise<Period> {
  const latest = await latestFeaturedDay(db, { start: '0001-01-01', end: addDays(today, 1) })
  return digestPeriod(frequency, today, latest)
}

/** The period's featured papers, best first by trending score: what every digest of it picks from. */
export async function digestCandidates(db: Db, period: Period) {
  const list = await listFeatured(db, {
    range: { start: period.start, end: period.end },
    sort: 'trending',
    offset: 0,
    limit: CANDIDATES,
  })
  return list.map((e) => e.paper)
}

/**
 * One subscriber's digest of `period`: their filters applied, what they were sent before left out,
 * and for a member (`memberId`) the "for you" papers.
 */
export async function composeDigest(
  db: Db,
  site: { name: string; baseUrl: string },
  period: Period,
  prefs: Pick<Preferences, 'categories' | 'keywords' | 'maxPapers'>,
  links: DigestContent['links'],
  sent: ReadonlySet<string> = new Set(),
  memberId: number | null = null,
): Promise<DigestContent> {
  const candidates = await digestCandidates(db, period)
  const papers = selectPapers(candidates, prefs, sent)
  const forYou =
    memberId === null
      ? []
      : await forYouPicker(db, candidates)(memberId, prefs, new Set([...sent, ...papers.map((p) => p.id)]))
  return { siteName: site.name, baseUrl: site.baseUrl, periodLabel: describePeriod(period), papers, forYou, links }
}
