import { fileURLToPath } from 'node:url'

/** Where the tests find what they need; each can be overridden from the environment. */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
/** Runs the W3C Nu Html Checker (Debian: default-jre-headless). */
export const JAVA_PATH = process.env.JAVA_PATH ?? '/usr/bin/java'
export const SPAMASSASSIN_PATH = process.env.SPAMASSASSIN_PATH ?? '/usr/bin/spamassassin'
/** ../shared from the project root: recorded responses, used in place and never copied. */
export const SHARED = process.env.TEST_SHARED_DIR ?? fileURLToPath(new URL('../../../shared/', import.meta.url))
export const HF_DAILY_DIR = `${SHARED}data/hf-daily-papers`
