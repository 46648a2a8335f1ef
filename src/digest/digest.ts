import { describePeriod } from '../papers/views/listing-page.js'
import type { Period } from '../papers/period.js'
import { listFeatured } from '../papers/store.js'
import type { Db } from '../platform/db/connect.js'
import { selectPapers } from './compose.js'
import type { Preferences } from './preferences.js'
import type { DigestContent } from './render.js'

/** How many of a period's best papers a digest chooses from, before each subscriber's filters. */
export const CANDIDATES = 300

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

/** One subscriber's digest of `period`: their filters applied, what they were sent before left out. */
export async function composeDigest(
  db: Db,
  site: { name: string; baseUrl: string },
  period: Period,
  prefs: Pick<Preferences, 'categories' | 'keywords' | 'maxPapers'>,
  links: DigestContent['links'],
  sent: ReadonlySet<string> = new Set(),
): Promise<DigestContent> {
  const papers = selectPapers(await digestCandidates(db, period), prefs, sent)
  return { siteName: site.name, baseUrl: site.baseUrl, periodLabel: describePeriod(period), papers, forYou: [], links }
}
