import { describe, expect, it } from 'vitest'
import { MAX_URLS_PER_SITEMAP, parsePartName, splitMonths } from './sitemap-parts.js'

const at = '2026-08-21T10:00:00.000Z'

describe('sitemap parts', () => {
  it('gives a month one sitemap up to the limit, and one more for each further 50,000 papers', () => {
    const months = [
      { month: '2026-07', papers: MAX_URLS_PER_SITEMAP, lastModified: at },
      { month: '2026-08', papers: 2 * MAX_URLS_PER_SITEMAP + 1, lastModified: at },
    ]
    expect(splitMonths(months).map((p) => p.name)).toEqual(['2026-07', '2026-08', '2026-08-2', '2026-08-3'])
  })

  it('reads back every name it writes, as the month and the part', () => {
    const parts = splitMonths([{ month: '2026-08', papers: 12 * MAX_URLS_PER_SITEMAP, lastModified: at }])
    expect(parts.map((p) => parsePartName(p.name)?.part)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    expect(parsePartName('2026-08-12')?.period).toMatchObject({
      start: '2026-08-01',
      end: '2026-09-01',
    })
  })

  it.each(['2026-08-1', '2026-08-0', '2026-08-02', '2026-13', '2026-8', '2026-08-', 'listings', '', '2026-08-1234567'])(
    'reads %j as no sitemap',
    (name) => {
      expect(parsePartName(name)).toBeNull()
    },
  )
})
