/**
 * Sitemaps as the protocol writes them (https://www.sitemaps.org/protocol.html): a sitemap index
 * that points at sitemaps, and sitemaps that list page URLs. Values in, text out.
 */

export interface SitemapEntry {
  /** An absolute URL. */
  loc: string
  /** ISO-8601, which is one of the W3C Datetime forms the protocol asks for. */
  lastmod?: string
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
const NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9'

export function renderSitemapIndex(sitemaps: SitemapEntry[]): string {
  return render('sitemapindex', 'sitemap', sitemaps)
}

export function renderUrlSet(urls: SitemapEntry[]): string {
  return render('urlset', 'url', urls)
}

function render(root: string, item: string, entries: SitemapEntry[]): string {
  const lines = [XML_DECLARATION, `<${root} xmlns="${NAMESPACE}">`]
  for (const { loc, lastmod } of entries) {
    const stamp = lastmod ? `<lastmod>${lastmod}</lastmod>` : ''
    lines.push(`<${item}><loc>${escapeXml(loc)}</loc>${stamp}</${item}>`)
  }
  lines.push(`</${root}>`, '')
  return lines.join('\n')
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
