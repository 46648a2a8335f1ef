import { formatDay, formatLongDay, formatMonth } from '../../platform/views/format.js'
import { Layout } from '../../platform/views/layout.js'
import type { Site } from '../../platform/views/site.js'
import type { FeaturedPaper } from '../model.js'
import { periodPath } from '../paths.js'
import { addDays, type Period, type PeriodKind, periodContaining } from '../period.js'
import { feedLinks, LATEST_FEED_BASE } from '../../feeds/links.js'
import { FeedButtons } from '../../feeds/views.js'
import { ExportLinks, listExportPath } from '../../exports/views.js'
import { HowRanked } from '../../ranking/how-ranked.js'
import { DemoNotice } from './demo-notice.js'
import { PaperCard } from './paper-card.js'

export interface ListingView {
  period: Period | null
  heading: string
  entries: FeaturedPaper[]
  /** The entries the signed-in reader voted for (none for an anonymous reader). */
  voted: ReadonlySet<string>
  /** Rank of the first entry (1 on the first page). */
  firstRank: number
  /** Days with papers next to the period, for previous/next links. */
  before: string | null
  after: string | null
  /** The latest day with papers inside the period: where the Day/Week/Month tabs point. */
  anchorDay: string | null
  page: number
  hasMore: boolean
  /** The listing's own path, without its page: the page number is added here. */
  path: string
  now: number
}

const HEADINGS: Record<PeriodKind, string> = { day: 'Daily Papers', week: 'Weekly Papers', month: 'Monthly Papers' }
const NOUNS: Record<PeriodKind, string> = { day: 'day', week: 'week', month: 'month' }
const EMPTY_WHEN: Record<PeriodKind, string> = { day: 'on this day', week: 'in this week', month: 'in this month' }

export function periodHeading(p: Period): string {
  return HEADINGS[p.kind]
}

export function describePeriod(p: Period): string {
  if (p.kind === 'day') return formatLongDay(p.start)
  if (p.kind === 'month') return formatMonth(p.start)
  return `Week ${Number(p.key.slice(6))}, ${p.key.slice(0, 4)} · ${formatDay(p.start)} – ${formatDay(addDays(p.end, -1))}`
}

function shortLabel(kind: PeriodKind, day: string): string {
  const p = periodContaining(kind, day)
  if (kind === 'day') return formatDay(day)
  if (kind === 'month') return formatMonth(day)
  return `Week ${Number(p.key.slice(6))}`
}

/** A listing's page `page`; page 1 is the listing's plain path, so it has one address. */
export function pagePath(path: string, page: number): string {
  return page > 1 ? `${path}?page=${page}` : path
}

export function ListingPage({ site, view }: { site: Site; view: ListingView }) {
  const { period } = view
  const title = period ? `${view.heading}: ${describePeriod(period)}` : view.heading
  // A day is over once it is listed, so a day's page offers the rolling feed of the latest days
  // (what a reader subscribing from it wants); weeks, months and trending offer their own.
  const feeds =
    period?.kind === 'day'
      ? feedLinks(LATEST_FEED_BASE, `${site.name}: Daily Papers`)
      : feedLinks(view.path, `${site.name}: ${title}`)
  return (
    <Layout site={site} title={title} canonical={pagePath(view.path, view.page)} feeds={feeds}>
      <div class="listing-head">
        <div>
          <h1>{view.heading}</h1>
          {period && <p class="when">{describePeriod(period)}</p>}
          <FeedButtons feeds={feeds} />
          <ExportLinks label="Download this list's citations" hrefOf={(format) => listExportPath(view.path, format)} />
          <p class="ranked-by">
            <HowRanked list={period ? 'daily' : 'trending'} />
          </p>
        </div>
        {period && view.anchorDay && <PeriodTabs current={period.kind} day={view.anchorDay} />}
      </div>
      {period && <Pager kind={period.kind} before={view.before} after={view.after} />}
      {view.entries.some((e) => e.featuring.source === 'demo') && <DemoNotice />}
      {view.entries.length > 0 ? (
        <ol class="papers" start={view.firstRank}>
          {view.entries.map((entry, i) => (
            <PaperCard
              entry={entry}
              rank={view.firstRank + i}
              now={view.now}
              voted={view.voted.has(entry.paper.id)}
              back={pagePath(view.path, view.page)}
            />
          ))}
        </ol>
      ) : (
        <EmptyPeriod period={period} />
      )}
      <nav class="pager" aria-label="Pages">
        {view.page > 1 && (
          <a href={`?page=${view.page - 1}`} rel="prev">
            ← Higher ranked
          </a>
        )}
        <span class="spacer" />
        {view.hasMore && (
          <a href={`?page=${view.page + 1}`} rel="next">
            More papers →
          </a>
        )}
      </nav>
    </Layout>
  )
}

function PeriodTabs({ current, day }: { current: PeriodKind; day: string }) {
  const tabs: [PeriodKind, string][] = [
    ['day', 'Day'],
    ['week', 'Week'],
    ['month', 'Month'],
  ]
  return (
    <nav class="period-tabs" aria-label="Period">
      {tabs.map(([kind, label]) => (
        <a
          href={periodPath(kind, periodContaining(kind, day).key)}
          aria-current={kind === current ? 'page' : undefined}
        >
          {label}
        </a>
      ))}
    </nav>
  )
}

function Pager({ kind, before, after }: { kind: PeriodKind; before: string | null; after: string | null }) {
  return (
    <nav class="pager" aria-label={`Previous and next ${NOUNS[kind]}`}>
      {before ? (
        <a href={periodPath(kind, periodContaining(kind, before).key)} rel="prev">
          ← {shortLabel(kind, before)}
        </a>
      ) : (
        <span />
      )}
      <span class="spacer" />
      {after && (
        <a href={periodPath(kind, periodContaining(kind, after).key)} rel="next">
          {shortLabel(kind, after)} →
        </a>
      )}
    </nav>
  )
}

/** Only a first page is ever empty: a page past the end of a listing is a 404 (pages.tsx). */
function EmptyPeriod({ period }: { period: Period | null }) {
  if (!period) {
    return (
      <div class="empty">
        <p>No papers yet. Papers appear here once they are imported or featured.</p>
      </div>
    )
  }
  return (
    <div class="empty">
      <p>
        No papers were featured {EMPTY_WHEN[period.kind]}. Try the links above to move to a {NOUNS[period.kind]} that
        has papers.
      </p>
    </div>
  )
}
