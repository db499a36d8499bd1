import {
  Map as MapLibreMap,
  type ErrorEvent as MapErrorEvent,
  type GeoJSONSource,
  type LayerSpecification,
  type PaddingOptions,
} from 'maplibre-gl';
import type { DesktopApi } from '../../../../src/core/contract/api';
import { WordedError, wordingOf, type JurisdictionLevel } from '../../../../src/domain';
import { IncidentPulse } from '../alerts/pulse';
import {
  entitiesFromColumns,
  isOpenIncident,
  jurisdictionOf,
  MAP_ENTITY_KINDS,
  riskOf,
  type MapEntity,
  type MapEntityKind,
} from '../data/entities';
import { EntityStore, type EntityChange } from '../data/entity-store';
import { GridLoadIndex } from '../data/grid-load';
import { loadIncidentPages } from '../data/incident-pages';
import { LiveFeed } from '../data/live-updates';
import { loadRegionData, type RegionData } from '../data/region-data';
import { SourceMirror, type EntityPredicate } from '../data/source-mirror';
import { drawIconsOnDemand } from '../engine/icons';
import { LayerSync } from '../engine/layer-sync';
import { setUpMapEngine } from '../engine/setup';
import { FONT_SCALE_STATE, NOW_STATE } from '../layers/common';
import type { OverlayContext } from '../layers/context';
import { FORCE_SOURCE } from '../layers/forces';
import { INCIDENT_CELL_SOURCE, INCIDENT_SOURCE } from '../layers/incidents';
import { MONITORING_DENSITY_SOURCE, MONITORING_SOURCE } from '../layers/monitoring-points';
import { overlayLayers, overlaySources } from '../layers/overlay';
import { inScope, trailOf } from '../scope/drill-down';
import type { BasemapConfig } from '../settings/basemap-setting';
import { resolveBasemap, type BasemapStyle } from '../style/basemap-style';
import { buildMapStyle } from '../style/map-style';
import { IncidentCellSync } from './cell-sync';
import { GridLoadSync } from './grid-load-sync';
import { INCIDENT_LOAD_MARKS } from './marks';
import { initialSnapshot, SnapshotStore, type BasemapProblem } from './snapshot';
import { TargetSync } from './target-sync';

/** The typeface MapLibre draws Chinese with, in the page: the same as the rest of the wall's text. */
const CJK_FONTS = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";
const NOW_EVERY_MS = 30_000;
/** How long the monitoring points wait for the map's first full frame before loading all the same (a hidden map draws none). */
const FIRST_FRAME_WAIT_MS = 10_000;
/**
 * How often each layer's source takes a batch of changes. Incidents go out every frame — a new report must
 * show at once. Every batch makes a worker re-index its whole source: for ~150,000 cameras that is most of
 * a second of a worker's time, so their status changes go out every few seconds, and forces every two.
 */
const BATCH_EVERY_MS: Record<MapEntityKind, number> = {
  incident: 0,
  'monitoring-point': 5_000,
  force: 2_000,
};
const isOnline = (point: MapEntity) => point.properties.status === 'online';
const SOURCE_OF: Record<MapEntityKind, string> = {
  incident: INCIDENT_SOURCE,
  'monitoring-point': MONITORING_SOURCE,
  force: FORCE_SOURCE,
};

export type OverlayOptions = Pick<OverlayContext, 'texts' | 'gridColouring' | 'visible'>;

export interface MapControllerOptions {
  container: HTMLElement;
  api: DesktopApi;
  /** The operator's jurisdiction: the root of everything the map may show. */
  root: string;
  overlay: OverlayOptions;
  fontScale: number;
  /** The room the panels over the map take up, kept clear when the map fits a division into view. */
  viewPadding(): PaddingOptions;
  /** A new high-risk incident appeared (already pulsing on the map). */
  onHighRisk(incidentId: string): void;
}

/**
 * Owns the MapLibre map and everything drawn on it: the region (drawn from the style itself) and the three
 * kinds of located thing, kept current from the change stream, narrowed to the drilled-down scope, and
 * carried over basemap changes. React reads its state through {@link snapshots}.
 */
