/**
 * A phone as dialled, to tell whether two are one number: digits only, China's +86 before a
 * mobile dropped. "137 0000 1111", "+86 137-0000-1111" and 13700001111 are one number (typed
 * with spaces, the same resident was saved twice with no question asked). Without digits ("无")
 * the text itself, so only the same words match. Shared by New resident's page and server.
 */
export function phoneKey(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits === '' ? phone.trim() : digits.replace(/^86(?=1\d{10}$)/, '');
}
