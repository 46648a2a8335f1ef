import { Cron } from 'croner'

/** Whether `expression` is a cron expression croner accepts (for settings' validation). */
export function isCron(expression: string): boolean {
  try {
    new Cron(expression, { paused: true }).stop()
    return true
  } catch {
    return false
  }
}
