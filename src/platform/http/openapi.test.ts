import { describe, expect, it } from 'vitest'
import { composeOpenApi } from './openapi.js'

const info = { title: 't', version: '1', description: 'd' }
const ok = { '200': { description: 'ok' } }

describe('composeOpenApi', () => {
  it('puts every feature’s paths and schemas in one document', () => {
    const doc = composeOpenApi(info, [
      { paths: { '/a': { get: { responses: ok } } }, schemas: { A: { type: 'object' } } },
      { paths: { '/b': { get: { responses: ok } } } },
    ]) as any
    expect(Object.keys(doc.paths)).toEqual(['/a', '/b'])
    expect(doc.components.schemas).toEqual({ A: { type: 'object' } })
    expect(doc.openapi).toBe('3.1.0')
  })

  it('gives every write operation the token scheme and its 401, and leaves reads open', () => {
    const doc = composeOpenApi(info, [
      { paths: { '/x': { get: { responses: ok }, post: { responses: ok }, delete: { responses: ok } } } },
    ]) as any
    expect(doc.paths['/x'].get.security).toBeUndefined()
    for (const method of ['post', 'delete']) {
      expect(doc.paths['/x'][method].security).toEqual([{ personalAccessToken: [] }])
      expect(Object.keys(doc.paths['/x'][method].responses)).toEqual(['200', '401'])
    }
    expect(doc.components.securitySchemes.personalAccessToken).toMatchObject({ type: 'http', scheme: 'bearer' })
  })

  it('refuses two features describing one path, rather than letting one silently win', () => {
    const part = { paths: { '/a': { get: { responses: ok } } } }
    expect(() => composeOpenApi(info, [part, part])).toThrow(/two features/)
  })
})
