import type { BrowserContext, Page } from 'playwright-core'

/**
 * Collects what a visitor's console would show as wrong: script errors, console errors and
 * Content-Security-Policy violations (an inline style or script the policy blocked).
 */
export async function watchProblems(context: BrowserContext, siteUrl: string): Promise<string[]> {
  const problems: string[] = []
  const origin = new URL(siteUrl).origin
  // Init scripts run outside the page's CSP, so this listener is not itself blocked.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`)
    })
  })
  context.on('page', (page) => watchPage(page, origin, problems))
  return problems
}

function watchPage(page: Page, origin: string, problems: string[]): void {
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    const source = message.location().url
    // Offline, thumbnails on Hugging Face's CDN fail by design, and an error page's own 4xx
    // status is logged as a failed load; neither is a fault of the page.
    const expected =
      message.text().startsWith('Failed to load resource') && (!source.startsWith(origin) || source === page.url())
    if (!expected) problems.push(`${page.url()}: ${message.text()}`)
  })
}
