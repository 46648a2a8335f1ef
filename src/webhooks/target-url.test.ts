import { describe, expect, it } from 'vitest'
import { isInternalAddress } from './address.js'
import { parseTargetUrl } from './target-url.js'

describe('webhook addresses', () => {
  it('takes http(s) addresses and drops the fragment', () => {
    expect(parseTargetUrl(' https://hooks.slack.com/services/T0/B0/x#frag ', false)).toEqual({
      url: 'https://hooks.slack.com/services/T0/B0/x',
    })
  })

  it('refuses other schemes, credentials, control characters, 10 KB and internal addresses', () => {
    for (const bad of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'ftp://example.org/',
      'https://user:pass@example.org/hook',
      'https://example.org/\u0000',
      `https://example.org/${'a'.repeat(10_000)}`,
      'not a url',
      '',
      'http://127.0.0.1:8080/',
      'http://[::1]/',
      'http://169.254.169.254/latest/meta-data',
      'http://10.1.2.3/',
      'http://0x7f.1/',
      'http://localhost:3000/',
      'http://[::ffff:127.0.0.1]/',
    ])
      expect(parseTargetUrl(bad, false), bad).toHaveProperty('error')
  })

  it('takes internal addresses when the site allows them', () => {
    expect(parseTargetUrl('http://127.0.0.1:8080/hook', true)).toEqual({ url: 'http://127.0.0.1:8080/hook' })
  })

  it('knows internal addresses from public ones', () => {
    for (const a of [
      '127.0.0.1',
      '10.0.0.1',
      '192.168.1.1',
      '172.16.0.1',
      '::1',
      'fd00::1',
      'fe80::1',
      '::ffff:10.0.0.1',
    ])
      expect(isInternalAddress(a), a).toBe(true)
    for (const a of ['8.8.8.8', '140.82.112.3', '2606:4700::1111']) expect(isInternalAddress(a), a).toBe(false)
  })
})
