import type { SimilarPaper } from '../../search/model.js'
import { HowRanked } from '../../ranking/how-ranked.js'
import { paperPath } from '../paths.js'
import { TexText } from './tex-text.js'

/** The paper page's "Similar papers": each a link, and the key terms it shares as the reason. */
export function SimilarPapers({ similar }: { similar: SimilarPaper[] }) {
  if (similar.length === 0) return null
  return (
    <section class="similar" aria-labelledby="similar-papers">
      <h2 id="similar-papers">Similar papers</h2>
      <ol>
        {similar.map(({ paper, sharedTerms }) => (
          <li>
            <a href={paperPath(paper.id)}>
              <TexText text={paper.title} />
            </a>
            {sharedTerms.length > 0 && <p class="reason">Shares: {sharedTerms.join(', ')}</p>}
          </li>
        ))}
      </ol>
      <p class="reason">
        <HowRanked list="similar" />
      </p>
    </section>
  )
}
