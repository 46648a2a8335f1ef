/** What every page needs to know about the site it is rendered for. */
export interface Site {
  name: string
  baseUrl: string
  assets: { css: string; js: string }
}
