import { describe, expect, it } from 'vitest'
import type { Paper } from '../papers/model.js'
import { digestPeriod, isSendDay, localDay, paperSummary, selectPapers } from './compose.js'
import { aPaper } from '../../test/support/paper.js'

const paper = (id: string, over: Partial<Paper> = {}): Paper =>
  aPaper({ id, abstract: 'An abstract.', categories: ['cs.LG'], upvotes: 3, ...over })

describe('when a digest goes out', () => {
  it('sends daily digests on weekdays, weekends too when asked, and weekly ones on Mondays', () => {
    // 2026-08-22 is a Saturday, 2026-08-24 a Monday.
    expect(isSendDay('daily', false, '2026-08-22')).toBe(false)
    expect(isSendDay('daily', true, '2026-08-22')).toBe(true)
    expect(isSendDay('daily', false, '2026-08-24')).toBe(true)
    expect(isSendDay('weekly', false, '2026-08-24')).toBe(true)
    expect(isSendDay('weekly', true, '2026-08-25')).toBe(false)
  })

  it('covers the latest featured day for daily digests and the week before for weekly ones', () => {
    expect(digestPeriod('daily', '2026-08-24', '2026-08-21').key).toBe('2026-08-21')
    expect(digestPeriod('daily', '2026-08-24', null).key).toBe('2026-08-23')
    expect(digestPeriod('weekly', '2026-08-24', '2026-08-21').key).toBe('2026-W34')
  })
})

describe('the digest’s day in DIGEST_TIMEZONE', () => {
  it('is Monday in Tokyo from Sunday 15:00 UTC: a Monday digest, weekly one included', () => {
    const sundayUtc = Date.parse('2026-08-23T23:30:00.000Z') // 08:30 Monday in Tokyo
    expect(localDay(sundayUtc, 'UTC')).toBe('2026-08-23')
    expect(localDay(sundayUtc, 'Asia/Tokyo')).toBe('2026-08-24')
    expect(localDay(Date.parse('2026-08-23T14:59:59.999Z'), 'Asia/Tokyo')).toBe('2026-08-23')
    expect(localDay(Date.parse('2026-08-23T15:00:00.000Z'), 'Asia/Tokyo')).toBe('2026-08-24')
    const today = localDay(sundayUtc, 'Asia/Tokyo')
    expect(isSendDay('daily', false, today)).toBe(true)
    expect(isSendDay('weekly', false, today)).toBe(true)
    expect(digestPeriod('weekly', today, null).key).toBe('2026-W34')
    expect(digestPeriod('daily', today, '2026-08-24').key).toBe('2026-08-24')
  })

  it('is still Friday in Los Angeles until Saturday 07:00 UTC (summer time): no weekend skip before then', () => {
    const saturdayUtc = Date.parse('2026-08-22T06:59:59.999Z')
    expect(localDay(saturdayUtc, 'America/Los_Angeles')).toBe('2026-08-21')
    expect(localDay(saturdayUtc + 1, 'America/Los_Angeles')).toBe('2026-08-22')
    expect(isSendDay('daily', false, localDay(saturdayUtc, 'America/Los_Angeles'))).toBe(true)
    expect(isSendDay('daily', false, localDay(saturdayUtc + 1, 'America/Los_Angeles'))).toBe(false)
    // In winter the offset is 8 hours: Monday begins at 08:00 UTC.
    const monday = Date.parse('2026-01-05T07:59:59.999Z')
    expect(localDay(monday, 'America/Los_Angeles')).toBe('2026-01-04')
    expect(isSendDay('weekly', false, localDay(monday + 1, 'America/Los_Angeles'))).toBe(true)
  })
})

describe('choosing a subscriber’s papers', () => {
  const candidates = [
    paper('1', { categories: ['cs.CL'], title: 'Language agents' }),
    paper('2', { categories: ['cs.CV'], abstract: 'We study Diffusion models.' }),
    paper('3', { categories: ['hep-th'] }),
    paper('4', { categories: ['cs.LG', 'stat.ML'], title: 'Pre-diffusionist thoughts' }),
  ]
  const all = { categories: [], keywords: [], maxPapers: 10 }

  it('keeps the candidates’ order and the subscriber’s number', () => {
    expect(selectPapers(candidates, { ...all, maxPapers: 2 }, new Set()).map((p) => p.id)).toEqual(['1', '2'])
  })

  it('takes a category or its whole archive', () => {
    expect(selectPapers(candidates, { ...all, categories: ['cs'] }, new Set()).map((p) => p.id)).toEqual([
      '1',
      '2',
      '4',
    ])
    expect(selectPapers(candidates, { ...all, categories: ['stat.ML', 'hep-th'] }, new Set()).map((p) => p.id)).toEqual(
      ['3', '4'],
    )
  })

  it('matches keywords at the start of words, in titles and abstracts, whatever the case', () => {
    // "Diffusion models" and "Pre-diffusionist" both hold a word starting with "diffusion".
    expect(selectPapers(candidates, { ...all, keywords: ['diffusion'] }, new Set()).map((p) => p.id)).toEqual([
      '2',
      '4',
    ])
    expect(selectPapers(candidates, { ...all, keywords: ['fusion'] }, new Set()).map((p) => p.id)).toEqual([])
    expect(selectPapers(candidates, { ...all, keywords: ['agent', 'pre'] }, new Set()).map((p) => p.id)).toEqual([
      '1',
      '4',
    ])
  })

  it('never sends a paper twice', () => {
    expect(selectPapers(candidates, all, new Set(['1', '3'])).map((p) => p.id)).toEqual(['2', '4'])
  })
})

describe('a paper’s summary in a digest', () => {
  it('prefers the AI summary, and cuts a long abstract at a sentence', () => {
    expect(paperSummary(paper('1', { aiSummary: 'Short and sweet.' }))).toBe('Short and sweet.')
    const long = `${'First sentence is here. '.repeat(10)}${'word '.repeat(100)}`
    const summary = paperSummary(paper('2', { abstract: long }))
    expect(summary.endsWith('here.')).toBe(true)
    expect(summary.length).toBeLessThanOrEqual(320)
  })
})
