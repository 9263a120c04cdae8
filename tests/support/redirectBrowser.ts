/** A minimal browser for redirect flows: follows redirects across hosts, keeping each host's cookies. */
export class RedirectBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  /** The cookies this browser holds for a host, as a `Cookie` header. */
  cookieHeader(url: string): string {
    const jar = this.jars.get(new URL(url).host) ?? new Map();
    return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** One request (no redirect followed); stores the cookies it sets. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), Cookie: this.cookieHeader(url) },
    });
    const jar = this.jars.get(new URL(url).host) ?? new Map<string, string>();
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const [name = '', ...value] = pair.split('=');
      const expired = /max-age=0|expires=thu, 01 jan 1970/i.test(cookie);
      if (expired || value.join('=') === '') jar.delete(name.trim());
      else jar.set(name.trim(), value.join('='));
    }
    this.jars.set(new URL(url).host, jar);
    return response;
  }

  /** Follows redirects from `url` until a page answers, stopping early when `until` says so. */
  async follow(
    url: string,
    until: (url: string) => boolean = () => false,
  ): Promise<{ url: string; response: Response }> {
    let current = url;
    for (let hop = 0; hop < 20; hop += 1) {
      const response = await this.request(current);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { url: current, response };
      current = new URL(location, current).href;
      if (until(current)) return { url: current, response };
    }
    throw new Error(`too many redirects from ${url}`);
  }
}
