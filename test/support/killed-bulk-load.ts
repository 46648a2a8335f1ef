// A bulk load killed halfway, as when the machine goes down: a first batch lands, then the process
// dies (SIGKILL, so no `finally` runs). `node --import tsx test/support/killed-bulk-load.ts <url> <records as JSON>`
import type { PaperRecord } from '../../src/papers/model.js'
import { upsertPapers, withBulkLoad } from '../../src/papers/upsert.js'
import { connect } from '../../src/platform/db/connect.js'

const [url, records] = process.argv.slice(2) as [string, string]
const db = connect(url)
await withBulkLoad(db, async () => {
  await upsertPapers(db, JSON.parse(records) as PaperRecord[])
  process.kill(process.pid, 'SIGKILL')
  await new Promise(() => {})
})
