import { loginPath } from '../accounts/forms.js'
import type { Viewer } from '../../platform/http/viewer.js'
import { PostForm } from '../../platform/views/form.js'
import { paperPath } from '../../papers/paths.js'
import type { Paper } from '../../papers/model.js'
import { claimPath } from './paths.js'
import type { Claim } from './store.js'

interface ClaimProps {
  paper: Paper
  viewer: Viewer | null
  /** Author positions with an approved claim (nobody else can claim them). */
  claimed: ReadonlySet<number>
  /** The viewer's own claims on this paper. */
  mine: readonly Claim[]
}

/**
 * "Are you an author?" under a paper's author list: a signed-in member picks their name and says
 * "This is me"; an admin then decides. A <details>, so it takes one line until opened.
 */
export function AuthorClaim({ paper, viewer, claimed, mine }: ClaimProps) {
  const open = paper.authors.flatMap((a, position) => (a.hidden || claimed.has(position) ? [] : [{ ...a, position }]))
  if (paper.authors.length === 0) return null
  const pending = mine.find((c) => c.status === 'pending')
  if (mine.some((c) => c.status === 'approved')) return null
  if (pending) {
    return (
      <p class="claim-status" role="status">
        Your claim to be {pending.authorName} is waiting for an admin.
      </p>
    )
  }
  if (open.length === 0) return null
  if (!viewer) {
    return (
      <p class="claim-author">
        Are you an author? <a href={loginPath(paperPath(paper.id))}>Log in to claim this paper</a>.
      </p>
    )
  }
  const rejected = new Set(mine.map((c) => c.position))
  return (
    <details class="claim-author">
      <summary>Are you one of the authors?</summary>
      <PostForm action={claimPath(paper.id)} class="claim-form">
        <p>Claim your entry: an admin checks it, then your name links to your profile and the paper is listed there.</p>
        <div class="field">
          <label for="claim-author">Which author are you?</label>
          <select id="claim-author" name="author" required>
            <option value="">Choose your name</option>
            {open
              .filter((a) => !rejected.has(a.position))
              .map((a) => (
                <option value={String(a.position)}>{a.name}</option>
              ))}
          </select>
        </div>
        <button type="submit">This is me</button>
      </PostForm>
    </details>
  )
}
