import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { killAndResume, prepareDigestCrash } from '../bench/digest-crash.js'
import { buildIfStale } from '../scripts/build.js'
import { createTestDb, DIALECTS, type TestDb } from './support/db.js'

const KILLS = 3

/**
 * `paperboy digest send` SIGKILLed mid-run a few times and started again, on both databases: every
 * subscriber gets the digest, and only what was in flight at a kill may go twice.
 * `npm run bench -- digest-crash --kills N` runs many more kills.
 */
for (const dialect of DIALECTS) {
  describe(`digest delivery survives the sender being killed (${dialect})`, { timeout: 180_000 }, () => {
    let db: TestDb
    beforeAll(async () => {
      buildIfStale() // the command runs the compiled build; building is not part of the test
      db = await createTestDb(dialect)
    }, 180_000)
    afterAll(() => db.drop())

    it(`sends every subscriber one digest across ${KILLS} kills, resending at most the in-flight ones`, async () => {
      const emails = await prepareDigestCrash(db.url, 400)
      const report = await killAndResume(db.url, emails, KILLS)
      console.info(`digest crash (${dialect}): ${JSON.stringify(report)}`)
      expect(report.missing).toBe(0)
      expect(report.duplicates).toBeLessThanOrEqual(report.allowedDuplicates)
    })
  })
}
