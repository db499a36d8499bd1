import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The hub's Prometheus metrics, one registry per hub so several hubs can live in one test process. */
export function createHubMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'pingan_hub_' });
  return {
    registry,
    clients: new Gauge({
      name: 'pingan_hub_clients',
      help: 'Connected live-stream clients',
      registers: [registry],
    }),
    eventsAppended: new Counter({
      name: 'pingan_hub_events_appended_total',
      help: 'Events appended to the log by this hub (rate() gives events/s)',
      labelNames: ['type'],
      registers: [registry],
    }),
    eventsDelivered: new Counter({
      name: 'pingan_hub_events_delivered_total',
      help: 'Event deliveries to clients (one event to one client counts once)',
      registers: [registry],
    }),
    replayBacklog: new Gauge({
      name: 'pingan_hub_replay_backlog_events',
      help: 'Events still to replay to clients catching up',
      registers: [registry],
    }),
    commandsRefused: new Counter({
      name: 'pingan_hub_commands_refused_total',
      help: 'Operator commands refused, by reason',
      labelNames: ['reason'],
      registers: [registry],
    }),
    commandsAccepted: new Counter({
      name: 'pingan_hub_commands_accepted_total',
      help: 'Operator commands accepted',
      labelNames: ['type'],
      registers: [registry],
    }),
    ingestRejections: new Counter({
      name: 'pingan_hub_ingest_rejections_total',
      help: 'Ingest requests rejected, by reason',
      labelNames: ['endpoint', 'reason'],
      registers: [registry],
    }),
    ingestToBroadcast: new Histogram({
      name: 'pingan_hub_ingest_to_broadcast_seconds',
      help: 'Time from an event being stored to its broadcast',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
  };
}
export type HubMetrics = ReturnType<typeof createHubMetrics>;
