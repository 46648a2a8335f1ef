import { hashPassword } from '../community/accounts/passwords.js'
import { createUser, findUserByName, setUserRole } from '../community/accounts/store.js'
import { signupForm } from '../community/accounts/validation.js'
import type { Db } from '../platform/db/connect.js'
import { UsageError } from '../platform/usage-error.js'

/**
 * `paperboy admin create` and `paperboy admin promote`: admin accounts for a site whose first
 * account is not (or no longer) the right person, or for a headless install with no browser.
 */

/** Creates a confirmed admin account; returns the line to print. */
export async function adminCreateCommand(
  db: Db,
  input: { username: string; email: string; password: string },
  now: string,
): Promise<string> {
  const parsed = signupForm.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new UsageError(`${String(issue.path[0] ?? 'input')}: ${issue.message}`)
  }
  const { username, email, password } = parsed.data
  const user = await createUser(
    db,
    { username, displayName: username, email, passwordHash: await hashPassword(password), verifiedAt: now },
    now,
  )
  if (!user) {
    throw new Error(
      `the username ${username} or the address ${email} already has an account; ` +
        `to make that member an admin: paperboy admin promote ${username}`,
    )
  }
  if (user.role !== 'admin') await setUserRole(db, user.id, 'admin')
  return `Created the admin account ${user.username} (${user.email}); log in at /login.`
}

/** Makes an existing member an admin; returns the line to print. */
export async function adminPromoteCommand(db: Db, username: string): Promise<string> {
  const user = await findUserByName(db, username)
  if (!user) throw new Error(`there is no member called ${username}`)
  if (user.role === 'admin') return `${user.username} is an admin already.`
  await setUserRole(db, user.id, 'admin')
  return `${user.username} is now an admin.`
}

/**
 * The new account's password: the first line of stdin when it is piped (scripts, containers), or
 * typed at a prompt that does not echo it. Never an option, which would land in shell history and
 * in every user's `ps`.
 */
export async function readPassword(stdin: NodeJS.ReadStream = process.stdin): Promise<string> {
  if (!stdin.isTTY) {
    let text = ''
    for await (const chunk of stdin) text += String(chunk)
    return text.split(/\r?\n/)[0] ?? ''
  }
  process.stderr.write('Password for the new admin (not shown): ')
  // Raw mode, so the terminal does not echo what is typed; Enter ends it, Ctrl-C gives up.
  stdin.setRawMode(true)
  stdin.resume()
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = ''
      const onData = (chunk: Buffer) => {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n') {
            stdin.off('data', onData)
            return resolve(typed)
          }
          if (ch === '\u0003') {
            stdin.off('data', onData)
            return reject(new Error('cancelled'))
          }
          typed = ch === '\u007f' || ch === '\b' ? typed.slice(0, -1) : typed + ch
        }
      }
      stdin.on('data', onData)
    })
  } finally {
    stdin.setRawMode(false)
    stdin.pause()
    process.stderr.write('\n')
  }
}
