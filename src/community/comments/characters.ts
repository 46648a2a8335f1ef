/** What no one types: characters a comment refuses (body.ts) and the renderer replaces (markdown.ts). */

/** NUL (PostgreSQL cannot store it) and the other control characters but tab and newline. */
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000b-\u001f\u007f]/
/** Half of a UTF-16 surrogate pair without its other half. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
