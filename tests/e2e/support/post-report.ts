import type { RunningDemo } from '../../../scripts/demo-process';

/** Files a citizen's dispute report through the hub's ingest API, as the QR-code form would; returns the status. */
export async function postReport(
  demo: RunningDemo,
  report: { title: string; jurisdictionCode: string; location: readonly number[]; address: string },
): Promise<number> {
  const response = await fetch(`${demo.hubUrl}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${demo.ingestKey}` },
    body: JSON.stringify({
      reports: [
        {
          id: `e2e-${Date.now()}`,
          source: 'citizen-qr',
          kind: 'dispute',
          category: 'neighbourhood',
          ...report,
        },
      ],
    }),
  });
  return response.status;
}
