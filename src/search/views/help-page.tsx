import { Layout } from '../../platform/views/layout.js'
import type { Site } from '../../platform/views/site.js'
import { HELP_PATH, SEARCH_PATH, V1_SEARCH_API } from '../paths.js'
import { MIN_PREFIX_LENGTH } from '../query.js'

/** One row of the query language: its name, an example to type, and what it finds. */
const SYNTAX: { what: string; example: string; finds: string }[] = [
  { what: 'Words', example: 'sparse attention', finds: 'Papers with every word, in the title, authors or abstract.' },
  { what: 'Exact phrase', example: '"chain of thought"', finds: 'The words next to each other, in this order.' },
  { what: 'Leave out', example: 'transformer -vision', finds: 'Papers without the word (or without -"a phrase").' },
  {
    what: 'Either',
    example: 'LLM OR "language model"',
    finds: 'Papers with either side (| works too); the words around it must still match.',
  },
  {
    what: 'Author',
    example: 'author:"Yann LeCun"',
    finds: 'Papers by an author; quote a full name. au: is short for it.',
  },
  {
    what: 'Title',
    example: 'title:diffusion',
    finds: 'The word in the title only (title:"a phrase" too); ti: is short for it.',
  },
  { what: 'Abstract', example: 'abstract:"open source"', finds: 'Words in the abstract only; abs: is short for it.' },
  { what: 'Category', example: 'cat:cs.LG', finds: 'Papers in an arXiv category, or a whole archive: cat:cs.' },
  { what: 'Year', example: 'year:2024', finds: 'Papers first published on arXiv that year.' },
  { what: 'Years', example: 'year:2022..2024', finds: 'Papers from the first year to the last, both included.' },
  {
    what: 'Prefix',
    example: 'lang*',
    finds: `Words that start so: language, langevin, … (${MIN_PREFIX_LENGTH} letters at least).`,
  },
]

export function HelpPage({ site }: { site: Site }) {
  return (
    <Layout site={site} title="How to search" canonical={HELP_PATH}>
      <article class="search-help">
        <h1>How to search</h1>
        <p>
          Type a few words you remember from a paper: its title, its authors or its abstract. Every word must match, and
          the case, accents, plurals and hyphens do not matter: <i>pre-training</i> finds <i>pretraining</i>, and{' '}
          <i>Schrödinger</i> finds <i>Schrodinger</i>. Matches in the title count the most; among papers that match
          about as well, newer and more upvoted ones come first.
        </p>
        <h2 id="syntax">What a search can say</h2>
        <div class="table-scroll" tabindex={0} role="region" aria-labelledby="syntax">
          <table class="syntax">
            <thead>
              <tr>
                <th scope="col">Write</th>
                <th scope="col">Finds</th>
              </tr>
            </thead>
            <tbody>
              {SYNTAX.map((row) => (
                <tr>
                  <th scope="row">
                    <a href={`${SEARCH_PATH}?${new URLSearchParams({ q: row.example })}`}>
                      <code>{row.example}</code>
                    </a>
                  </th>
                  <td>
                    <strong>{row.what}</strong>: {row.finds}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          They combine: <code>author:Hinton cat:cs.LG year:2015..2020 "neural network" -survey</code>. What the search
          cannot read (an unmatched quote, a stray operator) is read as plain words, and the results say how. Words
          found in nearly every paper (<i>the</i>, <i>of</i>, <i>for</i>, …) are skipped unless they stand in a phrase.
        </p>
        <h2>Filters and order</h2>
        <p>
          Beside the search box, narrow results to a category, to papers published in the past week, month or year or
          between two dates, and to papers with code. Results come by relevance unless you ask for the newest or the
          most upvoted first.
        </p>
        <h2>Go straight to a paper</h2>
        <p>
          Paste an arXiv id (<code>2401.00001</code>, <code>hep-th/9901001</code>), an arXiv link (
          <code>arxiv.org/abs/2401.00001v2</code>, <code>arxiv.org/pdf/…</code>) or a Hugging Face paper link (
          <code>huggingface.co/papers/2401.00001</code>) to open that paper’s page.
        </p>
        <h2>From a program</h2>
        <p>
          <code>{V1_SEARCH_API}?q=…</code> answers the same searches as JSON with filters, sorting and pages, described
          in the <a href="/api/v1/openapi.json">OpenAPI document</a>; <code>/api/papers/search?q=…</code> answers in
          Hugging Face’s shape, for its clients.
        </p>
        <p>
          <a href={SEARCH_PATH}>Back to search</a>
        </p>
      </article>
    </Layout>
  )
}
