import { BanForm } from '../../admin/views.js'
import { currentViewer } from '../../platform/http/viewer.js'

/**
 * For admins on a member's profile (the profiles feature places it): ban them, or lift the ban.
 * Nothing for anyone else, nor on an admin's own profile.
 */
export function MemberModeration({ username, banned }: { username: string; banned: boolean }) {
  const viewer = currentViewer()
  if (viewer?.role !== 'admin' || viewer.username.toLowerCase() === username.toLowerCase()) return null
  return (
    <section class="moderation-box" aria-labelledby="member-moderation">
      <h2 id="member-moderation">Moderation</h2>
      <p>{banned ? `${username} is banned.` : 'A ban ends their sessions and API tokens at once.'}</p>
      <BanForm username={username} banned={banned} next={`/u/${username}`} idPrefix="member-ban" />
    </section>
  )
}
