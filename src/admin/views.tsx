import type { Child } from 'hono/jsx'
import { BAN_PATH } from '../community/moderation/paths.js'
import { isKnownAction, MAX_REASON_LENGTH, MODERATION_ACTIONS } from '../community/moderation/actions.js'
import type { LogEntry } from '../community/moderation/store.js'
import { paperPath } from '../papers/paths.js'
import { formatDay } from '../platform/views/format.js'
import { PostForm } from '../platform/views/form.js'

/** The admin pages' own navigation, under each page's heading. */
export function AdminNav({ current }: { current: string }) {
  const links = [
    ['/admin', 'Overview'],
    ['/admin/claims', 'Author claims'],
    ['/admin/log', 'Moderation log'],
    ['/admin/ingest', 'Ingest status'],
  ] as const
  return (
    <nav class="admin-nav" aria-label="Admin">
      {links.map(([href, label]) => (
        <a href={href} aria-current={href === current ? 'page' : undefined}>
          {label}
        </a>
      ))}
    </nav>
  )
}

/** `Aug 21, 2026 14:05` (UTC, as every admin page says). */
export const formatTime = (iso: string) => `${formatDay(iso)} ${iso.slice(11, 16)}`

function LogTarget({ entry }: { entry: LogEntry }) {
  if (entry.targetKind === 'paper') return <a href={paperPath(entry.targetId)}>paper {entry.targetId}</a>
  if (entry.targetKind === 'user') return <a href={`/u/${entry.targetId}`}>{entry.targetId}</a>
  return (
    <>
      {entry.targetKind} #{entry.targetId}
    </>
  )
}

export function LogTable({ entries, caption }: { entries: LogEntry[]; caption: string }) {
  if (entries.length === 0) return <p class="empty">No moderation actions yet.</p>
  return (
    <div class="table-scroll">
      <table class="moderation-log">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">Admin</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr>
              <td data-label="When (UTC)">{formatTime(e.createdAt)}</td>
              <td data-label="Admin">{e.actorName}</td>
              <td data-label="Action">{isKnownAction(e.action) ? MODERATION_ACTIONS[e.action] : e.action}</td>
              <td data-label="Target">
                <LogTarget entry={e} />
              </td>
              <td data-label="Reason">{e.reason || <span class="muted">none given</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** An optional reason, shown in the log. */
export function ReasonField({ id }: { id: string }) {
  return (
    <div class="field">
      <label for={id}>Reason (optional, shown in the log)</label>
      <input id={id} name="reason" type="text" maxlength={MAX_REASON_LENGTH} />
    </div>
  )
}

/**
 * Ban or lift a ban: on the overview with a username field, or for one member (their profile)
 * with the name fixed.
 */
export function BanForm({ username, banned, next, idPrefix = 'ban' }: BanFormProps) {
  return (
    <PostForm action={BAN_PATH} class="admin-action ban-form">
      <input type="hidden" name="state" value={banned ? '0' : '1'} />
      {next && <input type="hidden" name="next" value={next} />}
      {username === undefined ? (
        <div class="field">
          <label for={`${idPrefix}-username`}>Username</label>
          <input id={`${idPrefix}-username`} name="username" type="text" required maxlength={64} autocomplete="off" />
        </div>
      ) : (
        <input type="hidden" name="username" value={username} />
      )}
      {!banned && <ReasonField id={`${idPrefix}-reason`} />}
      <button type="submit" class={banned ? 'secondary' : 'danger'}>
        {banned ? 'Lift the ban' : username === undefined ? 'Ban this member' : `Ban ${username}`}
      </button>
    </PostForm>
  )
}

interface BanFormProps {
  /** Fixed for one member's form; absent on the overview, where it is typed. */
  username?: string
  banned: boolean
  next?: string
  idPrefix?: string
}

export function AdminSection({ id, title, children }: { id: string; title: string; children?: Child }) {
  return (
    <section class="admin-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  )
}
