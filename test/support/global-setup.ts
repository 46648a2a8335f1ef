import { existsSync } from 'node:fs'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { CHROMIUM_PATH, JAVA_PATH, POSTGRES_ADMIN_URL, SPAMASSASSIN_PATH } from './env.js'

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAvailable: boolean
    chromiumAvailable: boolean
    javaAvailable: boolean
    spamassassinAvailable: boolean
  }
}

/**
 * Finds out once whether PostgreSQL, Chromium, Java (for the HTML checker) and SpamAssassin are here. With
 * CI=true a missing one fails the run instead of letting its suites skip, so a green CI always
 * means all of them were exercised.
 */
export default async function setup(project: TestProject) {
  const ci = process.env.CI === 'true'
  const wanted = (process.env.TEST_DATABASE ?? 'sqlite,postgres').split(',')
  let postgres = false
  if (wanted.includes('postgres')) {
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 })
    try {
      await client.connect()
      await client.query('select 1')
      postgres = true
    } catch (error) {
      if (ci)
        throw new Error(
          `PostgreSQL is required with CI=true but ${POSTGRES_ADMIN_URL} failed: ${(error as Error).message}`,
        )
      console.warn(
        `\n! PostgreSQL not reachable at ${POSTGRES_ADMIN_URL}: its suites are skipped (they fail with CI=true)\n`,
      )
    } finally {
      await client.end().catch(() => {})
    }
  }
  const chromium = existsSync(CHROMIUM_PATH)
  if (!chromium) {
    if (ci)
      throw new Error(`Chromium is required with CI=true but ${CHROMIUM_PATH} is missing (apt-get install chromium)`)
    console.warn(`\n! ${CHROMIUM_PATH} not found: browser suites are skipped (they fail with CI=true)\n`)
  }
  const java = existsSync(JAVA_PATH)
  if (!java) {
    const install = 'apt-get install default-jre-headless'
    if (ci) throw new Error(`Java is required with CI=true but ${JAVA_PATH} is missing (${install})`)
    console.warn(`\n! ${JAVA_PATH} not found: the HTML checker's suite is skipped (it fails with CI=true)\n`)
  }
  const spamassassin = existsSync(SPAMASSASSIN_PATH)
  if (!spamassassin) {
    if (ci)
      throw new Error(
        `SpamAssassin is required with CI=true but ${SPAMASSASSIN_PATH} is missing (apt-get install spamassassin)`,
      )
    console.warn(`\n! ${SPAMASSASSIN_PATH} not found: the digest's spam check is skipped (it fails with CI=true)\n`)
  }
  project.provide('spamassassinAvailable', spamassassin)
  project.provide('postgresAvailable', postgres)
  project.provide('chromiumAvailable', chromium)
  project.provide('javaAvailable', java)
}
