import { describe, expect, it } from 'vitest'
import { deviceOf } from './device.js'

describe('a session’s device', () => {
  it('names the browser and system of common user agents', () => {
    const cases: [string, string][] = [
      ['Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox on Linux'],
      [
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0',
        'Edge on Windows',
      ],
      [
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
        'Safari on iOS',
      ],
      [
        'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36',
        'Chrome on Android',
      ],
      [
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
        'Safari on macOS',
      ],
    ]
    for (const [ua, device] of cases) expect(deviceOf(ua)).toBe(device)
  })

  it('says so when it cannot tell', () => {
    expect(deviceOf(null)).toBe('Unknown device')
    expect(deviceOf('')).toBe('Unknown device')
    expect(deviceOf('SomeBot/1.0')).toBe('Unknown device')
  })
})
