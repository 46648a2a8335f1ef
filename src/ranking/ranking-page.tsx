import type { Child } from 'hono/jsx'
import { CANDIDATES as DIGEST_CANDIDATES } from '../digest/digest.js'
import { MAX_PAPERS, MIN_PAPERS } from '../digest/preferences.js'
import { PAGE_SIZE } from '../papers/pages.js'
import { COMMENT_WEIGHT, HALF_LIFE_HOURS } from '../papers/trending.js'
import { TexText } from '../papers/views/tex-text.js'
import { Layout } from '../platform/views/layout.js'
import type { Site } from '../platform/views/site.js'
import { BOOST_MAX, RECENCY_HALF_LIFE_DAYS, UPVOTES_FOR_FULL_BOOST } from '../search/boost.js'
import { BOOST_WINDOW } from '../search/candidates.js'
import { PROXIMITY_WEIGHT, RANK_NORMALIZATION, RANK_WEIGHTS } from '../search/engines/postgres-filters.js'
import { WEIGHTS } from '../search/engines/sqlite-index.js'
import { CANDIDATES as SIMILAR_CANDIDATES, KEY_TERMS, MAX_KEY_TERM_SHARE, SIMILAR_PAPERS } from '../search/similar.js'
import { RANKING_PATH } from './paths.js'

/**
 * A formula, rendered from TeX as the paper pages render theirs. On a phone a long one scrolls
 * sideways, so its box takes keyboard focus and says what it holds.
 */
const Formula = ({ tex, label }: { tex: string; label: string }) => (
  <div class="formula" tabindex={0} role="group" aria-label={label}>
    <TexText text={`$${tex}$`} />
  </div>
)

/** The constants a formula reads, with the values the code runs with and where they live. */
function Constants({ rows }: { rows: [name: string, value: Child, where: string][] }) {
  return (
    <dl class="ranking-constants">
      {rows.map(([name, value, where]) => (
        <div>
          <dt>
            <code>{name}</code>
          </dt>
          <dd>
            <span class="value">{value}</span> <span class="where">({where})</span>
          </dd>
        </div>
      ))}
    </dl>
  )
}

const percent = (x: number) => `${Math.round(x * 100)} %`

/**
 * Every ranked list's formula in words and in math. The numbers are the code's own constants,
 * imported, so the page states what runs and cannot drift from it.
 */
