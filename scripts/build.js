// Compiles src/ into dist/ (tsconfig.build.json) when the sources changed since the last build:
// `npm ci` runs it (prepare), and bin/paperboy.js runs it before every command, so `npm start` and
// `npx paperboy` never run a stale dist/ (docs/decisions/0008-compile-to-dist.md). Plain JavaScript,
// because it runs before anything is compiled.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SRC = join(ROOT, 'src')
const DIST = join(ROOT, 'dist')
/** What the build was made from; a different fingerprint means dist/ is stale. */
const STAMP = join(DIST, '.fingerprint')
const LOCK = `${DIST}.lock`
const LOCK_POLL_MS = 100
/** Far longer than a build takes even on a busy machine (under a minute). */
const LOCK_STALE_MS = 5 * 60_000
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json', 'scripts/build.js'].map((file) => join(ROOT, file))

const isTest = (path) => /\.test\.tsx?$/.test(path)
const isSource = (path) => /\.tsx?$/.test(path)

/** Builds dist/ unless it was built from exactly these sources; returns whether it built. */
export function buildIfStale() {
  if (isFresh()) return false
  // One build at a time: commands started together after a change (tests, scripts) wait for the
  // first one's build instead of each compiling the same sources.
  holdLock()
  try {
    const fingerprint = fingerprintSources()
    if (isFresh(fingerprint)) return false
    process.stderr.write('paperboy: compiling src/ into dist/\n')
    build(fingerprint)
    return true
  } finally {
    rmSync(LOCK, { force: true })
  }
}

function isFresh(fingerprint = fingerprintSources()) {
  return existsSync(STAMP) && readFileSync(STAMP, 'utf8') === fingerprint
}

function holdLock() {
  for (;;) {
    try {
      writeFileSync(LOCK, String(process.pid), { flag: 'wx' }) // atomic: exactly one process creates it
      return
    } catch (error) {
      if (error.code !== 'EEXIST') throw error
    }
    if (isLockAbandoned()) rmSync(LOCK, { force: true })
    else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, LOCK_POLL_MS)
  }
}

/** Left by a build that was interrupted (its process is gone) or is far older than any build. */
function isLockAbandoned() {
  try {
    const pid = Number(readFileSync(LOCK, 'utf8'))
    if (Date.now() - statSync(LOCK).mtimeMs > LOCK_STALE_MS) return true
    process.kill(pid, 0) // throws when no such process
    return false
  } catch (error) {
    return error.code === 'ESRCH'
  }
}

function build(fingerprint) {
  // Into a folder of its own, then swapped in: a failed build leaves the last good dist/ alone, and
  // a file deleted from src/ leaves no module behind.
  const next = `${DIST}.next-${process.pid}`
  rmSync(next, { recursive: true, force: true })
  // --noCheck: emit only, at half the CPU; type checking is `npm test`'s job (tsc --noEmit), as it
  // was when tsx ran the sources. A syntax error still fails the build.
  const args = [findTsc(), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', next, '--noCheck']
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' })
  if (result.status !== 0) {
    rmSync(next, { recursive: true, force: true })
    process.stderr.write(result.stdout + result.stderr)
    throw new Error('the TypeScript build failed (the errors are above)')
  }
  // Files beside the sources that are not TypeScript (stylesheets, icons) are read at run time.
  for (const file of listFiles(SRC).filter((path) => !isSource(path))) {
    cpSync(file, join(next, relative(SRC, file)))
  }
  writeFileSync(join(next, '.fingerprint'), fingerprint)
  rmSync(DIST, { recursive: true, force: true })
  renameSync(next, DIST)
}

function fingerprintSources() {
  const hash = createHash('sha256')
  const files = [...listFiles(SRC).filter((path) => !isTest(path)), ...CONFIGS]
  for (const file of files) {
    const { size, mtimeMs } = statSync(file)
    hash.update(`${relative(ROOT, file)} ${size} ${mtimeMs}\n`)
  }
  return hash.digest('hex')
}

function listFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
}

function findTsc() {
  try {
    return createRequire(import.meta.url).resolve('typescript/bin/tsc')
  } catch {
    throw new Error('dist/ is missing or out of date and TypeScript is not installed: run npm ci')
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    buildIfStale()
  } catch (error) {
    process.stderr.write(`paperboy: ${error.message}\n`)
    process.exit(1)
  }
}
