import { type Context, Hono } from 'hono'
import { readUploadForm, signedIn } from '../community/accounts/forms.js'
import { NO_STORE } from '../community/accounts/views.js'
import { findUserById } from '../community/accounts/store.js'
import { listCollections } from '../community/collections/store.js'
import { collectionName } from '../community/collections/validation.js'
import type { Db } from '../platform/db/connect.js'
import { HttpError } from '../platform/http/http-error.js'
import type { Limit, RateLimits } from '../platform/http/rate-limit.js'
import type { Viewer } from '../platform/http/viewer.js'
import type { Site } from '../platform/views/site.js'
import { importAccount, readAccountFrame } from './account-import.js'
import { readSanityTags } from './arxiv-sanity.js'
import { arxivIdsInBibtex } from './bibtex.js'
import { exportAccount, exportFileName } from './export.js'
import { importPapers } from './paper-import.js'
import type { ImportReport } from './report.js'
import { ImportResultPage } from './result-view.js'
import { DATA_PATH, DataPage, EXPORT_PATH, IMPORT_PATHS, type ImportKind } from './views.js'

/** The largest file an import reads: years of an active member's data is well under 1 MB. */
export const MAX_FILE_BYTES = 5_000_000
/** What the app's body limit lets through to the import routes: the file and the form around it. */
export const UPLOAD_MAX_BODY_BYTES = MAX_FILE_BYTES + 64 * 1024
export const UPLOAD_PATH_PREFIX = '/settings/data/import/'
/** An import writes hundreds of rows; a few an hour is a member moving house, more is a script. */
export const DATA_IMPORTS: Limit = { name: 'data-imports', points: 10, durationS: 3600 }
/** An export reads every table a member is in. */
export const DATA_EXPORTS: Limit = { name: 'data-exports', points: 20, durationS: 3600 }

export interface AccountDataDeps {
  db: Db
  site: Site
  now: () => number
  limits: RateLimits
}

/** /settings/data: a member's data out (one JSON file) and in (that file, arxiv-sanity tags, BibTeX). */
export function accountDataPages({ db, site, now, limits }: AccountDataDeps): Hono {
  const app = new Hono()
  const iso = () => new Date(now()).toISOString()

  const page = async (
    c: Context,
    viewer: Viewer,
    errors: Partial<Record<ImportKind, string>> = {},
    status: 200 | 400 = 200,
  ) => {
    const collections = await listCollections(db, viewer.id, { all: true })
    const props = { site, username: viewer.username, collections, maxMb: MAX_FILE_BYTES / 1_000_000, errors }
    return c.html(<DataPage {...props} />, status, NO_STORE)
  }

  app.get(DATA_PATH, async (c) => {
    const viewer = signedIn(c, DATA_PATH)
    if (viewer instanceof Response) return viewer
    return page(c, viewer)
  })

  app.get(EXPORT_PATH, async (c) => {
    const viewer = signedIn(c, DATA_PATH)
    if (viewer instanceof Response) return viewer
    await limits.consume(
      DATA_EXPORTS,
      `user:${viewer.id}`,
      (wait) => `You downloaded your data often just now; try again in ${wait}.`,
    )
    const at = iso()
    const file = await exportAccount(db, viewer.id, at)
    if (!file) throw new HttpError(404, 'This account no longer exists.')
    return c.body(JSON.stringify(file, null, 2), 200, {
      ...NO_STORE,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportFileName(viewer.username, at)}"`,
    })
  })

  /**
   * One import route: the signed-in, confirmed member, the form (CSRF checked) and its file, the
   * limit counted; then `run` reads the file into a report, or a sentence saying why it cannot.
   */
  const importRoute = (
    kind: ImportKind,
    run: (
      viewer: Viewer,
      text: string,
      form: Record<string, string>,
      fileName: string,
    ) => Promise<ImportReport | string>,
  ) =>
    app.post(IMPORT_PATHS[kind], async (c) => {
      const viewer = signedIn(c, DATA_PATH, { verified: true })
      if (viewer instanceof Response) return viewer
      const { fields, files } = await readUploadForm(c, MAX_FILE_BYTES)
      await limits.consume(
        DATA_IMPORTS,
        `user:${viewer.id}`,
        (wait) => `Too many imports in an hour; try again in ${wait}.`,
      )
      const file = files.file
      if (!file || file.size === 0) return page(c, viewer, { [kind]: 'Choose a file to import.' }, 400)
      const text = await readText(file)
      if (text === null) return page(c, viewer, { [kind]: 'The file is not UTF-8 text.' }, 400)
      const outcome = await run(viewer, text, fields, file.name)
      if (typeof outcome === 'string') return page(c, viewer, { [kind]: outcome }, 400)
      return c.html(
        <ImportResultPage site={site} username={viewer.username} kind={kind} report={outcome} />,
        200,
        NO_STORE,
      )
    })

  importRoute('account', async (viewer, text) => {
    const json = parseJson(text)
    if (json === undefined) return 'The file is not JSON; choose the paperboy-….json file you downloaded.'
    const frame = readAccountFrame(json)
    if ('error' in frame) return frame.error
    const user = await findUserById(db, viewer.id)
    if (!user) throw new HttpError(404, 'This account no longer exists.')
    return importAccount(db, { id: viewer.id, email: user.email }, frame, iso())
  })

  importRoute('sanity', async (viewer, text) => {
    const json = parseJson(text)
    if (json === undefined) return 'The file is not JSON; an arxiv-sanity tag file is a JSON object.'
    const tags = readSanityTags(json)
    if ('error' in tags) return tags.error
    return importPapers(
      db,
      viewer.id,
      tags.tags.map((t) => ({ what: `tag “${t.name}”`, target: { name: t.name }, ids: t.ids })),
      tags.skipped,
      iso(),
    )
  })

  importRoute('bibtex', async (viewer, text, form, fileName) => {
    const found = arxivIdsInBibtex(text)
    if ('error' in found) return found.error
    const choice = form.collection ?? 'new'
    let target
    if (choice === 'new') {
      const name = collectionName.safeParse(
        form.name?.trim() || fileName.replace(/\.(bib|bibtex|txt)$/i, '') || 'BibTeX import',
      )
      if (!name.success) return `The new collection’s name: ${name.error.issues[0]!.message}`
      target = { name: name.data }
    } else if (/^[1-9]\d{0,9}$/.test(choice)) {
      target = { id: Number(choice) }
    } else {
      return 'Choose a collection, or a new one.'
    }
    // A file without one arXiv paper makes no empty collection; its report says why each entry was skipped.
    const batches = found.ids.length > 0 ? [{ what: 'the collection', target, ids: found.ids }] : []
    return importPapers(db, viewer.id, batches, found.skipped, iso())
  })

  return app
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** The file as text; null when it is not UTF-8 (a binary, another encoding). */
async function readText(file: File): Promise<string | null> {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer()).replace(/^\uFEFF/, '')
  } catch {
    return null
  }
}
