/** The admin token the benchmarks start their Confab servers with. */
export const ADMIN_TOKEN = 'bench-admin-token-0123456789';

/** POSTs `body` as JSON with `token` as the bearer credential; a non-2xx answer rejects. */
export async function postJson<T = unknown>(url: string, token: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
