/** The few calls of the hub's HTTP API the benchmark makes. */

export interface PositionReport {
  id: string;
  forceId: string;
  lng: number;
  lat: number;
  at: string;
}

async function postJson(url: string, body: unknown, apiKey?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

export async function login(hubUrl: string, name: string, password: string): Promise<string> {
  const response = await postJson(`${hubUrl}/api/v1/auth/login`, { name, password });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

export async function headSeq(hubUrl: string): Promise<number> {
  const response = await fetch(`${hubUrl}/healthz`);
  if (response.status !== 200) throw new Error(`healthz failed: ${response.status}`);
  return ((await response.json()) as { seq: number }).seq;
}

/** The seqs the hub gave the stored events; throws with the hub's explanation when it refused the batch. */
export async function postPositions(
  hubUrl: string,
  apiKey: string,
  positions: readonly PositionReport[],
): Promise<number[]> {
  const response = await postJson(`${hubUrl}/api/v1/forces/positions`, { positions }, apiKey);
  if (response.status !== 201) throw new Error(`${response.status} ${await response.text()}`);
  return ((await response.json()) as { seqs: number[] }).seqs;
}