export class MapController {
  readonly map: MapLibreMap;
  readonly snapshots: SnapshotStore;
  private readonly api: DesktopApi;
  private readonly root: string;
  private context: OverlayContext;
  private basemap: BasemapStyle | null = null;
  private readonly region: RegionData;
  private readonly stores = new Map(MAP_ENTITY_KINDS.map((kind) => [kind, new EntityStore()]));
  private readonly mirrors = new Map(
    MAP_ENTITY_KINDS.map((kind) => [
      kind,
      new SourceMirror(kind, () => this.geojson(SOURCE_OF[kind]), {
        minIntervalMs: BATCH_EVERY_MS[kind],
        ...(kind === 'monitoring-point' ? { tally: isOnline } : {}),
      }),
    ]),
  );
  /** The density surface of monitoring points: positions only, so status changes never re-tile it. */
  private readonly monitoringDensity = new SourceMirror(
    'monitoring-point',
    () => this.geojson(MONITORING_DENSITY_SOURCE),
    { carries: 'positions', minIntervalMs: 2 * BATCH_EVERY_MS['monitoring-point'] },
  );
  private readonly gridLoad = new GridLoadIndex();
  /** Divisions per scope and level: the region does not change while the map lives. */
  private readonly unitCounts = new Map<string, number>();
  private readonly gridLoadSync = new GridLoadSync((id) => this.geojson(id));
  private readonly layerSync = new LayerSync();
  private readonly pulse: IncidentPulse;
  private readonly feed: LiveFeed;
  private readonly stopFeed: () => void;
  private readonly targets: TargetSync;
  private readonly stopTargets: () => void;
  private readonly clock: ReturnType<typeof setInterval>;
  private readonly onHighRisk: (incidentId: string) => void;
  private readonly viewPadding: () => PaddingOptions;
  private fontScale: number;
  /** The kinds whose stores hold what the cache has: only those are put on the map. */
  private readonly loadedKinds = new Set<MapEntityKind>();
  /** Clusters from the cache, drawn until every incident is in the store. */
  private readonly cells: IncidentCellSync;
  /** Bumped by every load of the incidents, so a load overtaken by a newer one stops. */
  private incidentLoads = 0;
  /** Whether the map has been given its incidents, the cache's clusters of them or every one. */
  private incidentsGiven = false;
  /** Settles once the map has drawn the region and its incidents. */
  private readonly firstFrame: Promise<void>;
  /** Whether the current style has loaded: its sources exist and can take changes. */
  private styleReady = false;
  /** The overlay layers the style being loaded was built with. */
  private styledLayers: LayerSpecification[];
  private destroyed = false;
  /** Whether the map's tab is the one shown; a hidden map holds its repaints until it is shown again. */
  private shown = true;
  private readonly blockedOrigins = new Set<string>();

  /**
   * The map is made once the region is known, so that the region is part of its very first style: nothing
   * is drawn empty first and filled in after.
   */
  static async create(options: MapControllerOptions): Promise<MapController> {
    return new MapController(options, await loadRegionData(options.api, options.root));
  }

  private constructor(options: MapControllerOptions, region: RegionData) {
    setUpMapEngine();
    this.region = region;
    this.api = options.api;
    this.root = options.root;
    this.onHighRisk = options.onHighRisk;
    this.viewPadding = options.viewPadding;
    this.fontScale = options.fontScale;
    this.context = { ...options.overlay, root: options.root, scope: options.root, hasBasemap: false };
    this.snapshots = new SnapshotStore({
      ...initialSnapshot(options.root),
      trail: trailOf(options.root, options.root, region.units),
    });
    this.styledLayers = overlayLayers(this.context);
    this.map = new MapLibreMap({
      container: options.container,
      style: buildMapStyle(null, this.overlay(), options.fontScale),
      localIdeographFontFamily: CJK_FONTS,
      attributionControl: { compact: true },
      bounds: region.units.get(options.root)!.bounds,
      fitBoundsOptions: { padding: options.viewPadding() },
      maxZoom: 17,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      renderWorldCopies: false,
    });
    this.map.touchZoomRotate.disableRotation();
    this.firstFrame = firstCompleteFrame(this.map, () => this.incidentsGiven, FIRST_FRAME_WAIT_MS);
    drawIconsOnDemand(this.map);
    this.map.on('style.load', this.onStyleLoad);
    this.map.on('error', this.onMapError);
    document.addEventListener('securitypolicyviolation', this.onPolicyViolation);
    this.pulse = new IncidentPulse(this.map);
    this.cells = new IncidentCellSync(
      this.map,
      this.api,
      () => this.geojson(INCIDENT_CELL_SOURCE),
      () => this.context.scope,
      () => {
        this.incidentsGiven = true;
        this.publishCounts({});
      },
    );
    this.feed = new LiveFeed(this.api, this.root, {
      reload: () => this.reloadEntities(),
      apply: (changes) => this.applyChanges(changes),
    });
    this.stopFeed = this.feed.start();
    this.targets = new TargetSync(
      this.api,
      this.root,
      (id) => this.geojson(id),
      () => this.publishCounts({}),
    );
    this.stopTargets = this.targets.start();
    this.clock = setInterval(() => this.setGlobalState(NOW_STATE, Date.now()), NOW_EVERY_MS);
    this.publishCounts({});
    void this.loadEntities();
  }

