import { paperPath } from '../../papers/paths.js'
import { CommentModeration } from '../moderation/comment-controls.js'
import { raw } from 'hono/html'
import { plural } from '../../platform/views/format.js'
import { CsrfField } from '../../platform/views/form.js'
import type { Viewer } from '../../platform/http/viewer.js'
import { loginPath } from '../accounts/forms.js'
import { avatarPath } from '../profiles/avatar.js'
import { formatAgo, formatExact } from './ago.js'
import type { Discussion } from './discussion.js'
import { renderCommentMarkdown, MAX_COMMENT_LENGTH } from './markdown.js'
import { type CommentOrder, COMMENT_ORDERS, DEFAULT_COMMENT_ORDER } from './model.js'
import {
  commentAnchor,
  deleteCommentPath,
  discussionPath,
  editCommentPath,
  paperCommentsPath,
  profilePath,
} from './paths.js'
import { canDelete, canEdit, type ThreadNode } from './thread.js'

/** Replies nest this deep on screen; deeper ones line up under it and say whom they answer. */
const MAX_SHOWN_DEPTH = 4

const ORDER_NAMES: Record<CommentOrder, string> = { oldest: 'Oldest first', newest: 'Newest first', top: 'Top' }

const MARKDOWN_HINT =
  'Markdown works: *emphasis*, `code`, > quotes, - lists and links. HTML shows as typed; images become links.'

/**
 * A paper's discussion: its count, the form to comment, the orders and the threads. `elsewhere`
 * counts the comments Hugging Face reported for the paper (imported with it, counted in its total,
 * not held here), so the page says why its total is more than the comments shown.
 */
export function DiscussionSection({
  discussion,
  viewer,
  elsewhere = 0,
}: {
  discussion: Discussion
  viewer: Viewer | null
  elsewhere?: number
}) {
  const { paperId, threads, count, order } = discussion
  return (
    <section class="discussion" aria-labelledby="discussion">
      <h2 id="discussion">
        Discussion <span class="discussion-count">{plural(count, 'comment')}</span>
      </h2>
      {elsewhere > 0 && (
        <p class="discussion-elsewhere">
          And {plural(elsewhere, 'comment')} on{' '}
          <a href={`https://huggingface.co/papers/${encodeURIComponent(paperId)}`}>Hugging Face</a>, counted in the
          paper’s total but not shown here.
        </p>
      )}
      <NewComment paperId={paperId} viewer={viewer} />
      {threads.length > 0 ? (
        <>
          <OrderLinks paperId={paperId} order={order} />
          <ol class="comments">
            {threads.map((node) => (
              <CommentItem node={node} depth={0} discussion={discussion} viewer={viewer} />
            ))}
          </ol>
        </>
      ) : (
        <p class="comments-empty">No comments yet. Questions, corrections and related work are welcome here.</p>
      )}
    </section>
  )
}

function NewComment({ paperId, viewer }: { paperId: string; viewer: Viewer | null }) {
  if (!viewer) {
    return (
      <p class="comment-signin">
        <a href={loginPath(`${discussionPath(paperId)}`)}>Log in to comment</a> on this paper.
      </p>
    )
  }
  if (!viewer.emailVerified) {
    return (
      <p class="comment-signin">Confirm your email address to comment: open the link we sent you when you signed up.</p>
    )
  }
  return <CommentForm action={paperCommentsPath(paperId)} id="new-comment" label="Add a comment" button="Comment" />
}

interface CommentFormProps {
  action: string
  /** The textarea's id (each form on the page has its own). */
  id: string
  label: string
  button: string
  value?: string
  parent?: number
}

function CommentForm({ action, id, label, button, value, parent }: CommentFormProps) {
  return (
    <form method="post" action={action} class="comment-form">
      <CsrfField />
      {parent !== undefined && <input type="hidden" name="parent" value={String(parent)} />}
      <div class="field">
        <label for={id}>{label}</label>
        <textarea id={id} name="body" rows={4} required maxlength={MAX_COMMENT_LENGTH} aria-describedby={`${id}-hint`}>
          {value ?? ''}
        </textarea>
        <p class="field-hint" id={`${id}-hint`}>
          {MARKDOWN_HINT}
        </p>
      </div>
      <button type="submit">{button}</button>
    </form>
  )
}

function OrderLinks({ paperId, order }: { paperId: string; order: CommentOrder }) {
  return (
    <nav class="comment-orders" aria-label="Order of comments">
      <span>Order:</span>
      {COMMENT_ORDERS.map((o) => (
        <a
          href={discussionPath(paperId, o === DEFAULT_COMMENT_ORDER ? undefined : o)}
          aria-current={o === order ? 'true' : undefined}
        >
          {ORDER_NAMES[o]}
          {o === DEFAULT_COMMENT_ORDER && ' (default)'}
        </a>
      ))}
    </nav>
  )
}

