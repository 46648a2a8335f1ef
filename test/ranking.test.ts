import pino from 'pino'
import { beforeAll, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { CANDIDATES as DIGEST_CANDIDATES } from '../src/digest/digest.js'
import { PAGE_SIZE } from '../src/papers/pages.js'
import { COMMENT_WEIGHT, HALF_LIFE_HOURS } from '../src/papers/trending.js'
import { SimilarPapers } from '../src/papers/views/similar-papers.js'
import { BOOST_MAX, RECENCY_HALF_LIFE_DAYS, UPVOTES_FOR_FULL_BOOST } from '../src/search/boost.js'
import { BOOST_WINDOW } from '../src/search/candidates.js'
import { RANK_WEIGHTS } from '../src/search/engines/postgres-filters.js'
import { WEIGHTS } from '../src/search/engines/sqlite-index.js'
import { KEY_TERMS, SIMILAR_PAPERS } from '../src/search/similar.js'
import { describeEachDatabase } from './support/db.js'
import { tags, textOf } from './support/html.js'
import { aPaper } from './support/paper.js'
import { upsertPapers } from '../src/papers/upsert.js'

const BASE_URL = 'https://papers.example.org'
const TODAY = '2026-08-24'
const DAY = '2026-08-21'

describeEachDatabase('how lists are ranked', (db) => {
  let app: ReturnType<typeof createApp>
  const get = (path: string) => app.request(`${BASE_URL}${path}`)
  const linksOf = async (path: string) => {
    const res = await get(path)
    expect(res.status, path).toBe(200)
    return tags(await res.text(), 'a').map((a) => a.href)
  }

  beforeAll(async () => {
    await upsertPapers(db(), [
      {
        id: '2608.30001',
        title: 'Agents That Plan',
        categories: ['cs.LG'],
        publishedAt: `${DAY}T10:00:00.000Z`,
        featuring: {
          featuredOn: DAY,
          source: 'hf',
          position: 0,
          submittedBy: null,
          submittedAt: `${DAY}T10:00:00.000Z`,
        },
      },
    ])
    const config = loadConfig({ BASE_URL, LOG_LEVEL: 'silent' })
    app = createApp({ config, db: db(), logger: pino({ level: 'silent' }), now: () => Date.parse(`${TODAY}T09:00Z`) })
  })

  it('states each formula with the constants the code runs with', async () => {
    const res = await get('/about/ranking')
    expect(res.status).toBe(200)
    const page = await res.text()
    const text = textOf(page)
    expect(text).toContain(`its comments at ${COMMENT_WEIGHT} each`)
    expect(text).toContain(`halves in weight every ${HALF_LIFE_HOURS} hours`)
    expect(text).toContain(`column weights ${WEIGHTS.join(', ')} on SQLite`)
    expect(text).toContain(`title ${RANK_WEIGHTS[3]}, authors ${RANK_WEIGHTS[2]}, abstract ${RANK_WEIGHTS[1]}`)
    expect(text).toContain(`each adds at most ${Math.round(BOOST_MAX * 100)} %`)
    expect(text).toContain(`the best ${BOOST_WINDOW} matches`)
    expect(text).toContain(`RECENCY_HALF_LIFE_DAYS ${RECENCY_HALF_LIFE_DAYS}`)
    expect(text).toContain(`UPVOTES_FOR_FULL_BOOST ${UPVOTES_FOR_FULL_BOOST}`)
    expect(text).toContain(`the ${KEY_TERMS} words that weigh most`)
    expect(text).toContain(`the first ${SIMILAR_PAPERS} are shown`)
    expect(text).toContain(`period's ${DIGEST_CANDIDATES} featured papers`)
    expect(text).toContain(`Pages hold ${PAGE_SIZE} papers`)
    // The formulas are MathML, rendered on the server like the papers' math.
    expect(page).toContain('<math')
    for (const id of ['daily', 'trending', 'search', 'similar', 'digest', 'category'])
      expect(page).toContain(`id="${id}"`)
  })

  it('is linked from every ranked list, at the part that states its formula', async () => {
    expect(await linksOf(`/papers/date/${DAY}`)).toContain('/about/ranking#daily')
    expect(await linksOf('/papers/week/2026-W34')).toContain('/about/ranking#daily')
    expect(await linksOf('/papers/trending')).toContain('/about/ranking#trending')
    expect(await linksOf('/search?q=agents')).toContain('/about/ranking#search')
    expect(await linksOf('/c/cs.LG')).toContain('/about/ranking#category')
    const box = String(await SimilarPapers({ similar: [{ paper: aPaper({ id: '2401.00001' }), sharedTerms: ['x'] }] }))
    expect(tags(box, 'a').map((a) => a.href)).toContain('/about/ranking#similar')
    // And from every page's footer.
    expect(await linksOf('/')).toContain('/about/ranking')
  })
})
