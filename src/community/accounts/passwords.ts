import { hash, verify } from '@node-rs/argon2'

/**
 * argon2id with OWASP's first recommended parameters (19 MiB, 2 passes, 1 lane): about 17 ms a
 * hash on this machine's cores, on libuv's thread pool so the server keeps answering meanwhile.
 * (argon2id is the library's default algorithm; its const enum cannot be imported here.)
 */
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

/** Passphrases are welcome; past this a password is only a way to make the server hash megabytes. */
export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 128

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2)
}

/** Whether `password` matches `stored`; a malformed stored hash counts as no match. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password)
  } catch {
    return false
  }
}

// Compared against when nobody has the name asked for, so that an unknown account takes as long to
// refuse as a wrong password (no account discovery by timing).
let dummy: Promise<string> | undefined
export async function verifyAgainstNobody(password: string): Promise<false> {
  dummy ??= hashPassword('not anyone’s password')
  await verifyPassword(await dummy, password)
  return false
}
