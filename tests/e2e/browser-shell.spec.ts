import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * `npm start` as an operator runs it: an embedded hub with the Dali region and the simulator, and the
 * browser shell signed in as the demo operator.
 */
let demo: ChildProcess;
let shellUrl: string;
let hubUrl: string;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pingan-demo-'));
  const hubPort = String(7400 + Math.floor(Math.random() * 500));
  demo = spawn(
    process.execPath,
    ['bin/pingan.js', 'start', '--no-open', '--data', dataDir, '--hub-port', hubPort, '--speed', '120'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  [shellUrl, hubUrl] = await new Promise<[string, string]>((resolve, reject) => {
    let output = '';
    demo.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const shell = /^Open: (\S+)$/m.exec(output);
      const hub = /^Hub for .* on (\S+)$/m.exec(output);
      if (shell && hub) resolve([shell[1]!, hub[1]!]);
    });
    demo.once('exit', (code) => reject(new Error(`pingan start exited with ${code}: ${output}`)));
  });
});

test.afterAll(() => {
  demo.kill('SIGINT');
});

test('the demo opens signed in, with live data that a new report reaches within seconds', async ({
  page,
}) => {
  const foreignRequests: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).hostname !== '127.0.0.1') foreignRequests.push(request.url());
  });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(shellUrl);

  await expect(page.getByTestId('status-connection')).toContainText('已连接', { timeout: 30_000 });
  await expect(page.getByTestId('status-operator')).toContainText('duty');
  await expect(page.getByTestId('status-operator')).toContainText('大理白族自治州');
  await expect(page.getByTestId('kpi-online')).toContainText('%', { timeout: 30_000 });
  await expect(page.getByTestId('kpi-online')).toContainText('146,512');
  // The wall map's first read of ~150,000 points is the one heavy moment of a start: let it finish.
  await expect(page.getByTestId('layer-count-monitoring-points')).toHaveText('146,512', { timeout: 60_000 });

  const { simulator } = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as {
    simulator: { apiKey: string };
  };
  const title = `端到端测试纠纷 ${Date.now()}`;
  const response = await fetch(`${hubUrl}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${simulator.apiKey}` },
    body: JSON.stringify({
      reports: [
        {
          id: `e2e-${Date.now()}`,
          source: 'citizen-qr',
          kind: 'dispute',
          category: 'neighbourhood',
          title,
          jurisdictionCode: '532901003001',
          location: [100.2289, 25.5946],
          address: '大理市下关',
        },
      ],
    }),
  });
  expect(response.status).toBe(201);
  await expect(page.getByTestId('incident-row').filter({ hasText: title })).toBeVisible({ timeout: 5_000 });

  await page.getByTestId('language-switch').click();
  await expect(page.getByTestId('status-connection')).toContainText('Connected');
  await expect(page.getByRole('heading', { name: 'Dali Bai Autonomous Prefecture' })).toBeVisible();
  expect(foreignRequests).toEqual([]);
});

test('the browser shell refuses a page that lacks its token', async ({ page }) => {
  await page.goto(new URL('/', shellUrl).href);
  await expect(page.getByText(/token/).first()).toBeVisible();
});
