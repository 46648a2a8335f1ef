import { paperPath } from '../../papers/paths.js'

/** The form's address; old arXiv ids keep their slash, as on the paper page. */
export const VOTE_ROUTE = '/papers/:id{.+}/vote'
export const API_VOTE_ROUTE = '/api/v1/papers/:id{.+}/vote'

export const votePath = (paperId: string) => `${paperPath(paperId)}/vote`
