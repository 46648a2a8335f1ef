import { paperPath } from '../../papers/paths.js'
import { PostForm } from '../../platform/views/form.js'
import { formatDay } from '../../platform/views/format.js'
import { MAX_REASON_LENGTH } from './actions.js'
import { paperHidePath } from './paths.js'

/** For admins on a paper's page: whether it is in the feed, and the form that changes that. */
export function PaperModeration({ paperId, hiddenAt }: { paperId: string; hiddenAt: string | null }) {
  return (
    <section class="moderation-box" aria-labelledby="moderation-title">
      <h2 id="moderation-title">Moderation</h2>
      {hiddenAt ? (
        <p class="moderation-notice">
          Hidden from the feed since {formatDay(hiddenAt)}: listings, trending, search and the API leave it out. Its
          page stays.
        </p>
      ) : (
        <p>Shown in the feed.</p>
      )}
      <PostForm action={paperHidePath(paperId)} class="admin-action">
        <input type="hidden" name="state" value={hiddenAt ? '0' : '1'} />
        <input type="hidden" name="next" value={paperPath(paperId)} />
        {!hiddenAt && (
          <div class="field">
            <label for="hide-reason">Reason (shown in the log)</label>
            <input id="hide-reason" name="reason" type="text" maxlength={MAX_REASON_LENGTH} />
          </div>
        )}
        <button type="submit" class={hiddenAt ? 'secondary' : 'danger'}>
          {hiddenAt ? 'Put back in the feed' : 'Hide from the feed'}
        </button>
      </PostForm>
    </section>
  )
}
