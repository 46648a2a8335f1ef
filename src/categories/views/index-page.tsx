import { formatCount, formatLongDay } from '../../platform/views/format.js'
import { Layout } from '../../platform/views/layout.js'
import type { Site } from '../../platform/views/site.js'
import { type ArchiveGroup, dayTotal } from '../category-index.js'
import { archiveAnchor, CATEGORIES_PATH, categoryPath } from '../paths.js'

/** Every category with papers, under its archive, with the latest day's announcements counted. */
export function IndexPage({ site, groups, day }: { site: Site; groups: ArchiveGroup[]; day: string | null }) {
  return (
    <Layout site={site} title="arXiv categories" canonical={CATEGORIES_PATH}>
      <div class="listing-head">
        <div>
          <h1>arXiv categories</h1>
          <p class="when">
            {day ? (
              <>
                Announcements of <time datetime={day}>{formatLongDay(day)}</time>, the latest day in the catalog
              </>
            ) : (
              'No papers with arXiv categories yet'
            )}
          </p>
        </div>
      </div>
      {groups.length > 0 ? (
        <>
          <nav class="section-links" aria-label="Archives">
            {groups.map((g) => (
              <a href={`#${archiveAnchor(g.code)}`}>{g.name}</a>
            ))}
          </nav>
          {groups.map((g) => (
            <section class="archive" aria-labelledby={archiveAnchor(g.code)}>
              <h2 id={archiveAnchor(g.code)}>
                {g.name} <span class="category-code">{g.code}</span>
              </h2>
              <div class="table-scroll">
                <table class="category-table">
                  <caption class="visually-hidden">
                    {g.name}: each category’s announcements on the latest day, and the papers in the catalog that have
                    it as their primary category
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Category</th>
                      <th scope="col">New</th>
                      <th scope="col">Cross-lists</th>
                      <th scope="col">Replacements</th>
                      <th scope="col">Day total</th>
                      <th scope="col">In catalog</th>
                    </tr>
                  </thead>
                  <tbody>
                    {g.rows.map((r) => (
                      <tr>
                        <th scope="row">
                          <a href={categoryPath(r.code)}>{r.name}</a> <span class="category-code">{r.code}</span>
                        </th>
                        <td>{formatCount(r.day.new)}</td>
                        <td>{formatCount(r.day.cross)}</td>
                        <td>{formatCount(r.day.replaced)}</td>
                        <td>{formatCount(dayTotal(r))}</td>
                        <td>{formatCount(r.papers)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ))}
        </>
      ) : (
        <div class="empty">
          <p>No papers with arXiv categories yet. They appear here once an arXiv ingest brings some in.</p>
        </div>
      )}
    </Layout>
  )
}
