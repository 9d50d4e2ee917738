/**
 * Google's failures told apart by their words. The wordings are Google's own, as Apps Script,
 * the Sheets API and Drive report them (sources in src/domain/googleErrors.ts).
 */
import { googleErrorKind } from '../../src/domain/googleErrors';

describe('googleErrorKind', () => {
  it.each([
    ['Service invoked too many times for one day: spreadsheets.', 'quota'],
    [
      "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute'",
      'quota',
    ],
    ['Exceeded maximum execution time', 'timeout'],
    ["We're sorry, a server error occurred. Please wait a bit and try again.", 'serverError'],
  ] as const)('%s is %s', (message, kind) => {
    expect(googleErrorKind(message)).toBe(kind);
  });

  // Drive's storageQuotaExceeded (e.g. googleapi: "Error 403: The user's Drive storage quota has
  // been exceeded., storageQuotaExceeded"). Told "Google is busy, try again in a minute", staff
  // would retry a Drive that stays full; unclassed, it is shown in Google's own words.
  it('a full Drive is not "Google is busy"', () => {
    expect(googleErrorKind("The user's Drive storage quota has been exceeded.")).toBeNull();
    expect(
      googleErrorKind(
        'Exception: The user\'s Drive storage quota has been exceeded. (line 12, file "Code")',
      ),
    ).toBeNull();
  });
});
