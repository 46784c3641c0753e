/**
 * The browser host's defences as a browser meets them: the CSP on the page (and the app working
 * under it), Host and token checks, and hostile text shown as text.
 */
import { request } from 'node:http';
import { expect, test } from '../helpers/host-process';

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; frame-src 'none'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'";

function getWithHost(port: number, host: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: host }, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('the page is served with the CSP and runs under it without violations', async ({ page, dossier }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto(dossier.url);
  expect(response?.status()).toBe(200);
  const headers = response!.headers();
  expect(headers['content-security-policy']).toBe(CSP);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['cache-control']).toBe('no-store');
  await expect(page.getByRole('listbox', { name: 'Articles' }).getByRole('option').first()).toBeVisible();
  expect(violations).toEqual([]);
});

test('a request naming a foreign Host is refused (DNS rebinding)', async ({ dossier }) => {
  for (const host of [`evil.example:${dossier.port}`, 'evil.example', `127.0.0.1.nip.io:${dossier.port}`]) {
    const res = await getWithHost(dossier.port, host, '/');
    expect(res.status, host).toBe(403);
    expect(res.body).toBe('Forbidden host');
  }
  expect((await getWithHost(dossier.port, `localhost:${dossier.port}`, '/')).status).toBe(200);
});

test('the API refuses calls without the token, even from the page itself', async ({ page, dossier }) => {
  await page.goto(dossier.url);
  const answers = await page.evaluate(async () => {
    const call = async (headers: Record<string, string>) => {
      const res = await fetch('/api/call', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ method: 'articles.list', input: {} }),
      });
      return { status: res.status, body: (await res.json()) as { ok: boolean; error?: { code: string } } };
    };
    return [await call({}), await call({ 'X-Dossier-Token': 'guessed-token-0000000000' })];
  });
  for (const answer of answers) {
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  }
  const events = await fetch(`${dossier.origin}/api/events`);
  expect(events.status).toBe(401);
});

test('imported markup is shown as literal text: no script runs, no element is created', async ({ page, dossier }) => {
  const hostile = [
    '<script>alert(1)</script> Council minutes',
    '',
    'The minutes quote <img src=x onerror="window.__pwned = true; alert(2)"> verbatim.',
    'And a link: <a href="javascript:alert(3)">click</a> and <iframe src="https://evil.example"></iframe>.',
    '',
  ].join('\n');
  const [result] = await dossier.call('articles.import', {
    files: [{ name: 'hostile.txt', dataBase64: Buffer.from(hostile, 'utf8').toString('base64') }],
  });
  expect(result?.status).toBe('imported');
  const title = result!.title!;

  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(dossier.url);
  const option = page.getByRole('listbox', { name: 'Articles' }).getByRole('option', { name: title });
  await expect(option).toBeVisible();
  await option.click();
  const reader = page.getByRole('main', { name: 'Reader' });
  await expect(reader).toContainText('<img src=x onerror="window.__pwned = true; alert(2)">');
  await expect(reader).toContainText('<a href="javascript:alert(3)">click</a>');
  await expect(reader).toContainText('<script>alert(1)</script>');

  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('iframe')).toHaveCount(0);
  await expect(page.locator('a[href^="javascript:"]')).toHaveCount(0);
  await expect(reader.locator('script')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
});
