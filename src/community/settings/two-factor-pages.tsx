import { type Context, Hono } from 'hono'
import type { Viewer } from '../../platform/http/viewer.js'
import { readForm, signedIn } from '../accounts/forms.js'
import { LOCKED_OUT, TWO_FACTOR_FAILURES } from '../accounts/limits.js'
import { NO_STORE } from '../accounts/views.js'
import { checkSecondFactor } from '../accounts/second-factor.js'
import { acceptedStep, newRecoveryCodes, newTotpSecret, otpauthUri } from '../accounts/two-factor.js'
import {
  acceptStep,
  disableTwoFactor,
  enableTwoFactor,
  startTwoFactor,
  twoFactorOf,
  unusedRecoveryCodes,
} from '../accounts/two-factor-store.js'
import type { CommunityDeps } from '../routes.js'
import { confirmPassword, WRONG_PASSWORD } from './reauth.js'
import { renderSettings } from './render.js'
import { RecoveryCodesPage, TwoFactorManagePage, TwoFactorSetupPage } from './two-factor-views.js'

const WRONG_CODE = 'That code is not right. Check that your phone’s clock is set automatically.'

/** Turning two-factor authentication on (secret, then a code, then recovery codes) and off. */
export function twoFactorPages(deps: CommunityDeps): Hono {
  const { db, site, now, limits } = deps
  const app = new Hono()
  const iso = () => new Date(now()).toISOString()
  const PAGE = '/settings/two-factor'

  /** A wrong code costs the same growing lockout as at log-in: this form must not be a faster oracle. */
  const checkCode = async (viewer: Viewer, code: string, check: () => Promise<boolean>) => {
    const key = `user:${viewer.id}`
    await limits.checkLockout(TWO_FACTOR_FAILURES, key, LOCKED_OUT)
    const ok = code !== '' && (await check())
    if (ok) await limits.clearFailures(TWO_FACTOR_FAILURES, key)
    else await limits.recordFailure(TWO_FACTOR_FAILURES, key)
    return ok
  }

  const manage = async (c: Context, viewer: Viewer, errors?: Record<string, string>) =>
    c.html(
      <TwoFactorManagePage site={site} recoveryCodesLeft={await unusedRecoveryCodes(db, viewer.id)} errors={errors} />,
      errors ? 400 : 200,
      NO_STORE,
    )
  const setup = (c: Context, viewer: Viewer, secret: string, error?: string) =>
    c.html(
      <TwoFactorSetupPage
        site={site}
        secret={secret}
        uri={otpauthUri(secret, site.name, viewer.username)}
        error={error}
      />,
      error ? 400 : 200,
      NO_STORE,
    )

  app.get(PAGE, async (c) => {
    const viewer = signedIn(c, PAGE)
    if (viewer instanceof Response) return viewer
    const twoFactor = await twoFactorOf(db, viewer.id)
    if (!twoFactor) return c.redirect('/settings#two-factor', 303)
    return twoFactor.enabled ? manage(c, viewer) : setup(c, viewer, twoFactor.secret)
  })

  app.post(`${PAGE}/start`, async (c) => {
    const viewer = signedIn(c, '/settings')
    if (viewer instanceof Response) return viewer
    const form = await readForm(c)
    if ((await twoFactorOf(db, viewer.id))?.enabled) return c.redirect(PAGE, 303)
    if (!(await confirmPassword(deps, viewer.id, form.password ?? '')))
      return renderSettings(c, deps, viewer, { errors: { 'two-factor-password': WRONG_PASSWORD } }, 400)
    await startTwoFactor(db, viewer.id, newTotpSecret(), iso())
    return c.redirect(PAGE, 303)
  })

  app.post(`${PAGE}/enable`, async (c) => {
    const viewer = signedIn(c, PAGE)
    if (viewer instanceof Response) return viewer
    const form = await readForm(c)
    const twoFactor = await twoFactorOf(db, viewer.id)
    if (!twoFactor) return c.redirect('/settings#two-factor', 303)
    if (twoFactor.enabled) return c.redirect(PAGE, 303)
    const ok = await checkCode(viewer, form.code ?? '', async () => {
      const step = acceptedStep(twoFactor.secret, form.code ?? '', now(), twoFactor.lastStep)
      return step !== null && acceptStep(db, viewer.id, step)
    })
    if (!ok) return setup(c, viewer, twoFactor.secret, WRONG_CODE)
    const codes = newRecoveryCodes()
    await enableTwoFactor(db, viewer.id, codes, iso())
    return c.html(<RecoveryCodesPage site={site} codes={codes} fresh />, 200, NO_STORE)
  })

  app.post(`${PAGE}/recovery-codes`, async (c) => {
    const viewer = signedIn(c, PAGE)
    if (viewer instanceof Response) return viewer
    const form = await readForm(c)
    if (!(await twoFactorOf(db, viewer.id))?.enabled) return c.redirect('/settings#two-factor', 303)
    const ok = await checkCode(viewer, form.code ?? '', () => checkSecondFactor(db, viewer.id, form.code ?? '', now()))
    if (!ok) return manage(c, viewer, { 'codes-code': WRONG_CODE })
    const codes = newRecoveryCodes()
    await enableTwoFactor(db, viewer.id, codes, iso())
    return c.html(<RecoveryCodesPage site={site} codes={codes} fresh={false} />, 200, NO_STORE)
  })

  app.post(`${PAGE}/disable`, async (c) => {
    const viewer = signedIn(c, PAGE)
    if (viewer instanceof Response) return viewer
    const form = await readForm(c)
    if (!(await twoFactorOf(db, viewer.id))?.enabled) return c.redirect('/settings#two-factor', 303)
    if (!(await confirmPassword(deps, viewer.id, form.password ?? '')))
      return manage(c, viewer, { 'disable-password': WRONG_PASSWORD })
    const ok = await checkCode(viewer, form.code ?? '', () => checkSecondFactor(db, viewer.id, form.code ?? '', now()))
    if (!ok) return manage(c, viewer, { 'disable-code': WRONG_CODE })
    await disableTwoFactor(db, viewer.id)
    return c.redirect('/settings?done=two-factor-off#two-factor', 303)
  })

  return app
}
