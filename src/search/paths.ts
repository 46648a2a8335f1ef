/** Search's addresses, declared once for its routes and its links. */
export const SEARCH_PATH = '/search'
/** Hugging Face's search address; without `q` it stays the daily list (papers/pages.tsx). */
export const PAPERS_SEARCH_PATH = '/papers'
export const HELP_PATH = '/search/help'
export const HF_SEARCH_API = '/api/papers/search'
export const V1_SEARCH_API = '/api/v1/search'
