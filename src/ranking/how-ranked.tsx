import { type RankedList, rankingPath } from './paths.js'

/** "How is this ranked?": every ranked list links to the formula that orders it. */
export function HowRanked({ list }: { list: RankedList }) {
  return (
    <a class="how-ranked" href={rankingPath(list)}>
      How is this ranked?
    </a>
  )
}
