/** A small HTTP client for the API tests: keeps the session cookie like a browser would. */
export class ApiClient {
  private cookie?: string;
  private bearer?: string;
  readonly baseUrl: string;
  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  static async signedIn(baseUrl: string, email: string, password: string): Promise<ApiClient> {
    const client = new ApiClient(baseUrl);
    const response = await client.post('/api/v1/auth/login', { email, password });
    if (response.status !== 200)
      throw new Error(`login as ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
    return client;
  }

  withBearer(token: string): ApiClient {
    const client = new ApiClient(this.baseUrl);
    client.bearer = token;
    return client;
  }

  async request(
    method: string,
    path: string,
    options: { json?: unknown; text?: string; bytes?: Uint8Array; contentType?: string } = {},
  ) {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    let body: string | Uint8Array<ArrayBuffer> | undefined;
    if (options.bytes !== undefined) {
      // A file as a spreadsheet saved it: its bytes, whatever their encoding.
      headers['content-type'] = options.contentType ?? 'text/csv';
      body = options.bytes as Uint8Array<ArrayBuffer>;
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.text !== undefined) {
      headers['content-type'] = options.contentType ?? 'text/csv';
      body = options.text;
    }
    const send = () => fetch(this.baseUrl + path, { method, headers, body, redirect: 'manual' });
    // The server closes idle keep-alive sockets after 5 s; a request that races that close is
    // sent again once, as a browser would.
    const response = await send().catch((error: { cause?: { code?: string } }) => {
      if (error.cause?.code === 'UND_ERR_SOCKET' || error.cause?.code === 'ECONNRESET') return send();
      throw error;
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie?.startsWith('tejido_session=')) {
      const value = setCookie.split(';')[0] ?? '';
      this.cookie = value.endsWith('=') || /expires=Thu, 01 Jan 1970/i.test(setCookie) ? undefined : value;
    }
    const type = response.headers.get('content-type') ?? '';
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      body: type.includes('json') ? (JSON.parse(text) as any) : undefined,
    };
  }

  get(path: string) {
    return this.request('GET', path);
  }
  post(path: string, json?: unknown) {
    return this.request('POST', path, json === undefined ? {} : { json });
  }
}
