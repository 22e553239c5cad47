/**
 * The response's `Set-Cookie` lines, one per cookie. Tests run on Node, whose `Headers` has
 * `getSetCookie()`; their program is typed with @cloudflare/workers-types (the Worker's code is
 * in it), whose `Headers` for our compatibility date does not declare it.
 */
export function setCookieLines(res: Response): string[] {
  return (res.headers as unknown as { getSetCookie(): string[] }).getSetCookie();
}
