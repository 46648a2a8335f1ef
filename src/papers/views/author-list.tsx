import { authorPath } from '../../authors/paths.js'

/** Longer lists fold after FOLDED_SHOWN names, so a consortium paper's abstract stays in reach. */
const MAX_UNFOLDED_AUTHORS = 30
const FOLDED_SHOWN = 20

/** An author as the paper page lists them; `profile` when a member's claim to be them was approved. */
export interface ListedAuthor {
  name: string
  profile?: string
}

/** A paper page's full author list; long ones open with a <details>, which needs no script. */
export function AuthorList({ authors }: { authors: ListedAuthor[] }) {
  if (authors.length === 0) return null
  if (authors.length <= MAX_UNFOLDED_AUTHORS) {
    return (
      <p class="authors" id="authors">
        <Names authors={authors} />
      </p>
    )
  }
  const rest = authors.slice(FOLDED_SHOWN)
  return (
    <div class="authors" id="authors">
      <p>
        <Names authors={authors.slice(0, FOLDED_SHOWN)} last="," />
      </p>
      <details>
        <summary>and {rest.length} more authors</summary>
        <p>
          <Names authors={rest} />
        </p>
      </details>
    </div>
  )
}

/**
 * "A, B and C" (display.ts's joinNames), each name linked to its author page, or a claimed name to
 * its member's profile; `last` ends a cut list.
 */
function Names({ authors, last }: { authors: ListedAuthor[]; last?: string }) {
  return (
    <>
      {authors.map((a, i) => (
        <>
          {i > 0 && (last === undefined && i === authors.length - 1 ? ' and ' : ', ')}
          {a.profile ? (
            <a class="claimed-author" href={a.profile}>
              {a.name}
            </a>
          ) : (
            <a href={authorPath(a.name)}>{a.name}</a>
          )}
        </>
      ))}
      {last}
    </>
  )
}
