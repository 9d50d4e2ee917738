/**
 * Errors Google's services raise, told apart by the words in their message so that a sidebar
 * can say in the sheet's language what happened and what to do next. The English wording is
 * what Apps Script and the Sheets API report (and the users' reports quote); a few also come
 * translated, so the stable parts (codes, HTTP status) are matched too.
 *
 * - Several Google accounts signed in at once: google.script.run fails with PERMISSION_DENIED
 *   ("a server error occurred while reading from storage"); it works in a private window or
 *   with one account (reported: theappsscriptlab.com, "The Multi-Account Trap").
 * - Authorization: "Authorization is required to perform that action." (a sidebar opened
 *   before the script was authorised, or after new scopes).
 * - Quota: "Service invoked too many times …", the Sheets API's HTTP 429 "Quota exceeded for
 *   quota metric …" (RESOURCE_EXHAUSTED). https://developers.google.com/sheets/api/limits
 *   Not Drive's "The user's Drive storage quota has been exceeded." (storageQuotaExceeded, as
 *   Drive's users quote it): a full Drive stays full a minute later, so it is said as it is.
 * - Timeout: "Exceeded maximum execution time" (6 minutes).
 *   https://developers.google.com/apps-script/guides/services/quotas#current_limitations
 * - A protected range: "You are trying to edit a protected cell or object. Please contact the
 *   spreadsheet owner to remove protection if you need to edit."
 * - The network: "NetworkError: Connection failure due to HTTP 0" in the page.
 * - Google's own passing faults: "We're sorry, a server error occurred. Please wait a bit and
 *   try again.", "Service Spreadsheets failed while accessing document with id …", the Sheets
 *   API's "Internal error encountered" (500) and "The service is currently unavailable" (503).
 *   Checked last: the multi-account failure above starts with the same words.
 */
export type GoogleErrorKind =
  | 'multipleAccounts'
  | 'authorization'
  | 'quota'
  | 'timeout'
  | 'protectedRange'
  | 'network'
  | 'serverError';

const PATTERNS: readonly (readonly [GoogleErrorKind, RegExp])[] = [
  ['multipleAccounts', /PERMISSION_DENIED|reading from storage/i],
  ['authorization', /authori[sz]ation (is )?required|需要授权|ScriptError: Authorization/i],
  [
    'quota',
    /(?<!storage )quota|too many times|rate limit|RESOURCE_EXHAUSTED|\b429\b|too many requests|Bandwidth quota/i,
  ],
  ['timeout', /exceeded maximum execution time|timed? ?out|deadline exceeded|超时/i],
  ['protectedRange', /protected (cell|object|range|sheet)|受保护/i],
  ['network', /NetworkError|network error|connection failure|HTTP 0\b|Failed to fetch|ERR_/i],
  ['serverError', /server error|failed while accessing|internal error|currently unavailable/i],
];

/** Which known Google failure a message reports; null for anything else. */
export function googleErrorKind(message: string): GoogleErrorKind | null {
  for (const [kind, pattern] of PATTERNS) if (pattern.test(message)) return kind;
  return null;
}
