import { describe, expect, it } from 'vitest'
import { claimedPositions } from './match.js'

const T = '2026-12-03T06:00:00.000Z'
const authors = (...names: string[]) => names.map((name) => ({ name, hidden: false }))

const userIds = (held: Map<number, { userId: number }>) => new Map([...held].map(([k, v]) => [k, v.userId]))

describe('claimedPositions', () => {
  it('holds a claim where the entry still carries the claimed name', () => {
    const held = userIds(
      claimedPositions(authors('Ada Lovelace', 'Alan Turing'), [
        { position: 1, authorName: 'Alan Turing', userId: 7, decidedAt: T },
      ]),
    )
    expect([...held]).toEqual([[1, 7]])
  })

  it('follows a name that a re-ingest moved to another position', () => {
    const held = userIds(
      claimedPositions(authors('Grace Hopper', 'Ada Lovelace', 'Alan Turing'), [
        { position: 1, authorName: 'Alan Turing', userId: 7, decidedAt: T },
      ]),
    )
    expect([...held]).toEqual([[2, 7]])
  })

  it('holds nowhere when the name is gone or now appears twice, rather than on someone else', () => {
    expect(
      claimedPositions(authors('Grace Hopper'), [{ position: 0, authorName: 'Alan Turing', userId: 7, decidedAt: T }])
        .size,
    ).toBe(0)
    const twice = authors('Wei Zhang', 'Ada Lovelace', 'Wei Zhang')
    expect(claimedPositions(twice, [{ position: 1, authorName: 'Wei Zhang', userId: 7, decidedAt: T }]).size).toBe(0)
  })

  it('never gives one entry to two claims', () => {
    const held = userIds(
      claimedPositions(authors('Alan Turing', 'Ada Lovelace'), [
        { position: 0, authorName: 'Alan Turing', userId: 7, decidedAt: T },
        { position: 5, authorName: 'Alan Turing', userId: 8, decidedAt: T },
      ]),
    )
    expect([...held]).toEqual([[0, 7]])
  })
})