  destroy(): void {
    this.destroyed = true;
    this.stopFeed();
    this.stopTargets();
    this.cells.stop();
    this.pulse.stop();
    for (const kind of MAP_ENTITY_KINDS) for (const mirror of this.mirrorsOf(kind)) mirror.dispose();
    clearInterval(this.clock);
    document.removeEventListener('securitypolicyviolation', this.onPolicyViolation);
    this.map.remove();
  }

  // ---- what the operator does -------------------------------------------------------------------

  /** Narrows everything to `code` (the root or a division inside it) and flies there. */
  setScope(code: string): void {
    if (!inScope(code, this.root) || !this.region.units.has(code)) return;
    this.context = { ...this.context, scope: code };
    this.layerSync.sync(this.map, overlayLayers(this.context));
    this.pulse.stop();
    this.pushEntities();
    this.cells.refresh();
    this.publishCounts({ trail: trailOf(code, this.root, this.region.units) });
    this.flyTo(code);
  }

  setOverlayOptions(options: OverlayOptions): void {
    this.context = { ...this.context, ...options };
    this.layerSync.sync(this.map, overlayLayers(this.context));
    this.pulse.setVisible(this.context.visible.incidents);
  }

  /**
   * A map on a hidden tab keeps taking changes into its sources but draws none of them: repainting ~150,000
   * points in software for a screen no one sees is the wall PC's most expensive waste. Shown again, it draws
   * once with everything it took in meanwhile, at the size its container has now.
   */
  setShown(shown: boolean): void {
    if (shown === this.shown || this.destroyed) return;
    this.shown = shown;
    if (!shown) {
      this.map.triggerRepaint = () => undefined;
      return;
    }
    Reflect.deleteProperty(this.map, 'triggerRepaint');
    const canvas = this.map.getCanvas();
    const container = this.map.getContainer();
    if (canvas.clientWidth !== container.clientWidth || canvas.clientHeight !== container.clientHeight)
      this.map.resize();
    this.map.triggerRepaint();
  }

  setFontScale(scale: number): void {
    this.fontScale = scale;
    this.setGlobalState(FONT_SCALE_STATE, scale);
  }

  async setBasemap(config: BasemapConfig, file: File | undefined): Promise<void> {
    this.snapshots.update({ basemap: { loading: true, problem: null } });
    try {
      this.basemap = await resolveBasemap(config, file);
      if (this.destroyed) return;
      this.context = { ...this.context, hasBasemap: this.basemap !== null };
      this.styleReady = false;
      this.styledLayers = overlayLayers(this.context);
      this.map.setStyle(buildMapStyle(this.basemap, this.overlay(), this.fontScale), { diff: false });
      this.snapshots.update({ basemap: { loading: false, problem: null } });
    } catch (error) {
      // A policy violation is reported in a task of its own: let it arrive before judging the failure.
      await new Promise((resolve) => setTimeout(resolve, 50));
      this.snapshots.update({ basemap: { loading: false, problem: this.basemapProblem(config, error) } });
    }
  }

  // ---- what the panels read ---------------------------------------------------------------------

  entity(kind: MapEntityKind, id: string): MapEntity | undefined {
    return this.stores.get(kind)!.byId.get(id);
  }

  /** The forces filed against a grid and its open incidents. */
  gridContents(code: string): { forces: MapEntity[]; openIncidents: MapEntity[] } {
    const of = (kind: MapEntityKind) =>
      Array.from(this.stores.get(kind)!.byId.values()).filter((entity) => jurisdictionOf(entity) === code);
    return { forces: of('force'), openIncidents: of('incident').filter(isOpenIncident) };
  }

  unitName(code: string): string | undefined {
    return this.region.units.get(code)?.name;
  }

  // ---- loading ----------------------------------------------------------------------------------

