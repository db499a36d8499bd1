import { Marker, type Map as MapLibreMap } from 'maplibre-gl';

/** How long a new high-risk incident keeps pulsing. */
const PULSE_FOR_MS = 30_000;

/**
 * Expanding rings around new high-risk incidents, for a while and then gone. They are page elements animated
 * by CSS, not map layers: an animated layer would redraw the whole map every frame for as long as any alert
 * runs, which a wall PC without a GPU cannot afford.
 */
export class IncidentPulse {
  private readonly pulsing = new Map<string, { marker: Marker; timer: ReturnType<typeof setTimeout> }>();
  private visible = true;

  constructor(private readonly map: MapLibreMap) {}

  start(id: string, at: [number, number]): void {
    this.end(id);
    const element = document.createElement('div');
    element.className = 'incident-pulse';
    element.dataset.testid = 'incident-pulse';
    element.hidden = !this.visible;
    const marker = new Marker({ element }).setLngLat(at).addTo(this.map);
    this.pulsing.set(id, { marker, timer: setTimeout(() => this.end(id), PULSE_FOR_MS) });
  }

  /** Follows the incidents layer's switch. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    for (const { marker } of this.pulsing.values()) marker.getElement().hidden = !visible;
  }

  /** Ends every pulse: the scope changed, or the map is going away. */
  stop(): void {
    for (const id of Array.from(this.pulsing.keys())) this.end(id);
  }

  private end(id: string): void {
    const pulse = this.pulsing.get(id);
    if (!pulse) return;
    clearTimeout(pulse.timer);
    pulse.marker.remove();
    this.pulsing.delete(id);
  }
}
