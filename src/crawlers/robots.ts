/**
 * robots.txt (RFC 9309): every page may be crawled except the admin pages, which are not for the
 * public, and the API, whose JSON repeats what the pages show at a higher cost per request.
 * Search results are left crawlable: the page names /search as its canonical address.
 */
export function robotsTxt(baseUrl: string): string {
  return ['User-agent: *', 'Disallow: /admin/', 'Disallow: /api/', '', `Sitemap: ${baseUrl}/sitemap.xml`, ''].join('\n')
}
