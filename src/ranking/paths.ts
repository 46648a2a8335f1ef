/** The page that states every ranked list's formula, and the part of it about each list. */
export const RANKING_PATH = '/about/ranking'

export const RANKED_LISTS = ['daily', 'trending', 'search', 'similar', 'digest', 'category'] as const
export type RankedList = (typeof RANKED_LISTS)[number]

export const rankingPath = (list: RankedList) => `${RANKING_PATH}#${list}`