  private async loadEntities(): Promise<void> {
    try {
      await this.feed.reload();
      this.publishCounts({ phase: 'ready' });
    } catch (error) {
      this.snapshots.update({
        phase: 'failed',
        error: wordingOf(error),
      });
    }
  }

  /**
   * Reads every kind again. The incidents come a page at a time; until the last page is in, the map draws the
   * cache's clusters of them instead, so the first frame never waits for a province's open cases.
   */
  private async reloadEntities(): Promise<void> {
    await Promise.all([
      this.reloadIncidents(),
      ...MAP_ENTITY_KINDS.filter((kind) => kind !== 'incident').map((kind) => this.reloadKind(kind)),
    ]);
  }

  private async reloadKind(kind: MapEntityKind): Promise<void> {
    // A prefecture's ~150,000 cameras and checkpoints are the map's heaviest layer by far, for the core to read
    // and the map's workers to index: the first time, they wait until the region and the incidents are drawn
    // (sent to the workers together, the incidents' clusters would queue behind them).
    if (kind === 'monitoring-point') await this.firstFrame;
    if (this.destroyed) return;
    const answer = await this.api.call('map.features', { kind, scope: this.root });
    if (this.destroyed) return;
    if (!answer.ok) throw new WordedError(answer.error);
    this.stores.get(kind)!.replaceAll(entitiesFromColumns(answer.value));
    this.loadedKinds.add(kind);
    if (this.styleReady) this.pushKind(kind);
    this.publishCounts({});
  }

  private async reloadIncidents(): Promise<void> {
    const load = (this.incidentLoads += 1);
    performance.mark(INCIDENT_LOAD_MARKS.asked);
    this.loadedKinds.delete('incident');
    this.stores.get('incident')!.replaceAll([]);
    if (this.styleReady) this.pushKind('incident');
    this.cells.start();
    const incidents = await loadIncidentPages(
      this.api,
      this.root,
      (progress) => this.snapshots.update({ incidentLoad: progress }),
      () => this.destroyed || load !== this.incidentLoads,
    );
    if (!incidents) return;
    this.stores.get('incident')!.replaceAll(incidents);
    this.gridLoad.reset(this.stores.get('incident')!.byId.values());
    this.loadedKinds.add('incident');
    this.incidentsGiven = true;
    this.cells.stop();
    if (this.styleReady) {
      this.pushKind('incident');
      this.gridLoadSync.reset(this.region, this.gridLoad);
    }
    this.publishCounts({ incidentLoad: null });
    performance.mark(INCIDENT_LOAD_MARKS.loaded);
  }

  private applyChanges(changes: Map<MapEntityKind, EntityChange>): void {
    if (this.destroyed) return;
    for (const [kind, change] of changes) {
      const previous = this.stores.get(kind)!.apply(change);
      for (const mirror of this.mirrorsOf(kind)) mirror.apply(change, this.shows(kind));
      if (kind !== 'incident') continue;
      this.gridLoadSync.apply(this.region, this.gridLoad, this.gridLoad.apply(change));
      for (const incident of change.upserted) {
        const before = previous.get(incident.id);
        const becameHigh = riskOf(incident) === 'high' && (!before || riskOf(before) !== 'high');
        if (becameHigh && isOpenIncident(incident) && this.shows('incident')(incident)) {
          this.pulse.start(incident.id, [incident.lng, incident.lat]);
          this.onHighRisk(incident.id);
        }
      }
    }
    this.publishCounts({});
  }

  // ---- drawing ----------------------------------------------------------------------------------

  /**
   * Global state can change only on a loaded style, and a change re-lays out every layer that reads it, so
   * an unchanged value is not sent again. A style still loading picks the font scale up once loaded.
   */
  private setGlobalState(name: string, value: number): void {
    if (this.styleReady && this.map.getGlobalState()[name] !== value)
      this.map.setGlobalStateProperty(name, value);
  }

  private overlay(): { sources: ReturnType<typeof overlaySources>; layers: LayerSpecification[] } {
    return { sources: overlaySources(this.region), layers: this.styledLayers };
  }

  private geojson(id: string): GeoJSONSource | undefined {
    return this.destroyed ? undefined : this.map.getSource<GeoJSONSource>(id);
  }

  /** A new style (the first, or after a basemap change) arrives with the region but no entities. */
  private readonly onStyleLoad = () => {
    this.layerSync.reset(this.styledLayers);
    this.layerSync.sync(this.map, overlayLayers(this.context));
    this.styleReady = true;
    this.setGlobalState(FONT_SCALE_STATE, this.fontScale);
    this.targets.push();
    this.cells.push();
    this.pushEntities();
  };

