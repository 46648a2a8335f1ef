import { describe, expect, it } from 'vitest'
import { displayNameOf, usernameOf } from './display-name.js'

describe('the name shown for an account', () => {
  it('is the display name and username of a live account', () => {
    const ada = { username: 'ada', displayName: 'Ada Lovelace', deletedAt: null }
    expect(displayNameOf(ada)).toBe('Ada Lovelace')
    expect(usernameOf(ada)).toBe('ada')
  })

  it('is "[deleted]" once the account is deleted', () => {
    const gone = { username: 'ada', displayName: '', deletedAt: '2026-12-03T07:00:00.000Z' }
    expect(displayNameOf(gone)).toBe('[deleted]')
    expect(usernameOf(gone)).toBe('[deleted]')
  })
})
