import type { Db } from '../../platform/db/connect.js'
import { loadDemo, removeDemo } from './demo-set.js'

/** `paperboy demo load`: one line saying what happened; repeating it is harmless. */
export async function demoLoadCommand(db: Db, today: string): Promise<void> {
  const outcome = await loadDemo(db, today)
  switch (outcome.status) {
    case 'loaded':
      console.log(
        `Loaded the demo set: ${outcome.papers} papers featured on ${outcome.day} (${outcome.added} new to the catalog).`,
      )
      return
    case 'already':
      console.log(`The demo set is already loaded (featured on ${outcome.day}); nothing to do.`)
      return
    case 'real-data':
      // Loaded beside real days it would step aside at the next import anyway: refuse plainly.
      throw new Error('the catalog already has real featured papers; the demo set is only for a site without them')
  }
}

/** `paperboy demo remove`: one line saying what happened; repeating it is harmless. */
export async function demoRemoveCommand(db: Db): Promise<void> {
  const removal = await removeDemo(db)
  if (!removal) {
    console.log('The demo set is not loaded; nothing to remove.')
    return
  }
  const kept = removal.kept > 0 ? `; ${removal.kept} stay, featured by a real source too` : ''
  console.log(`Removed the demo set: ${removal.deleted} demo papers deleted${kept}.`)
}
