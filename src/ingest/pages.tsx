import { Hono, type MiddlewareHandler } from 'hono'
import { AdminNav } from '../admin/views.js'
import type { Db } from '../platform/db/connect.js'
import { formatDay } from '../platform/views/format.js'
import { Layout } from '../platform/views/layout.js'
import type { Site } from '../platform/views/site.js'
import { redactLocations } from './redact.js'
import { type IngestRun, recentRuns } from './store.js'

const RUNS_SHOWN = 50

/**
 * `/admin/ingest`: what the ingest has done lately (read-only: it changes nothing), for admins
 * only (`requireAdmin`), and even then without server paths or full addresses.
 */
export function ingestPages(db: Db, site: Site, requireAdmin: MiddlewareHandler): Hono {
  const app = new Hono()
  app.get('/admin/ingest', requireAdmin, async (c) => {
    const runs = await recentRuns(db, RUNS_SHOWN)
    return c.html(
      <Layout site={site} title="Ingest status">
        <section class="admin">
          <h1>Ingest status</h1>
          <AdminNav current="/admin/ingest" />
          <p>The latest {RUNS_SHOWN} runs of the sources that fill the catalog, newest first.</p>
          {runs.length === 0 ? (
            <p class="empty">
              No ingest has run yet. Runs start on the schedule, or by hand with <code>npx paperboy ingest</code>.
            </p>
          ) : (
            <div class="table-scroll">
              <table>
                <caption class="visually-hidden">Ingest runs</caption>
                <thead>
                  <tr>
                    <th scope="col">Run</th>
                    <th scope="col">Source</th>
                    <th scope="col">Started (UTC)</th>
                    <th scope="col">Took</th>
                    <th scope="col">Status</th>
                    <th scope="col">New</th>
                    <th scope="col">Updated</th>
                    <th scope="col">Skipped</th>
                    <th scope="col">Error</th>
                  </tr>
                </thead>
                <tbody>
                  {runs.map((r) => (
                    <RunRow run={r} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </Layout>,
    )
  })
  return app
}

function RunRow({ run }: { run: IngestRun }) {
  const took = run.finishedAt
    ? `${((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000).toFixed(1)} s`
    : '…'
  return (
    <tr>
      <td>#{run.id}</td>
      <td>
        {run.source}
        {run.scope && <span class="muted"> · {redactLocations(run.scope)}</span>}
        <span class="muted"> · {run.trigger}</span>
      </td>
      <td>
        {formatDay(run.startedAt)} {run.startedAt.slice(11, 16)}
      </td>
      <td>{took}</td>
      <td class={`status-${run.status}`}>{run.status}</td>
      <td>{run.added}</td>
      <td>{run.updated}</td>
      <td>{run.skipped}</td>
      <td>{run.error ? redactLocations(run.error) : ''}</td>
    </tr>
  )
}
