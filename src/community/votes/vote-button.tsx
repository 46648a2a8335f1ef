import { formatCount } from '../../platform/views/format.js'
import { CsrfField } from '../../platform/views/form.js'
import { votePath } from './paths.js'

interface VoteButtonProps {
  paperId: string
  upvotes: number
  /** Whether the signed-in reader votes for it (always false for an anonymous reader). */
  voted: boolean
  /** The page to come back to after voting (or after logging in to vote). */
  back: string
  /** The paper page's larger button, with its word. */
  large?: boolean
}

/**
 * The upvote button: a real form, so it works without JavaScript (the form sends the state it
 * asks for, `up` or `none`, so a double submit is harmless); app.js sends it with fetch and
 * updates it in place. An anonymous reader's click leads to log-in and back to `back`. The button's
 * name, its text, says the action and the count ("Upvote 12 upvotes"; a card shows only the
 * number); aria-pressed says whether the reader's vote is in.
 */
export function VoteButton({ paperId, upvotes, voted, back, large }: VoteButtonProps) {
  return (
    <form method="post" action={votePath(paperId)} class={large ? 'vote-form large' : 'vote-form'} data-vote>
      <CsrfField />
      <input type="hidden" name="vote" value={voted ? 'none' : 'up'} />
      <input type="hidden" name="next" value={back} />
      <button
        type="submit"
        class="vote-button"
        aria-pressed={voted ? 'true' : 'false'}
        title={voted ? 'Remove your upvote' : 'Upvote'}
      >
        <span class="arrow" aria-hidden="true">
          ▲
        </span>
        {/* The name is the text, "Upvote 12 upvotes", of which a card shows only the number. */}
        <span class={large ? 'vote-word' : 'visually-hidden'}>Upvote</span>{' '}
        <span class="vote-count">{formatCount(upvotes)}</span>
        <span class="visually-hidden vote-unit">{upvotes === 1 ? ' upvote' : ' upvotes'}</span>
      </button>
    </form>
  )
}
