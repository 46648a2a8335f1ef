/** The one way a handler says "the request was wrong": status, a message for the user, a cause. */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 405 | 409 | 413 | 429,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

export const badRequest = (message: string) => new HttpError(400, message)
export const notFound = (message: string) => new HttpError(404, message)
