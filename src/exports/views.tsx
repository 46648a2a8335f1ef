import { EXPORT_FORMATS, type ExportFormat } from '../papers/citation/export.js'

/** Links to a list's papers (or one paper's entry) in each citation format. */
export function ExportLinks({ hrefOf, label }: { hrefOf: (format: ExportFormat) => string; label: string }) {
  return (
    <nav class="export-links" aria-label={label}>
      <span>Cite as</span>
      {(Object.keys(EXPORT_FORMATS) as ExportFormat[]).map((format) => (
        <a href={hrefOf(format)} download>
          {EXPORT_FORMATS[format].label}
        </a>
      ))}
    </nav>
  )
}

/** Where a list's export is: beside the list, keeping a search's parameters. */
export function listExportPath(listPath: string, format: ExportFormat): string {
  const [path, query] = listPath.split('?') as [string, string | undefined]
  return `${path.replace(/\/$/, '')}/export.${format}${query ? `?${query}` : ''}`
}
