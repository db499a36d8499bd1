/** What a run has done so far, for the periodic log line and for callers. */
export interface SimulatorStats {
  /** Simulated seconds since the start, and the simulated day and time ("第1天 10:32"). */
  simSeconds: number;
  simTime: string;
  realSeconds: number;
  reportsSent: number;
  alarmsSent: number;
  /** Incidents the hub opened for the simulator's reports and alarms. */
  incidentsOpened: number;
  /** Incidents seen closing on the stream. */
  incidentsClosed: number;
  /** Incidents whose planned handling is still going on. */
  incidentsInHand: number;
  commandsAccepted: number;
  /** Refusals by code, `unanswered` included. */
  commandsRefused: Record<string, number>;
  statusUpdatesSent: number;
  positionsSent: number;
  /** Events the hub streamed back, and their rate over the run. */
  eventsReceived: number;
  eventsPerSecond: number;
  rateLimited: number;
  retries: number;
  rejectedItems: number;
  droppedTelemetry: number;
  camerasOnlineShare: number;
}

export function emptyStats(): SimulatorStats {
  return {
    simSeconds: 0,
    simTime: '',
    realSeconds: 0,
    reportsSent: 0,
    alarmsSent: 0,
    incidentsOpened: 0,
    incidentsClosed: 0,
    incidentsInHand: 0,
    commandsAccepted: 0,
    commandsRefused: {},
    statusUpdatesSent: 0,
    positionsSent: 0,
    eventsReceived: 0,
    eventsPerSecond: 0,
    rateLimited: 0,
    retries: 0,
    rejectedItems: 0,
    droppedTelemetry: 0,
    camerasOnlineShare: 0,
  };
}

const count = (n: number) => n.toLocaleString('en-US');

export function summaryLine(stats: SimulatorStats): string {
  const refused = Object.values(stats.commandsRefused).reduce((a, b) => a + b, 0);
  const problems = [
    stats.rateLimited > 0 ? `${count(stats.rateLimited)} rate-limited` : '',
    stats.rejectedItems > 0 ? `${count(stats.rejectedItems)} rejected` : '',
    stats.droppedTelemetry > 0 ? `${count(stats.droppedTelemetry)} dropped` : '',
  ].filter(Boolean);
  return (
    `[${stats.simTime}] incidents ${count(stats.incidentsOpened)} opened, ${count(stats.incidentsClosed)} closed, ` +
    `${count(stats.incidentsInHand)} in hand · commands ${count(stats.commandsAccepted)} ok, ${count(refused)} refused · ` +
    `cameras ${count(stats.statusUpdatesSent)} changes (${(stats.camerasOnlineShare * 100).toFixed(1)}% online) · ` +
    `positions ${count(stats.positionsSent)} · stream ${Math.round(stats.eventsPerSecond)} ev/s` +
    (problems.length > 0 ? ` · ${problems.join(', ')}` : '')
  );
}
