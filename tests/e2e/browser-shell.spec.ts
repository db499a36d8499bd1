import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';

let shell: ChildProcess;
let shellUrl: string;

test.beforeAll(async () => {
  shell = spawn(process.execPath, ['bin/pingan.js', 'start', '--no-open', '--region', 'dali'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  shellUrl = await new Promise<string>((resolve, reject) => {
    let output = '';
    shell.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^Open: (\S+)$/m.exec(output);
      if (match) resolve(match[1]!);
    });
    shell.once('exit', (code) => reject(new Error(`pingan start exited with ${code}: ${output}`)));
  });
});

test.afterAll(() => {
  shell.kill('SIGINT');
});

test('the browser shell shows the Dali jurisdiction in Chinese, then in English', async ({ page }) => {
  const foreignRequests: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).hostname !== '127.0.0.1') foreignRequests.push(request.url());
  });

  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(shellUrl);
  await expect(page.getByTestId('region-overview')).toBeVisible();
  await expect(page.getByRole('heading', { name: '大理白族自治州' })).toBeVisible();
  await expect(page.getByTestId('count-counties')).toContainText('12');
  await expect(page.getByTestId('count-townships')).toContainText('112');
  await expect(page.getByTestId('count-villages')).toContainText('1,159');
  await expect(page.getByRole('row')).toHaveCount(13);

  await page.getByTestId('language-switch').click();
  await expect(page.getByRole('heading', { name: 'Dali Bai Autonomous Prefecture' })).toBeVisible();
  await expect(page.getByTestId('count-villages')).toContainText('Villages');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  expect(foreignRequests).toEqual([]);
});

test('the browser shell refuses a page that lacks its token', async ({ page }) => {
  await page.goto(new URL('/', shellUrl).href);
  await expect(page.getByText(/token/)).toBeVisible();
});
