import { collectionPath } from '../community/collections/views.js'
import { paperPath } from '../papers/paths.js'
import { Layout } from '../platform/views/layout.js'
import type { Site } from '../platform/views/site.js'
import { type ImportReport, plural } from './report.js'
import { DATA_PATH, type ImportKind, Section } from './views.js'

/** The most of one list a result page shows; the rest is counted. */
const SHOWN = 200

const TITLES: Record<ImportKind, string> = {
  account: 'Account file imported',
  sanity: 'arxiv-sanity tags imported',
  bibtex: 'BibTeX file imported',
}

/** What an import did: what landed, what the catalog lacks, what was skipped and why. */
export function ImportResultPage({
  site,
  username,
  kind,
  report,
}: {
  site: Site
  username: string
  kind: ImportKind
  report: ImportReport
}) {
  const { imported, collections, notInCatalog, skipped, notes } = report
  return (
    <Layout site={site} title={TITLES[kind]}>
      <div class="settings-page data-page import-result">
        <p class="settings-who">
          <a href="/settings">Settings</a> › <a href={DATA_PATH}>Your data</a>
        </p>
        <h1>{TITLES[kind]}</h1>
        <p class="notice" role="status">
          The import is done
          {notInCatalog.length > 0 && `; ${plural(notInCatalog.length, 'paper')} not in the catalog yet`}
          {skipped.length > 0 ? `; ${plural(skipped.length, 'record')} skipped.` : '; nothing was skipped.'}
        </p>
        <Section id="imported" title="Imported">
          {imported.length === 0 ? (
            <p>Nothing: the file held nothing this account lacked.</p>
          ) : (
            <ul>
              {imported.map((line) => (
                <li>{line}</li>
              ))}
            </ul>
          )}
          {collections.length > 0 && (
            <p>
              Open{' '}
              {collections.map((c, i) => (
                <>
                  {i > 0 && ', '}
                  <a href={collectionPath(username, c)}>{c.name}</a>
                </>
              ))}
              .
            </p>
          )}
        </Section>
        {notInCatalog.length > 0 && (
          <Section id="not-in-catalog" title="Not in the catalog yet">
            <p>
              This site does not have these papers yet, so they were not added. Opening one fetches it from arXiv;
              import the file again afterwards to add it.
            </p>
            <ul class="id-list">
              {notInCatalog.slice(0, SHOWN).map((id) => (
                <li>
                  <a href={paperPath(id)}>{id}</a>
                </li>
              ))}
            </ul>
            {notInCatalog.length > SHOWN && <p>…and {notInCatalog.length - SHOWN} more.</p>}
          </Section>
        )}
        {skipped.length > 0 && (
          <Section id="skipped" title="Skipped">
            <div class="table-scroll">
              <table class="settings-table">
                <thead>
                  <tr>
                    <th scope="col">Record</th>
                    <th scope="col">Why</th>
                  </tr>
                </thead>
                <tbody>
                  {skipped.slice(0, SHOWN).map((s) => (
                    <tr>
                      <td>{s.what}</td>
                      <td>{s.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {skipped.length > SHOWN && <p>…and {skipped.length - SHOWN} more.</p>}
          </Section>
        )}
        {notes.length > 0 && (
          <Section id="left-out" title="Left out on purpose">
            <ul>
              {notes.map((n) => (
                <li>{n}</li>
              ))}
            </ul>
          </Section>
        )}
        <p>
          <a href={DATA_PATH}>Back to your data</a>
        </p>
      </div>
    </Layout>
  )
}
