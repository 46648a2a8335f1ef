import { describe, expect, it } from 'vitest'
import { isCommonPassword } from './common-passwords.js'

describe('the common password list', () => {
  it('knows the passwords everyone tries first, in any case', () => {
    for (const p of ['password', '12345678', 'qwertyuiop', 'iloveyou', 'Football', 'PASSWORD1']) {
      expect(isCommonPassword(p), p).toBe(true)
    }
  })

  it('lets an uncommon passphrase through', () => {
    expect(isCommonPassword('a reading group password')).toBe(false)
    expect(isCommonPassword('violet tensors hum at dawn')).toBe(false)
  })
})