  /**
   * Everything the stores hold, narrowed to the scope; grid loads ride along once every incident is in, being
   * counts of them (a grid with none loaded yet is not a grid with none).
   */
  private pushEntities(): void {
    for (const kind of this.loadedKinds) this.pushKind(kind);
    if (this.loadedKinds.has('incident')) this.gridLoadSync.reset(this.region, this.gridLoad);
  }

  private pushKind(kind: MapEntityKind): void {
    for (const mirror of this.mirrorsOf(kind))
      mirror.reset(this.stores.get(kind)!.byId.values(), this.shows(kind));
  }

  private mirrorsOf(kind: MapEntityKind): SourceMirror[] {
    const primary = this.mirrors.get(kind)!;
    return kind === 'monitoring-point' ? [primary, this.monitoringDensity] : [primary];
  }

  private shows(kind: MapEntityKind): EntityPredicate {
    const scope = this.context.scope;
    return kind === 'incident'
      ? (entity) => isOpenIncident(entity) && inScope(jurisdictionOf(entity), scope)
      : (entity) => inScope(jurisdictionOf(entity), scope);
  }

  private flyTo(code: string): void {
    const unit = this.region.units.get(code);
    if (unit) this.map.fitBounds(unit.bounds, { padding: this.viewPadding(), duration: 700 });
  }

  // ---- counting ---------------------------------------------------------------------------------

  private unitsInScope(level: JurisdictionLevel): number {
    const key = `${this.context.scope}/${level}`;
    let count = this.unitCounts.get(key);
    if (count === undefined) {
      count = 0;
      for (const unit of this.region.units.values())
        if (unit.level === level && inScope(unit.code, this.context.scope)) count += 1;
      this.unitCounts.set(key, count);
    }
    return count;
  }

  private publishCounts(change: Parameters<SnapshotStore['update']>[0]): void {
    const points = this.mirrors.get('monitoring-point')!;
    this.snapshots.update({
      ...change,
      scope: this.context.scope,
      counts: {
        grids: this.unitsInScope('grid'),
        incidents: this.loadedKinds.has('incident')
          ? this.mirrors.get('incident')!.entities.size
          : this.cells.total,
        'monitoring-points': this.loadedKinds.has('monitoring-point') ? points.entities.size : null,
        forces: this.loadedKinds.has('force') ? this.mirrors.get('force')!.entities.size : null,
        ...this.targets.counts(this.context.scope),
      },
      onlineShare: points.entities.size ? points.tallyCount / points.entities.size : null,
    });
  }

  // ---- basemap trouble --------------------------------------------------------------------------

  private readonly onPolicyViolation = (event: SecurityPolicyViolationEvent) => {
    try {
      this.blockedOrigins.add(new URL(event.blockedURI).origin);
    } catch {
      // A violation without a URL (inline script, eval) says nothing about the basemap.
    }
  };

  private basemapProblem(config: BasemapConfig, error: unknown): BasemapProblem {
    const origin = config.kind === 'style-url' ? new URL(config.url, location.href).origin : '';
    if (this.blockedOrigins.has(origin)) return { kind: 'blocked', origin };
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }

  /** Tiles that fail because the page's policy blocks their server say so in the basemap setting. */
  private readonly onMapError = (event: MapErrorEvent & { sourceId?: string }) => {
    if (!event.sourceId?.startsWith('basemap:')) return;
    const origin = Array.from(this.blockedOrigins)[0];
    const problem: BasemapProblem = origin
      ? { kind: 'blocked', origin }
      : { kind: 'error', message: event.error?.message ?? 'tile error' };
    this.snapshots.update({ basemap: { loading: false, problem } });
  };
}

/**
 * The first frame drawn with the incidents given to the map (`given`) and everything else it then held (its
 * style, every source and tile loaded), or `limitMs` on, whichever comes first. Not the map's 'idle' event: a
 * pulsing incident keeps it from ever firing.
 */
function firstCompleteFrame(map: MapLibreMap, given: () => boolean, limitMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      map.off('render', check);
      resolve();
    };
    const check = () => {
      if (given() && map.isStyleLoaded() && map.areTilesLoaded()) done();
    };
    const timer = setTimeout(done, limitMs);
    map.on('render', check);
  });
}
