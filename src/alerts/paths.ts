/** The one-click page and POST that stop one follow's alert emails (signed link, no login). */
export const ALERT_UNSUBSCRIBE_PATH = '/alerts/unsubscribe'
/** Where members manage every follow and its alerts (the follows feature's settings page). */
export const MANAGE_FOLLOWS_PATH = '/settings/follows'
