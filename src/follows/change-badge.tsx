import { arxivAbsUrl, isArxivId } from '../papers/arxiv-id.js'
import { paperPath } from '../papers/paths.js'
import type { PaperChange } from './paper-change.js'

/** "New version v3" (to that version on arXiv) or "Withdrawn", beside a paper the reader knew. */
export function ChangeBadge({ paperId, change }: { paperId: string; change: PaperChange | null }) {
  if (!change) return null
  if (change.kind === 'withdrawn') return <span class="change-badge withdrawn">Withdrawn</span>
  const href = isArxivId(paperId) ? `${arxivAbsUrl(paperId)}v${change.version}` : paperPath(paperId)
  return (
    <a class="change-badge" href={href}>
      New version v{change.version}
    </a>
  )
}
