import { describe, expect, it } from 'vitest'
import { fieldErrors, newPasswordProblem, signupForm } from './validation.js'

const ok = { username: 'ada', email: 'ada@lab.org', password: 'violet tensors hum' }
const errorsOf = (form: Record<string, string>) => {
  const parsed = signupForm.safeParse(form)
  return parsed.success ? {} : fieldErrors(parsed.error)
}

describe('the sign-up form', () => {
  it('accepts a good username, address and passphrase', () => {
    expect(errorsOf(ok)).toEqual({})
  })

  it('says what is wrong with each field', () => {
    expect(errorsOf({ ...ok, username: 'a' }).username).toMatch(/at least 2/)
    expect(errorsOf({ ...ok, username: '1ada' }).username).toMatch(/starts with a letter/)
    expect(errorsOf({ ...ok, username: 'Admin' }).username).toMatch(/reserved/)
    expect(errorsOf({ ...ok, email: 'not an address' }).email).toMatch(/email address like/)
    expect(errorsOf({ ...ok, password: 'short' }).password).toMatch(/at least 8/)
    expect(errorsOf({ ...ok, password: 'x'.repeat(129) }).password).toMatch(/at most 128/)
  })

  it('refuses a common password and one that repeats the username or address', () => {
    expect(errorsOf({ ...ok, password: 'iloveyou' }).password).toMatch(/most common/)
    expect(errorsOf({ ...ok, username: 'adalovelace', password: 'AdaLovelace' }).password).toMatch(/username or email/)
    expect(errorsOf({ ...ok, password: 'ada@lab.org' }).password).toMatch(/username or email/)
  })
})

describe('a new password for an account', () => {
  const who = { username: 'grace', email: 'grace.hopper@navy.example' }
  it('follows the sign-up rules', () => {
    expect(newPasswordProblem('violet tensors hum', who)).toBeNull()
    expect(newPasswordProblem('password1', who)).toMatch(/most common/)
    expect(newPasswordProblem('grace.hopper', who)).toMatch(/username or email/)
    expect(newPasswordProblem('seven77', who)).toMatch(/at least 8/)
  })
})
