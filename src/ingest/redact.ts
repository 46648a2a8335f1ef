import { basename } from 'node:path'

/**
 * Text about a run (its scope, its error) as a web page may show it: a URL becomes its host and
 * an absolute file path its file name, so the page never tells where the server keeps its files
 * or which internal mirror it reads. The CLI (`paperboy ingest status`) and the logs keep the
 * full text for the operator.
 */
export function redactLocations(text: string): string {
  return (
    text
      // A URL ends before trailing punctuation, as a reader would end it.
      .replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>()]*[^\s"'<>().,;:!?]/gi, (url) => {
        try {
          const parsed = new URL(url)
          return parsed.protocol === 'file:' ? basename(parsed.pathname) : parsed.host
        } catch {
          return '…'
        }
      })
      .replace(
        /(^|[\s'"(=:,])(\/[^\s'"()<>,]+)/g,
        (_, before: string, path: string) => before + (basename(path) || '/'),
      )
  )
}
