import { PostForm } from '../../platform/views/form.js'
import { commentHidePath } from './paths.js'

/**
 * For admins, beside a comment (the comments feature shows it when `currentViewer()` is an
 * admin): hide it from everyone else, or show it again. Comes back to the comment afterwards.
 */
export function CommentModeration({
  commentId,
  paperPath,
  hidden,
}: {
  commentId: number
  paperPath: string
  hidden: boolean
}) {
  return (
    <PostForm action={commentHidePath(commentId)} class="admin-action inline comment-moderation">
      <input type="hidden" name="state" value={hidden ? '0' : '1'} />
      <input type="hidden" name="next" value={`${paperPath}#comment-${commentId}`} />
      <button type="submit" class="secondary">
        {hidden ? 'Show again' : 'Hide'}
        <span class="visually-hidden"> comment {commentId}</span>
      </button>
    </PostForm>
  )
}
