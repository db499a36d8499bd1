import type { GeoJSONSource } from 'maplibre-gl';
import type { DesktopApi, DesktopEventPayload } from '../../../../src/core/contract/api';
import type { TargetRegisterView } from '../../../../src/core/contract/targets';
import { inScope } from '../scope/drill-down';
import { targetFeatures } from '../layers/targets';

const RETRY_AFTER_MS = 2_000;
type Register = Pick<TargetRegisterView, 'dangerousObjects' | 'sensitivePlaces'>;

/**
 * Keeps the map's register layers as the cache has them: read whole (a county registers tens, not thousands) at
 * the start, and again whenever a dangerous object or a sensitive place changes or the cache is replaced.
 */
export class TargetSync {
  private register: Register | null = null;
  private loading = false;
  private again = false;
  private stopped = false;

  constructor(
    private readonly api: DesktopApi,
    private readonly root: string,
    private readonly source: (id: string) => GeoJSONSource | undefined,
    private readonly onChange: () => void,
  ) {}

  start(): () => void {
    const unsubscribe = this.api.on('changed', (change) => this.onChanged(change));
    void this.load();
    return () => {
      this.stopped = true;
      unsubscribe();
    };
  }

  /** How many of each the scope holds; null until the register has been read. */
  counts(scope: string): { 'sensitive-places': number; 'dangerous-objects': number } {
    const within = (rows: readonly { jurisdictionCode: string }[]) =>
      rows.filter((row) => inScope(row.jurisdictionCode, scope)).length;
    return {
      'sensitive-places': this.register ? within(this.register.sensitivePlaces) : 0,
      'dangerous-objects': this.register ? within(this.register.dangerousObjects) : 0,
    };
  }

  /** Puts the register into the sources of a style that has (just) loaded. */
  push(): void {
    if (!this.register) return;
    for (const [id, data] of Object.entries(targetFeatures(this.register))) this.source(id)?.setData(data);
  }

  private onChanged({ ids }: DesktopEventPayload<'changed'>): void {
    if (ids === null || ids['dangerous-object']?.length || ids['sensitive-place']?.length) void this.load();
  }

  private async load(): Promise<void> {
    if (this.loading) {
      this.again = true;
      return;
    }
    this.loading = true;
    try {
      const answer = await this.api.call('targets.register', { scope: this.root });
      if (this.stopped) return;
      if (!answer.ok) {
        setTimeout(() => void this.load(), RETRY_AFTER_MS);
        return;
      }
      this.register = answer.value;
      this.push();
      this.onChange();
    } finally {
      this.loading = false;
      if (this.again && !this.stopped) {
        this.again = false;
        void this.load();
      }
    }
  }
}