interface ItemProps {
  node: ThreadNode
  depth: number
  discussion: Discussion
  viewer: Viewer | null
  /** Who the parent is, for replies shown below the nesting limit. */
  answers?: { id: number; name: string }
}

function CommentItem({ node, depth, discussion, viewer, answers }: ItemProps) {
  const c = node.comment
  const isAdmin = viewer?.role === 'admin'
  const name = c.author ? c.author.displayName : '[deleted]'
  const deepest = depth + 1 >= MAX_SHOWN_DEPTH
  return (
    <li class="comment" id={commentAnchor(c.id)}>
      <div class="comment-head">
        {c.author && !c.deletedAt ? (
          <>
            <img class="avatar" src={avatarPath(c.author.username)} alt="" width={24} height={24} />
            <a class="comment-author" href={profilePath(c.author.username)}>
              {c.author.displayName}
            </a>
          </>
        ) : (
          <span class="comment-author">[deleted]</span>
        )}
        <a class="comment-time" href={`#${commentAnchor(c.id)}`}>
          <time datetime={c.createdAt} title={formatExact(c.createdAt)}>
            {formatAgo(c.createdAt, discussion.now)}
          </time>
        </a>
        {c.editedAt && !c.deletedAt && <span class="comment-note">edited</span>}
        {answers && (
          <span class="comment-note">
            replying to <a href={`#${commentAnchor(answers.id)}`}>{answers.name}</a>
          </span>
        )}
      </div>
      <CommentBody node={node} isAdmin={isAdmin} />
      {viewer && <CommentActions node={node} viewer={viewer} now={discussion.now} />}
      {node.replies.length > 0 && (
        <ol class={deepest ? 'comments replies flat' : 'comments replies'} aria-label={`Replies to ${name}`}>
          {node.replies.map((reply) => (
            <CommentItem
              node={reply}
              depth={depth + 1}
              discussion={discussion}
              viewer={viewer}
              answers={depth + 1 >= MAX_SHOWN_DEPTH ? { id: c.id, name } : undefined}
            />
          ))}
        </ol>
      )}
    </li>
  )
}

function CommentBody({ node, isAdmin }: { node: ThreadNode; isAdmin: boolean }) {
  const c = node.comment
  if (c.deletedAt) return <p class="comment-body comment-gone">[comment deleted]</p>
  if (c.hiddenAt && !isAdmin) return <p class="comment-body comment-gone">[hidden by a moderator]</p>
  return (
    <div class="comment-body">
      {c.hiddenAt && <p class="comment-hidden-note">Hidden by a moderator: only admins see this text.</p>}
      {raw(renderCommentMarkdown(c.body))}
    </div>
  )
}

function CommentActions({ node, viewer, now }: { node: ThreadNode; viewer: Viewer; now: number }) {
  const c = node.comment
  const canReply = viewer.emailVerified && !c.deletedAt && !c.hiddenAt
  const editable = canEdit(c, viewer.id, now)
  const deletable = canDelete(c, viewer.id)
  const moderates = viewer.role === 'admin' && !c.deletedAt
  if (!canReply && !editable && !deletable && !moderates) return null
  return (
    <div class="comment-actions">
      {moderates && (
        <CommentModeration commentId={c.id} paperPath={paperPath(c.paperId)} hidden={c.hiddenAt !== null} />
      )}
      {canReply && (
        <details>
          <summary>Reply</summary>
          <CommentForm
            action={paperCommentsPath(c.paperId)}
            id={`reply-${c.id}`}
            label={`Reply to ${c.author?.displayName ?? '[deleted]'}`}
            button="Reply"
            parent={c.id}
          />
        </details>
      )}
      {editable && (
        <details>
          <summary>Edit</summary>
          <CommentForm
            action={editCommentPath(c.id)}
            id={`edit-${c.id}`}
            label="Edit your comment (for 15 minutes after posting)"
            button="Save"
            value={c.body}
          />
        </details>
      )}
      {deletable && (
        <details>
          <summary>Delete</summary>
          <form method="post" action={deleteCommentPath(c.id)} class="comment-delete">
            <CsrfField />
            <p>The text will be removed for good; replies stay.</p>
            <button type="submit" class="secondary">
              Delete this comment
            </button>
          </form>
        </details>
      )}
    </div>
  )
}
