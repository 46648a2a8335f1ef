import { readFileSync } from 'node:fs'

/**
 * The 10,000 most common passwords people choose (common-passwords.txt: where it comes from and its
 * license are in its header; scripts/common-passwords.ts makes it). A password on it falls to the
 * first guesses of anyone who tries, whatever its length, so sign-up, reset and change refuse it.
 */
const LIST = new URL('./common-passwords.txt', import.meta.url)

let common: Set<string> | undefined

export function isCommonPassword(password: string): boolean {
  common ??= new Set(
    readFileSync(LIST, 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#')),
  )
  return common.has(password.toLowerCase())
}
