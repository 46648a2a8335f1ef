import { PostForm } from '../platform/views/form.js'
import { Layout } from '../platform/views/layout.js'
import type { Site } from '../platform/views/site.js'
import { COLLECTED_ALERT_PATH, FOLLOW_SETTINGS_PATH, followAlertPath, FOLLOWING_PATH, UNFOLLOW_PATH } from './paths.js'
import type { AlertCadence, FollowKind } from './schema.js'
import type { Follow } from './store.js'

const KIND_NAMES: Record<FollowKind, string> = {
  author: 'Author',
  category: 'Category',
  search: 'Search',
  collection: 'Collection',
  collected: 'Your collections',
}
export const CADENCES: { value: AlertCadence; label: string }[] = [
  { value: 'off', label: 'No alert (Following page only)' },
  { value: 'instant', label: 'As papers arrive' },
  { value: 'daily', label: 'Daily' },
  { value: 'weekly', label: 'Weekly' },
]

export interface FollowSettingsView {
  follows: Follow[]
  /** The alert about new versions and withdrawals of papers in the member's own collections. */
  collected: { cadence: AlertCadence; email: boolean }
  paths: Map<number, string>
  /** The follow just saved or removed, said once. */
  done?: string
}

/** `/settings/follows`: every follow, its alert (how often, by email or not), and unfollowing. */
export function FollowSettingsPage({ site, view }: { site: Site; view: FollowSettingsView }) {
  return (
    <Layout site={site} title="Follows and alerts">
      <div class="settings-page follow-settings">
        <h1>Follows and alerts</h1>
        <p class="settings-who">
          New papers of what you follow show on your <a href={FOLLOWING_PATH}>Following page</a>; an alert also sends
          them as they arrive, daily or weekly. <a href="/settings">All settings</a>
        </p>
        {view.done && (
          <p class="notice settings-done" role="status">
            {view.done}
          </p>
        )}
        <section class="settings-section" aria-labelledby="collected-title">
          <h2 id="collected-title">Papers in your collections</h2>
          <p class="meta">When a paper you collected gets a new arXiv version or is withdrawn.</p>
          <AlertForm action={COLLECTED_ALERT_PATH} id="collected" alert={view.collected} />
        </section>
        {view.follows.length === 0 ? (
          <section class="settings-section" aria-label="Your follows">
            <p>
              You follow nothing yet. Press <strong>Follow</strong> on an author’s page, a search’s results or a public
              collection.
            </p>
          </section>
        ) : (
          <ul class="follow-list" aria-label="Your follows">
            {view.follows.map((f) => (
              <li class="settings-section">
                <FollowRow follow={f} href={view.paths.get(f.id)} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </Layout>
  )
}

function FollowRow({ follow, href }: { follow: Follow; href: string | undefined }) {
  const id = `follow-${follow.id}`
  return (
    <>
      <h2 id={`${id}-title`}>
        <span class="follow-kind">{KIND_NAMES[follow.kind]}</span>{' '}
        {href ? <a href={href}>{follow.label}</a> : follow.label}
      </h2>
      {follow.qualifiers.length > 0 && <p class="meta">Only papers with {follow.qualifiers.join(', ')}</p>}
      <AlertForm
        action={followAlertPath(follow.id)}
        id={id}
        alert={{ cadence: follow.alert, email: follow.alertEmail }}
      />
      <PostForm action={UNFOLLOW_PATH} class="unfollow-form">
        <input type="hidden" name="kind" value={follow.kind} />
        <input type="hidden" name="target" value={follow.target} />
        <input type="hidden" name="next" value={`${FOLLOW_SETTINGS_PATH}?done=unfollowed`} />
        <button type="submit" class="secondary small" aria-describedby={`${id}-title`}>
          Unfollow
        </button>
      </PostForm>
    </>
  )
}

/** How often an alert goes, and whether by email (webhooks are set on /settings/webhooks). */
function AlertForm({
  action,
  id,
  alert,
}: {
  action: string
  id: string
  alert: { cadence: AlertCadence; email: boolean }
}) {
  return (
    <PostForm action={action} class="alert-form">
      <label for={`${id}-alert`}>Alert</label>
      <select id={`${id}-alert`} name="alert">
        {CADENCES.map((c) => (
          <option value={c.value} selected={c.value === alert.cadence}>
            {c.label}
          </option>
        ))}
      </select>
      <span class="check">
        <input type="checkbox" id={`${id}-email`} name="email" value="1" checked={alert.email} />
        <label for={`${id}-email`}>by email</label>
      </span>
      <button type="submit" class="small" aria-describedby={`${id}-title`}>
        Save
      </button>
    </PostForm>
  )
}
