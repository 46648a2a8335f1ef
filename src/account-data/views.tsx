import type { Child } from 'hono/jsx'
import type { Collection } from '../community/collections/store.js'
import { Field, FormError, PostForm } from '../platform/views/form.js'
import { Layout } from '../platform/views/layout.js'
import type { Site } from '../platform/views/site.js'

export const DATA_PATH = '/settings/data'
export const EXPORT_PATH = '/settings/data/export'
export const IMPORT_PATHS = {
  account: '/settings/data/import/account',
  sanity: '/settings/data/import/arxiv-sanity',
  bibtex: '/settings/data/import/bibtex',
} as const
export type ImportKind = keyof typeof IMPORT_PATHS

export function Section({ id, title, children }: { id: string; title: string; children?: Child }) {
  return (
    <section class="settings-section" id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  )
}

export interface DataPageProps {
  site: Site
  username: string
  /** The member's own collections, for the BibTeX form's choice. */
  collections: Collection[]
  maxMb: number
  /** A form's problem, by the form it belongs to. */
  errors?: Partial<Record<ImportKind, string>>
}

/** /settings/data: the download of everything, and the three imports. */
export function DataPage({ site, username, collections, maxMb, errors = {} }: DataPageProps) {
  return (
    <Layout site={site} title="Your data">
      <div class="settings-page account-form data-page">
        <p class="settings-who">
          <a href="/settings">Settings</a> › Your data
        </p>
        <h1>Your data</h1>
        <Section id="export" title="Download your data">
          <p>
            One JSON file with your account’s name and address, what you follow, your upvotes, comments, collections,
            submissions, digest subscription and profile setting. It holds no password, session or token.
          </p>
          <p>
            <a class="button" href={EXPORT_PATH} download>
              Download your data (JSON)
            </a>
          </p>
        </Section>
        <Section id="import-account" title="Import a Paperboy account file">
          <p>
            A file downloaded above, from this site or another Paperboy. Its follows, upvotes and collections are added
            to this account (a collection with the same name gains the papers it lacks), with your profile setting and
            digest preferences. Nothing here is removed. Comments and submissions are not posted again: they are public
            writing on other people’s threads and on the daily list, and stay where they were made.
          </p>
          <PostForm action={IMPORT_PATHS.account} upload>
            <FormError message={errors.account} />
            <Field
              id="account-file"
              name="file"
              label="Account file"
              type="file"
              accept=".json,application/json"
              required
              hint={`A paperboy-….json file, at most ${maxMb} MB.`}
            />
            <button type="submit">Import account file</button>
          </PostForm>
        </Section>
        <Section id="import-sanity" title="Import arxiv-sanity tags">
          <p>
            Your arxiv-sanity(-lite) library as JSON: each tag with its arXiv ids, as in{' '}
            <code>{'{"rl": ["2301.00001", "2302.01234v2"]}'}</code>. Each tag becomes a private collection of that name;
            a collection you already have with that name gains the papers.
          </p>
          <PostForm action={IMPORT_PATHS.sanity} upload>
            <FormError message={errors.sanity} />
            <Field
              id="sanity-file"
              name="file"
              label="Tag file"
              type="file"
              accept=".json,application/json"
              required
              hint={`JSON, at most ${maxMb} MB. Papers this site does not have yet are listed, not added.`}
            />
            <button type="submit">Import tags</button>
          </PostForm>
        </Section>
        <Section id="import-bibtex" title="Import a BibTeX file into a collection">
          <p>
            Every entry that names an arXiv paper is added: by <code>eprint</code> with{' '}
            <code>archivePrefix = {'{arXiv}'}</code>, an arxiv.org URL, an arXiv DOI (10.48550/arXiv.…) or a journal of
            “arXiv preprint arXiv:…”. Other entries are listed as skipped.
          </p>
          <PostForm action={IMPORT_PATHS.bibtex} upload>
            <FormError message={errors.bibtex} />
            <Field
              id="bibtex-file"
              name="file"
              label="BibTeX file"
              type="file"
              accept=".bib,.bibtex,text/x-bibtex,text/plain"
              required
              hint={`A .bib file, at most ${maxMb} MB.`}
            />
            <div class="field">
              <label for="bibtex-collection">Into</label>
              <select id="bibtex-collection" name="collection">
                <option value="new">A new collection</option>
                {collections.map((c) => (
                  <option value={String(c.id)}>{c.name}</option>
                ))}
              </select>
            </div>
            <Field
              id="bibtex-name"
              name="name"
              label="Name of the new collection"
              maxlength={100}
              hint="Used only with “A new collection”; the file’s name when left empty. New collections are private."
            />
            <button type="submit">Import BibTeX</button>
          </PostForm>
        </Section>
        <p>
          Your collections are on <a href={`/u/${encodeURIComponent(username)}/collections`}>your collections page</a>.
        </p>
      </div>
    </Layout>
  )
}
