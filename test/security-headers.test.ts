import { afterAll, beforeAll, expect, it } from 'vitest'
import { FormBrowser, accountApp } from './support/account-site.js'
import { signedInUser, TEST_PASSWORD } from './support/accounts.js'
import { describeEachDatabase } from './support/db.js'
import { type SmtpSink, startSmtpSink } from './support/smtp.js'

const PAGES = ['/', '/signup', '/login', '/account/reset', '/settings', '/settings/two-factor']

describeEachDatabase('security headers and cookies', (db) => {
  let smtp: SmtpSink
  beforeAll(async () => {
    smtp = await startSmtpSink()
    await signedInUser(db(), 'ada')
  })
  afterAll(async () => {
    await smtp.close()
  })

  const site = (baseUrl: string) => accountApp(db(), { mailer: smtp.mailer, baseUrl })

  it('sends a strict Content-Security-Policy with no inline script and no framing, and a Referrer-Policy', async () => {
    const res = await site('https://papers.example.org').request('https://papers.example.org/login')
    const csp = res.headers.get('content-security-policy')!
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
        .map(([k, ...v]) => [k, v]),
    )
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('default-src')).toEqual(["'self'"])
    expect(directives.get('frame-ancestors')).toEqual(["'none'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toContain('unsafe-eval')
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('serves the account pages without inline script or event handlers, as the CSP demands', async () => {
    const b = new FormBrowser(site('https://papers.example.org'))
    await b.post('/login', { login: 'ada', password: TEST_PASSWORD })
    await b.post('/settings/two-factor/start', { password: TEST_PASSWORD })
    for (const path of PAGES) {
      const html = await (await b.get(path)).text()
      expect(html, path).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i)
      expect(html, path).not.toMatch(/\son[a-z]+=/i)
      expect(html, path).not.toMatch(/\sstyle=/i)
    }
  })

  it('sends HSTS only when the site is served over https', async () => {
    const https = await site('https://papers.example.org').request('https://papers.example.org/')
    expect(https.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/)
    const http = await site('http://localhost:8080').request('http://localhost:8080/')
    expect(http.headers.get('strict-transport-security')).toBeNull()
  })

  it('sets the session cookie HttpOnly and SameSite=Lax, and Secure behind https', async () => {
    const cookieOf = async (baseUrl: string) => {
      const res = await site(baseUrl).request(`${baseUrl}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl },
        body: new URLSearchParams({ login: 'ada', password: TEST_PASSWORD }).toString(),
      })
      expect(res.status).toBe(303)
      return res.headers.getSetCookie().find((c) => c.startsWith('paperboy_session='))!
    }
    const secure = await cookieOf('https://papers.example.org')
    expect(secure).toMatch(/; HttpOnly/)
    expect(secure).toMatch(/; SameSite=Lax/)
    expect(secure).toMatch(/; Secure/)
    expect(secure).toMatch(/; Path=\//)
    const plain = await cookieOf('http://localhost:8080')
    expect(plain).toMatch(/; HttpOnly/)
    expect(plain).toMatch(/; SameSite=Lax/)
    expect(plain).not.toMatch(/; Secure/)
  })
})
