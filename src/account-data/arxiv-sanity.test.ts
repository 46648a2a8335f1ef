import { describe, expect, it } from 'vitest'
import { readSanityTags } from './arxiv-sanity.js'

describe('arxiv-sanity tag files', () => {
  it('reads each tag’s ids without versions, once each', () => {
    expect(
      readSanityTags({ rl: ['2301.00001v2', '2301.00001', 'arXiv:2302.00002'], old: ['hep-th/9901001v1'] }),
    ).toEqual({
      tags: [
        { name: 'rl', ids: ['2301.00001', '2302.00002'] },
        { name: 'old', ids: ['hep-th/9901001'] },
      ],
      skipped: [],
    })
  })

  it('skips what is not a tag of ids, saying why', () => {
    const read = readSanityTags({ ok: ['nope', null], bad: 3, ['x'.repeat(101)]: [] })
    expect(read).toMatchObject({
      tags: [{ name: 'ok', ids: [] }],
      skipped: [
        { what: 'tag “ok”', reason: '“nope” is not an arXiv id' },
        { what: 'tag “ok”', reason: '“null” is not an arXiv id' },
        { what: 'tag “bad”', reason: 'its papers are not a list of arXiv ids' },
        { reason: 'A name has at most 100 characters.' },
      ],
    })
  })

  it('refuses what is not a mapping of tags', () => {
    for (const value of [[], 'rl', null, 3]) expect(readSanityTags(value)).toHaveProperty('error')
  })
})
