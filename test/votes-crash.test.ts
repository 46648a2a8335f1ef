import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { crashRound } from '../bench/crash.js'
import { prepareVotes, type Voter } from '../bench/vote-storm.js'
import { buildIfStale } from '../scripts/build.js'

const ROUNDS = 3

/**
 * The real server process on a SQLite file, SIGKILLed in the middle of a vote storm and started
 * again, a few times; `npm run bench -- crash --rounds N` runs the same rounds in a loop.
 */
describe('votes and comments survive the server being killed mid-storm', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-crash-'))
  const url = `sqlite:${join(dir, 'crash.db')}`
  let voters: Voter[]
  let paperIds: string[]
  const known = new Map<string, { up: boolean; pending: boolean }>()
  const knownComments = new Set<string>()

  beforeAll(async () => {
    buildIfStale() // `paperboy serve` runs the compiled build; building is not part of the test
    ;({ voters, paperIds } = await prepareVotes(url, { voters: 40, papers: 20 }))
  }, 180_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  for (let round = 1; round <= ROUNDS; round++) {
    it(`keeps the file sound and every acknowledged vote and comment, round ${round}`, async () => {
      const result = await crashRound(url, voters, paperIds, known, knownComments)
      expect(result.acknowledged).toBeGreaterThanOrEqual(100)
      expect(result.comments).toBeGreaterThan(0)
      expect(result.problems).toEqual([])
    })
  }
})
