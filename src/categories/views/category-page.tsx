import type { Child } from 'hono/jsx'
import { ExportLinks, listExportPath } from '../../exports/views.js'
import type { FeedLink } from '../../feeds/links.js'
import { FeedButtons } from '../../feeds/views.js'
import type { Paper } from '../../papers/model.js'
import { PaperCard } from '../../papers/views/paper-card.js'
import { formatDay, formatLongDay, plural } from '../../platform/views/format.js'
import { Layout } from '../../platform/views/layout.js'
import type { Site } from '../../platform/views/site.js'
import { HowRanked } from '../../ranking/how-ranked.js'
import { archiveAnchor, CATEGORIES_PATH, categoryPath } from '../paths.js'
import { SECTION_TITLES, SECTIONS, type Section } from '../sections.js'
import { archiveOf, categoryName, findArchive } from '../taxonomy.js'

export interface CategoryView {
  code: string
  /** The day shown, or null when the category has no announcements at all. */
  day: string | null
  /** Whether the address named the day (`/c/cs.LG/2026-08-21`) rather than asking for the latest. */
  dayAsked: boolean
  sections: Record<Section, Paper[]>
  before: string | null
  after: string | null
  /** The papers the signed-in reader voted for. */
  voted: ReadonlySet<string>
  feeds: FeedLink[]
  now: number
}

/**
 * A category's day in arXiv's sections, each paper with its votes, comments and code. `follow`
 * is the place for a Follow button, beside the heading.
 */
export function CategoryPage({ site, view, follow }: { site: Site; view: CategoryView; follow?: Child }) {
  const { code, day } = view
  const name = categoryName(code)
  const path = categoryPath(code, view.dayAsked && day ? day : undefined)
  const title = `${name ?? code} (${code})${day ? `: ${formatDay(day)}` : ''}`
  const archive = findArchive(archiveOf(code))
  let rank = 0
  return (
    <Layout site={site} title={title} canonical={path} feeds={view.feeds}>
      <nav class="breadcrumbs" aria-label="Breadcrumbs">
        <a href={CATEGORIES_PATH}>Categories</a>
        {archive && archive.code !== code && (
          <>
            {' › '}
            <a href={`${CATEGORIES_PATH}#${archiveAnchor(archive.code)}`}>{archive.name}</a>
          </>
        )}
      </nav>
      <div class="listing-head category-head">
        <div>
          <h1>
            {name ?? code} <span class="category-code">{code}</span>
          </h1>
          <p class="when">
            {day ? (
              <>
                arXiv's listing of <time datetime={day}>{formatLongDay(day)}</time>
              </>
            ) : (
              'No papers yet'
            )}
          </p>
          <FeedButtons feeds={view.feeds} />
          {day && <ExportLinks label="Download this day's citations" hrefOf={(f) => listExportPath(path, f)} />}
          <p class="ranked-by">
            <HowRanked list="category" />
          </p>
        </div>
        {follow && <div class="follow-slot">{follow}</div>}
      </div>
      {day && <DayPager code={code} before={view.before} after={view.after} />}
      {day ? (
        <>
          <nav class="section-links" aria-label="Sections">
            {SECTIONS.map((s) => (
              <a href={`#section-${s}`}>
                {SECTION_TITLES[s]} ({view.sections[s].length})
              </a>
            ))}
          </nav>
          {SECTIONS.map((s) => (
            <section class="category-section" aria-labelledby={`section-${s}`}>
              <h2 id={`section-${s}`}>
                {SECTION_TITLES[s]} <span class="count">({view.sections[s].length})</span>
              </h2>
              {view.sections[s].length > 0 ? (
                <ol class="papers" start={rank + 1}>
                  {view.sections[s].map((paper) => (
                    <PaperCard
                      entry={{ paper }}
                      rank={++rank}
                      now={view.now}
                      voted={view.voted.has(paper.id)}
                      back={path}
                      level={3}
                      linkCode
                    />
                  ))}
                </ol>
              ) : (
                <p class="section-empty">None on this day.</p>
              )}
            </section>
          ))}
        </>
      ) : (
        <div class="empty">
          <p>
            The catalog holds no papers in {code} yet. They appear here once an ingest brings them in; the{' '}
            <a href={CATEGORIES_PATH}>index of categories</a> lists those that have some.
          </p>
        </div>
      )}
      {day && (
        <p class="category-note">
          Days are arXiv's listing days: what is submitted up to 14:00 New York time on a weekday is listed on the next
          weekday, as on arXiv's own pages (holidays aside). A new submission or cross-list is listed with its first
          version, a replacement with its latest. {plural(count(view), 'paper')} on this day.
        </p>
      )}
    </Layout>
  )
}

const count = (view: CategoryView) => SECTIONS.reduce((n, s) => n + view.sections[s].length, 0)

function DayPager({ code, before, after }: { code: string; before: string | null; after: string | null }) {
  return (
    <nav class="pager" aria-label="Previous and next day">
      {before ? (
        <a href={categoryPath(code, before)} rel="prev">
          ← {formatDay(before)}
        </a>
      ) : (
        <span />
      )}
      <span class="spacer" />
      {after && (
        <a href={categoryPath(code, after)} rel="next">
          {formatDay(after)} →
        </a>
      )}
    </nav>
  )
}
