import { joinNames } from '../display.js'

/** Longer lists fold after FOLDED_SHOWN names, so a consortium paper's abstract stays in reach. */
const MAX_UNFOLDED_AUTHORS = 30
const FOLDED_SHOWN = 20

/** A paper page's full author list; long ones open with a <details>, which needs no script. */
export function AuthorList({ names }: { names: string[] }) {
  if (names.length === 0) return null
  if (names.length <= MAX_UNFOLDED_AUTHORS) return <p class="authors">{joinNames(names)}</p>
  const rest = names.slice(FOLDED_SHOWN)
  return (
    <div class="authors">
      <p>{names.slice(0, FOLDED_SHOWN).join(', ')},</p>
      <details>
        <summary>and {rest.length} more authors</summary>
        <p>{joinNames(rest)}</p>
      </details>
    </div>
  )
}