export function RankingPage({ site }: { site: Site }) {
  const [title, authors, abstract] = WEIGHTS
  const [, pgAbstract, pgAuthors, pgTitle] = RANK_WEIGHTS
  return (
    <Layout site={site} title="How lists are ranked" canonical={RANKING_PATH}>
      <article class="ranking-page">
        <h1>How lists are ranked</h1>
        <p>
          Every ordered list on {site.name} follows one of the formulas below. Nothing is personalised: two readers see
          the same order. The numbers are those the code runs with.
        </p>
        <nav class="section-links" aria-label="Lists">
          <a href="#daily">Daily, weekly, monthly</a>
          <a href="#trending">Trending</a>
          <a href="#search">Search</a>
          <a href="#similar">Similar papers</a>
          <a href="#digest">Email digest</a>
          <a href="#category">arXiv categories</a>
        </nav>

        <section aria-labelledby="daily">
          <h2 id="daily">Daily, weekly and monthly papers</h2>
          <p>
            The papers featured in the period, most upvoted first. Upvotes are the votes imported from Hugging Face plus
            the votes cast here. Ties go to the paper featured later, then to the featuring source's own order, then to
            the arXiv id. A paper featured on two days of a week or month is listed once, on its later day. Pages hold{' '}
            {PAGE_SIZE} papers.
          </p>
          <Formula
            label="Formula of the daily order"
            tex="\text{order by } (\text{upvotes}\downarrow,\ \text{featured day}\downarrow,\ \text{position}\uparrow,\ \text{id}\uparrow)"
          />
        </section>

        <section aria-labelledby="trending">
          <h2 id="trending">Trending</h2>
          <p>
            A paper's interest (its upvotes, plus its comments at {COMMENT_WEIGHT} each) halves in weight every{' '}
            {HALF_LIFE_HOURS} hours after it was featured: a paper featured {HALF_LIFE_HOURS} hours earlier needs twice
            the interest to rank beside a new one. Ranking by the decayed interest is the same as ranking by the score
            below, which does not change with the clock, so it is stored and indexed.
          </p>
          <Formula
            label="Formula of the trending score"
            tex={`\\text{interest} = u + ${COMMENT_WEIGHT}\\,c \\qquad \\text{score} = \\log_2(\\text{interest} + 1) + \\frac{t_\\text{featured}}{${HALF_LIFE_HOURS}\\,\\text{h}}`}
          />
          <p>
            where <var>u</var> is upvotes, <var>c</var> comments and <var>t</var>
            <sub>featured</sub> the time it was featured, in hours. This equals ranking by{' '}
            <TexText text={`$(\\text{interest} + 1) \\cdot 2^{-\\text{age}/${HALF_LIFE_HOURS}\\,\\text{h}}$`} />.
          </p>
          <Constants
            rows={[
              ['COMMENT_WEIGHT', COMMENT_WEIGHT, 'src/papers/trending.ts'],
              ['HALF_LIFE_HOURS', HALF_LIFE_HOURS, 'src/papers/trending.ts'],
            ]}
          />
        </section>

        <section aria-labelledby="search">
          <h2 id="search">Search results</h2>
          <p>
            By relevance (the default), a paper's text score grows with how often the query's words appear in it,
            weighted by field: a word in the title counts {title / abstract} times one in the abstract, a word in the
            author list {authors / abstract} times. On SQLite, rare words also count more than common ones. Two small
            boosts then lift newer and upvoted papers among those that match about as well; each adds at most{' '}
            {percent(BOOST_MAX)}, so a paper that matches clearly better stays ahead. The boosts reorder the best{' '}
            {BOOST_WINDOW} matches.
          </p>
          <Formula
            label="Formula of the search score"
            tex={`\\text{score} = \\text{text} \\cdot \\left(1 + ${BOOST_MAX}\\cdot 0.5^{\\,\\text{age}/${RECENCY_HALF_LIFE_DAYS}\\,\\text{d}} + ${BOOST_MAX}\\cdot \\min\\!\\left(1, \\frac{\\ln(1+u)}{\\ln(1+${UPVOTES_FOR_FULL_BOOST})}\\right)\\right)`}
          />
          <p>
            <strong>text</strong> is bm25 over title, authors, abstract and categories with column weights{' '}
            {WEIGHTS.join(', ')} on SQLite, and PostgreSQL's <code>ts_rank</code> with weights title {pgTitle}, authors{' '}
            {pgAuthors}, abstract {pgAbstract} and length normalization {RANK_NORMALIZATION} on PostgreSQL: the rank of
            the query's words taken one by one, plus {PROXIMITY_WEIGHT} times the rank of the query as a whole, which
            grows as its words stand closer together (a name typed as words). Sorted by newest, results follow the arXiv
            date (newest first); by most upvoted, upvotes and then the arXiv date.
          </p>
          <Constants
            rows={[
              ['WEIGHTS (SQLite bm25)', WEIGHTS.join(', '), 'src/search/engines/sqlite-index.ts'],
              ['RANK_WEIGHTS (PostgreSQL)', RANK_WEIGHTS.join(', '), 'src/search/engines/postgres-filters.ts'],
              ['PROXIMITY_WEIGHT (PostgreSQL)', PROXIMITY_WEIGHT, 'src/search/engines/postgres-filters.ts'],
              ['BOOST_MAX', BOOST_MAX, 'src/search/boost.ts'],
              ['RECENCY_HALF_LIFE_DAYS', RECENCY_HALF_LIFE_DAYS, 'src/search/boost.ts'],
              ['UPVOTES_FOR_FULL_BOOST', UPVOTES_FOR_FULL_BOOST, 'src/search/boost.ts'],
              ['BOOST_WINDOW', BOOST_WINDOW, 'src/search/candidates.ts'],
            ]}
          />
        </section>

        <section aria-labelledby="similar">
          <h2 id="similar">Similar papers</h2>
          <p>
            A paper's key terms are the {KEY_TERMS} words that weigh most in it by TF-IDF among those in at most{' '}
            {percent(MAX_KEY_TERM_SHARE)} of papers. The search engine finds the {SIMILAR_CANDIDATES} papers that best
            match any of them (on PostgreSQL, those holding the most of them, each counted at its weight); those are
            ordered by the cosine of their TF-IDF vectors to the paper's, and the first {SIMILAR_PAPERS} are shown with
            the key terms they share, which say why each is there.
          </p>
          <Formula
            label="Formula of the similarity"
            tex="\text{similarity}(a, b) = \frac{\mathbf{a}\cdot\mathbf{b}}{\lVert\mathbf{a}\rVert\,\lVert\mathbf{b}\rVert}"
          />
          <Constants
            rows={[
              ['KEY_TERMS', KEY_TERMS, 'src/search/similar.ts'],
              ['MAX_KEY_TERM_SHARE', MAX_KEY_TERM_SHARE, 'src/search/similar.ts'],
              ['CANDIDATES', SIMILAR_CANDIDATES, 'src/search/similar.ts'],
              ['SIMILAR_PAPERS', SIMILAR_PAPERS, 'src/search/similar.ts'],
            ]}
          />
        </section>

        <section aria-labelledby="digest">
          <h2 id="digest">Email digest</h2>
          <p>
            A digest picks from the period's {DIGEST_CANDIDATES} featured papers with the highest trending score (see{' '}
            <a href="#trending">Trending</a>), in that order: those in the subscriber's categories (a whole archive such
            as <code>cs</code> takes all of its categories) and holding one of their keywords, never a paper sent to
            them before, up to the number they chose ({MIN_PAPERS} to {MAX_PAPERS}).
          </p>
          <Constants
            rows={[
              ['CANDIDATES', DIGEST_CANDIDATES, 'src/digest/digest.ts'],
              ['MIN_PAPERS … MAX_PAPERS', `${MIN_PAPERS} … ${MAX_PAPERS}`, 'src/digest/preferences.ts'],
            ]}
          />
        </section>

        <section aria-labelledby="category">
          <h2 id="category">arXiv categories</h2>
          <p>
            A category's day is not ranked: as on arXiv, it lists new submissions, then cross-lists, then replacements,
            each in order of arXiv id. Votes, comments and code links are shown beside each paper, not used to order
            them. A day is arXiv's listing day: it holds the papers whose first version (new submissions and
            cross-lists) or latest version (replacements) was submitted in the window arXiv lists that day, from 14:00
            New York time on one weekday to 14:00 on the next.
          </p>
        </section>
      </article>
    </Layout>
  )
}
