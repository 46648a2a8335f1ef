import { Hono } from 'hono'
import { z } from 'zod'
import { findUsersByIds, listBannedUsers, type User } from '../community/accounts/store.js'
import { type Claim, countPendingClaims, listPendingClaims } from '../community/claims/store.js'
import { claimDecisionPath } from '../community/claims/paths.js'
import { countModerationLog, listModerationLog } from '../community/moderation/store.js'
import { paperHidePath } from '../community/moderation/paths.js'
import { paperPath } from '../papers/paths.js'
import { getPapers } from '../papers/store.js'
import { TexText } from '../papers/views/tex-text.js'
import { listHiddenPapers } from '../papers/visibility.js'
import type { Db } from '../platform/db/connect.js'
import { pageNumber, parseQuery } from '../platform/http/params.js'
import { plural } from '../platform/views/format.js'
import { PostForm } from '../platform/views/form.js'
import { Layout } from '../platform/views/layout.js'
import type { Site } from '../platform/views/site.js'
import { requireAdmin } from './access.js'
import { AdminNav, AdminSection, BanForm, formatTime, LogTable } from './views.js'

const OVERVIEW_ROWS = 10
const LOG_PAGE = 50
const CLAIMS_PAGE = 50
/** Deeper than this, the log is a database question, not a page. */
const MAX_PAGE = 1000

const pageQuery = z.object({ page: pageNumber(MAX_PAGE) })

/**
 * The admin pages: `/admin` (what needs doing and what was done), `/admin/claims` (author claims
 * to decide) and `/admin/log` (every moderation action). Read-only; their forms post to the
 * moderation and claims routes. Only for admins (access.ts); 404 for everyone else.
 */
export function adminPages(db: Db, site: Site, token: string | null): Hono {
  const app = new Hono()
  // On each page rather than on /admin/*, so that the actions' POSTs answer 403 themselves.
  const adminOnly = requireAdmin(token)

  app.get('/admin', adminOnly, async (c) => {
    const [log, pending, pendingCount, hidden, banned] = await Promise.all([
      listModerationLog(db, { limit: OVERVIEW_ROWS, offset: 0 }),
      listPendingClaims(db, { limit: OVERVIEW_ROWS, offset: 0 }),
      countPendingClaims(db),
      listHiddenPapers(db, OVERVIEW_ROWS * 5),
      listBannedUsers(db, OVERVIEW_ROWS * 5),
    ])
    return c.html(
      <Layout site={site} title="Admin">
        <section class="admin">
          <h1>Admin</h1>
          <AdminNav current="/admin" />
          <AdminSection id="pending-claims" title="Author claims to decide">
            <p>
              {pendingCount === 0 ? 'No claims are waiting.' : `${plural(pendingCount, 'claim')} waiting.`}{' '}
              {pendingCount > 0 && <a href="/admin/claims">Decide them</a>}
            </p>
            {pending.length > 0 && <ClaimsTable db={db} claims={pending} />}
          </AdminSection>
          <AdminSection id="recent-log" title="Recent moderation">
            <LogTable entries={log} caption="Recent moderation actions" />
            <p>
              <a href="/admin/log">The whole log</a>
            </p>
          </AdminSection>
          <AdminSection id="hidden-papers" title="Papers hidden from the feed">
            {hidden.length === 0 ? (
              <p class="empty">None. An admin hides a paper from its page.</p>
            ) : (
              <ul class="admin-list">
                {hidden.map((p) => (
                  <li>
                    <a href={paperPath(p.id)}>
                      <TexText text={p.title} />
                    </a>{' '}
                    <span class="muted">hidden {formatTime(p.hiddenAt)}</span>
                    <PostForm action={paperHidePath(p.id)} class="admin-action inline">
                      <input type="hidden" name="state" value="0" />
                      <input type="hidden" name="next" value="/admin" />
                      <button type="submit" class="secondary">
                        Show again
                      </button>
                    </PostForm>
                  </li>
                ))}
              </ul>
            )}
          </AdminSection>
          <AdminSection id="bans" title="Banned members">
            {banned.length === 0 ? (
              <p class="empty">Nobody is banned.</p>
            ) : (
              <ul class="admin-list">
                {banned.map((u) => (
                  <li>
                    <a href={`/u/${u.username}`}>{u.username}</a>
                    <BanForm username={u.username} banned next="/admin" idPrefix={`unban-${u.id}`} />
                  </li>
                ))}
              </ul>
            )}
            <h3>Ban a member</h3>
            <p>Their sessions and API tokens stop working at once, and they cannot log in until the ban is lifted.</p>
            <BanForm banned={false} next="/admin" />
          </AdminSection>
        </section>
      </Layout>,
    )
  })

  app.get('/admin/log', adminOnly, async (c) => {
    const { page } = parseQuery(pageQuery, c.req.query())
    const [entries, total] = await Promise.all([
      listModerationLog(db, { limit: LOG_PAGE, offset: (page - 1) * LOG_PAGE }),
      countModerationLog(db),
    ])
    return c.html(
      <Layout site={site} title="Moderation log">
        <section class="admin">
          <h1>Moderation log</h1>
          <AdminNav current="/admin/log" />
          <p>Every moderation action, newest first ({plural(total, 'entry', 'entries')}).</p>
          <LogTable entries={entries} caption="Moderation actions" />
          <AdminPager path="/admin/log" page={page} more={page * LOG_PAGE < total} />
        </section>
      </Layout>,
    )
  })

  app.get('/admin/claims', adminOnly, async (c) => {
    const { page } = parseQuery(pageQuery, c.req.query())
    const [claims, total] = await Promise.all([
      listPendingClaims(db, { limit: CLAIMS_PAGE, offset: (page - 1) * CLAIMS_PAGE }),
      countPendingClaims(db),
    ])
    return c.html(
      <Layout site={site} title="Author claims">
        <section class="admin">
          <h1>Author claims</h1>
          <AdminNav current="/admin/claims" />
          <p>
            Members who say they wrote a paper, oldest first. Approve when the member is that author: their address,
            profile or an email to them tells. An approved claim links the author’s name to the profile, and the API
            names the member beside the author.
          </p>
          {claims.length === 0 ? <p class="empty">No claims are waiting.</p> : <ClaimsTable db={db} claims={claims} />}
          <AdminPager path="/admin/claims" page={page} more={page * CLAIMS_PAGE < total} />
        </section>
      </Layout>,
    )
  })

  return app
}

