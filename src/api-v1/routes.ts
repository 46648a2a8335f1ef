import { Hono } from 'hono'
import { openApiDocument } from './openapi.js'

export const OPENAPI_PATH = '/api/v1/openapi.json'

/** Serves the API's description; the routes it describes belong to their features. */
export function apiV1Routes(): Hono {
  const app = new Hono()
  app.get(OPENAPI_PATH, (c) => c.json(openApiDocument))
  return app
}
