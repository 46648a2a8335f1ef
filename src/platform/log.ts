import pino, { type Logger } from 'pino'
import type { Config } from '../config.js'

/** JSON lines in production, readable lines when a person watches the terminal. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  const pretty = process.stdout.isTTY
  return pino({
    level: config.logLevel,
    redact: ['req.headers.cookie', 'req.headers.authorization', '*.password', '*.token'],
    ...(pretty && { transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname' } } }),
  })
}
