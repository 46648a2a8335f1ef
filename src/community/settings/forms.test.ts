import { describe, expect, it } from 'vitest'
import { displayName, rowId, tokenName } from './forms.js'
import { doneMessage } from './messages.js'

describe('settings form fields', () => {
  it('trims a display name and refuses an empty, long or control-character one', () => {
    expect(displayName.parse('  Ada Lovelace ')).toBe('Ada Lovelace')
    expect(displayName.safeParse('   ').success).toBe(false)
    expect(displayName.safeParse('x'.repeat(51)).success).toBe(false)
    expect(displayName.safeParse('Ada\u0000').success).toBe(false)
    expect(displayName.safeParse('Ada\u202e').success).toBe(false)
  })

  it('takes a token name of one line', () => {
    expect(tokenName.parse('CI scripts')).toBe('CI scripts')
    expect(tokenName.safeParse('').success).toBe(false)
    expect(tokenName.safeParse('a\nb').success).toBe(false)
  })

  it('reads a row id from an address only when it fits a database integer', () => {
    expect(rowId('12')).toBe(12)
    for (const bad of [undefined, '', '-1', '1.5', '12a', '99999999999']) expect(rowId(bad)).toBeNull()
  })
})

describe('the settings page’s confirmation', () => {
  it('says a fixed sentence for a known key and nothing for anything else', () => {
    expect(doneMessage('password')).toMatch(/password is changed/)
    expect(doneMessage('<script>')).toBeUndefined()
    expect(doneMessage('toString')).toBeUndefined()
    expect(doneMessage(undefined)).toBeUndefined()
  })
})
