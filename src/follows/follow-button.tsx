import type { Child } from 'hono/jsx'
import { CsrfField } from '../platform/views/form.js'
import { FOLLOW_PATH, UNFOLLOW_PATH } from './paths.js'
import type { FollowKind } from './schema.js'

interface FollowButtonProps {
  kind: FollowKind
  /** What is followed, as target.ts reads it: a name, a category, a search's query string, a collection id. */
  target: string
  /** What the button names after its verb: "Follow cs.LG", "Following this search". */
  label: string
  /** Whether the signed-in reader follows it already (viewerFollows); false for an anonymous reader. */
  following: boolean
  /** The page to come back to (after logging in too). */
  back: string
  /** More fields for the follow (an author's co-authors and categories to tick). */
  children?: Child
}

/**
 * Follow or unfollow anything, as a real form (it works without JavaScript; sending it twice is
 * harmless, as each form asks for the state it wants). An anonymous reader's click leads to log-in
 * and back. aria-pressed says whether the reader follows it; the name says what a press does.
 */
export function FollowButton({ kind, target, label, following, back, children }: FollowButtonProps) {
  return (
    <form method="post" action={following ? UNFOLLOW_PATH : FOLLOW_PATH} class="follow-form">
      <CsrfField />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="target" value={target} />
      <input type="hidden" name="next" value={back} />
      {!following && children}
      <button
        type="submit"
        class={following ? 'follow-button following secondary' : 'follow-button'}
        aria-pressed={following ? 'true' : 'false'}
        title={following ? `Stop following ${label}` : undefined}
      >
        {following ? 'Following' : 'Follow'} {label}
      </button>
    </form>
  )
}
