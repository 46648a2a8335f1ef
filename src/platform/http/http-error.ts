/** The one way a handler says "the request was wrong": status, a message for the user, a cause. */
export class HttpError extends Error {
  /** Sent with the error response, e.g. `Retry-After` on a 429 or 503. */
  readonly headers: Readonly<Record<string, string>>

  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 429 | 503,
    message: string,
    options?: { cause?: unknown; headers?: Record<string, string> },
  ) {
    super(message, options)
    this.headers = options?.headers ?? {}
  }
}

export const badRequest = (message: string) => new HttpError(400, message)
export const notFound = (message: string) => new HttpError(404, message)
