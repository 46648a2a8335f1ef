import { BanForm, ReasonField } from '../../admin/views.js'
import { PostForm } from '../../platform/views/form.js'
import { currentViewer } from '../../platform/http/viewer.js'
import { TWO_FACTOR_RESET_PATH } from './paths.js'

/**
 * For admins on a member's profile (the profiles feature places it): ban them, or lift the ban;
 * turn off their two-factor authentication when they have it (they lost their phone and codes).
 * Nothing for anyone else, nor on an admin's own profile.
 */
export function MemberModeration({
  username,
  banned,
  twoFactor,
}: {
  username: string
  banned: boolean
  /** Whether the member has two-factor authentication on; null when the viewer is no admin. */
  twoFactor: boolean | null
}) {
  const viewer = currentViewer()
  if (viewer?.role !== 'admin' || viewer.username.toLowerCase() === username.toLowerCase()) return null
  const here = `/u/${username}`
  return (
    <section class="moderation-box" aria-labelledby="member-moderation">
      <h2 id="member-moderation">Moderation</h2>
      <p>{banned ? `${username} is banned.` : 'A ban ends their sessions and API tokens at once.'}</p>
      <BanForm username={username} banned={banned} next={here} idPrefix="member-ban" />
      {twoFactor && (
        <>
          <p>
            {username} logs in with two-factor authentication. If they lost both their phone and their recovery codes,
            and you know it is them, turn it off: their password alone will log them in, and they are told by email.
          </p>
          <PostForm action={TWO_FACTOR_RESET_PATH} class="admin-action">
            <input type="hidden" name="username" value={username} />
            <input type="hidden" name="next" value={here} />
            <ReasonField id="member-two-factor-reason" />
            <button type="submit" class="danger">
              Turn off two-factor for {username}
            </button>
          </PostForm>
        </>
      )}
    </section>
  )
}
