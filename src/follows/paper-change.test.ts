import { describe, expect, it } from 'vitest'
import { paperChange } from './paper-change.js'

const paper = { withdrawn: false, version: 3, updatedAt: '2026-12-02T10:00:00Z' }

describe('a paper change', () => {
  it('is a new version when arXiv dated it after the reader came to know the paper', () => {
    expect(paperChange(paper, '2026-12-01T00:00:00.000Z')).toEqual({ kind: 'new-version', version: 3 })
  })
  it('is nothing when the reader knew the paper after its latest version, or it is new to them', () => {
    expect(paperChange(paper, '2026-12-03T00:00:00.000Z')).toBeNull()
    expect(paperChange(paper, null)).toBeNull()
    expect(paperChange({ ...paper, version: 1 }, '2026-11-01T00:00:00.000Z')).toBeNull()
  })
  it('is a withdrawal whenever the paper is withdrawn', () => {
    expect(paperChange({ ...paper, withdrawn: true }, null)).toEqual({ kind: 'withdrawn' })
  })
})