function AdminPager({ path, page, more }: { path: string; page: number; more: boolean }) {
  if (page === 1 && !more) return null
  return (
    <nav class="pager" aria-label="Pages">
      {page > 1 ? <a href={`${path}?page=${page - 1}`}>Newer</a> : <span class="spacer" />}
      {more && <a href={`${path}?page=${page + 1}`}>Older</a>}
    </nav>
  )
}

/** Pending claims with what an admin decides them by, and the two buttons. */
async function ClaimsTable({ db, claims }: { db: Db; claims: Claim[] }) {
  const [users, papers] = await Promise.all([
    findUsersByIds(
      db,
      claims.map((c) => c.userId),
    ),
    getPapers(
      db,
      claims.map((c) => c.paperId),
    ),
  ])
  const titles = new Map(papers.map((p) => [p.id, p.title]))
  return (
    <div class="table-scroll">
      <table class="claims">
        <caption class="visually-hidden">Author claims waiting for a decision</caption>
        <thead>
          <tr>
            <th scope="col">Paper</th>
            <th scope="col">Author entry</th>
            <th scope="col">Member</th>
            <th scope="col">Filed (UTC)</th>
            <th scope="col">Decision</th>
          </tr>
        </thead>
        <tbody>
          {claims.map((claim) => (
            <tr>
              <td data-label="Paper">
                <a href={paperPath(claim.paperId)}>
                  <TexText text={titles.get(claim.paperId) ?? claim.paperId} />
                </a>
              </td>
              <td data-label="Author entry">
                {claim.authorName} <span class="muted">(author {claim.position + 1})</span>
              </td>
              <td data-label="Member">
                <Claimant user={users.get(claim.userId)} />
              </td>
              <td data-label="Filed (UTC)">{formatTime(claim.createdAt)}</td>
              <td class="decide" data-label="Decision">
                <PostForm action={claimDecisionPath(claim.id, 'approve')} class="admin-action inline">
                  <input type="hidden" name="next" value="/admin/claims" />
                  <button type="submit" aria-label={`Approve ${claim.authorName}`}>
                    Approve
                  </button>
                </PostForm>
                <PostForm action={claimDecisionPath(claim.id, 'reject')} class="admin-action inline">
                  <input type="hidden" name="next" value="/admin/claims" />
                  <button type="submit" class="secondary" aria-label={`Reject ${claim.authorName}`}>
                    Reject
                  </button>
                </PostForm>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** Who claims: name, profile and the domain of their confirmed address (a lab's domain tells much). */
function Claimant({ user }: { user: User | undefined }) {
  if (!user) return <span class="muted">a deleted account</span>
  const domain = user.email.split('@')[1] ?? ''
  return (
    <>
      <a href={`/u/${user.username}`}>{user.displayName}</a>{' '}
      <span class="muted">
        @{user.username} · {user.emailVerified ? `confirmed address at ${domain}` : 'address not confirmed'}
      </span>
    </>
  )
}
