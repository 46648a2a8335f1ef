// A search worker (sqlite-pool.ts): SQLite's engine on a read-only connection of its own, in a
// thread of its own, answering one search at a time so that the server's event loop never runs one.
import { parentPort, workerData } from 'node:worker_threads'
import { connect } from '../../platform/db/connect.js'
import type { FromWorker, ToWorker, WorkerSetup } from './sqlite-pool-protocol.js'
import { createSqliteEngine } from './sqlite.js'

const setup = workerData as WorkerSetup
const port = parentPort!
const send = (message: FromWorker) => port.postMessage(message)
const db = connect(`sqlite:${setup.path}`, { readOnly: true })
const planner = {
  ...(setup.cheapCost === undefined ? {} : { cheapCost: setup.cheapCost }),
  ...(setup.listSize === undefined ? {} : { listSize: setup.listSize }),
}
// This connection cannot write: a list made here is kept in `search_lists` by the server's.
const engineOf = () =>
  createSqliteEngine(db, { ...planner, saveList: async (key, list) => send({ kind: 'save', key, list }) })
let engine = engineOf()

port.on('message', (message: ToWorker) => {
  if (message.kind === 'clear') {
    engine = engineOf()
    return
  }
  engine.search(message.request).then(
    (page) => send({ kind: 'answer', id: message.id, page }),
    (error: unknown) => {
      const code = (error as { code?: unknown }).code
      send({
        kind: 'failed',
        id: message.id,
        message: error instanceof Error ? error.message : String(error),
        ...(typeof code === 'string' ? { code } : {}),
      })
    },
  )
})
send({ kind: 'ready' })
