import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.js'

describe('settings', () => {
  it('has a default for everything', () => {
    expect(loadConfig({})).toMatchObject({
      port: 3000,
      databaseUrl: 'sqlite:./data/paperboy.db',
      baseUrl: 'http://localhost:3000',
      siteName: 'Paperboy',
      logLevel: 'info',
      accessLog: true,
    })
  })

  it('reads each variable', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://paperboy@db:5432/papers',
      BASE_URL: 'https://papers.example.org/',
      SITE_NAME: '  Lab Papers ',
      LOG_LEVEL: 'warn',
      ACCESS_LOG: 'false',
    })
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://paperboy@db:5432/papers',
      baseUrl: 'https://papers.example.org',
      siteName: 'Lab Papers',
      logLevel: 'warn',
      accessLog: false,
    })
  })

  it('puts the port into the default public address', () => {
    expect(loadConfig({ PORT: '8080' }).baseUrl).toBe('http://localhost:8080')
  })

  it('accepts postgresql:// and a SQLite path', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql://u@h/db' }).databaseUrl).toBe('postgresql://u@h/db')
    expect(loadConfig({ DATABASE_URL: 'sqlite:/var/lib/paperboy.db' }).databaseUrl).toBe('sqlite:/var/lib/paperboy.db')
  })

  it('is frozen', () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true)
  })

  describe('from a .env file', () => {
    const saved = { ...process.env }
    afterEach(() => {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k]
      Object.assign(process.env, saved)
    })

    it('fills the gaps, and the environment wins', () => {
      const envFile = join(mkdtempSync(join(tmpdir(), 'paperboy-env-')), '.env')
      writeFileSync(envFile, 'SITE_NAME=From The File\nPORT=1234\n')
      // Vitest itself sets BASE_URL=/ (Vite's base path); clear every setting but PORT.
      for (const k of ['SITE_NAME', 'BASE_URL', 'DATABASE_URL', 'LOG_LEVEL']) delete process.env[k]
      process.env.PORT = '4321'
      expect(loadConfig(process.env, envFile)).toMatchObject({ siteName: 'From The File', port: 4321 })
    })
  })

  it('ignores variables it does not know', () => {
    expect(loadConfig({ HOME: '/root', SECRET: 'x' })).toEqual(loadConfig({}))
  })

  // The ground floor: features read their own settings through readSettings, never the reverse.
  it('imports nothing from a feature', () => {
    const source = readFileSync(new URL('./config.ts', import.meta.url), 'utf8')
    const imported = [...source.matchAll(/^import .* from '([^']+)'/gm)].map((m) => m[1])
    expect(imported).toEqual(['node:fs', 'zod'])
  })
})

describe('a wrong setting', () => {
  const cases: [variable: string, value: string][] = [
    ['PORT', 'abc'],
    ['PORT', '0'],
    ['PORT', '65536'],
    ['PORT', '3000.5'],
    ['PORT', '-1'],
    ['DATABASE_URL', 'mysql://u@h/db'],
    ['DATABASE_URL', 'sqlite:'],
    ['DATABASE_URL', './data/paperboy.db'],
    ['DATABASE_URL', 'postgres://'],
    ['BASE_URL', 'ftp://papers.example.org'],
    ['BASE_URL', 'papers.example.org'],
    ['SITE_NAME', '   '],
    ['SITE_NAME', 'x'.repeat(81)],
    ['LOG_LEVEL', 'verbose'],
    ['ACCESS_LOG', 'yes'],
  ]

  it.each(cases)('stops the start with one line naming %s (%j)', (variable, value) => {
    let error: unknown
    try {
      loadConfig({ [variable]: value })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    const message = (error as ConfigError).message
    expect(message).toMatch(new RegExp(`^Invalid setting ${variable}: \\S`))
    expect(message).not.toContain('\n')
  })

  it('names the first wrong variable when several are wrong', () => {
    expect(() => loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud' })).toThrow(/^Invalid setting PORT: /)
  })
})
