import type { Map as MapLibreMap } from 'maplibre-gl';
import {
  FORCE_KINDS,
  MONITORING_STATUSES,
  type ForceKind,
  type MonitoringStatus,
} from '../../../../src/domain';
import {
  FORCE_COLOURS,
  MAP_RISKS,
  MONITORING_STATUS_COLOURS,
  RISK_COLOURS,
  WALL,
  type MapRisk,
} from '../style/palette';

/**
 * Every symbol the map draws, generated in the page: no sprite sheet to serve. Shapes carry meaning on
 * their own (risk by shape, monitoring kind by shape, status by fill), so the map reads without colour.
 * The legend shows the very same drawings.
 */

const PIXEL_RATIO = 2;

interface IconPainter {
  /** CSS pixels, square. */
  size: number;
  draw(ctx: CanvasRenderingContext2D, size: number): void;
}

type Shape = 'triangle' | 'diamond' | 'circle' | 'square' | 'wide' | 'star';

function tracePath(ctx: CanvasRenderingContext2D, shape: Shape, size: number, inset: number): void {
  const c = size / 2;
  const r = c - inset;
  ctx.beginPath();
  switch (shape) {
    case 'triangle':
      ctx.moveTo(c, inset);
      ctx.lineTo(size - inset, size - inset * 1.4);
      ctx.lineTo(inset, size - inset * 1.4);
      break;
    case 'diamond':
      ctx.moveTo(c, inset);
      ctx.lineTo(size - inset, c);
      ctx.lineTo(c, size - inset);
      ctx.lineTo(inset, c);
      break;
    case 'circle':
      ctx.arc(c, c, r, 0, 2 * Math.PI);
      break;
    case 'square':
      ctx.roundRect(inset, inset, size - 2 * inset, size - 2 * inset, size * 0.12);
      break;
    case 'wide':
      ctx.roundRect(inset, size * 0.28, size - 2 * inset, size * 0.44, size * 0.08);
      break;
    case 'star':
      for (let i = 0; i < 10; i++) {
        const radius = i % 2 === 0 ? r : r * 0.45;
        const angle = -Math.PI / 2 + (i * Math.PI) / 5;
        ctx.lineTo(c + radius * Math.cos(angle), c + radius * Math.sin(angle));
      }
      break;
  }
  ctx.closePath();
}

function mark(ctx: CanvasRenderingContext2D, text: string, size: number, colour: string): void {
  ctx.fillStyle = colour;
  ctx.font = `700 ${Math.round(size * 0.58)}px 'DejaVu Sans', 'Noto Sans CJK SC', sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, size / 2, size / 2 + size * 0.04);
}

const INCIDENT_SHAPES: Record<MapRisk, Shape> = {
  high: 'triangle',
  medium: 'diamond',
  low: 'circle',
  ungraded: 'circle',
};

function incidentPainter(risk: MapRisk): IconPainter {
  return {
    size: 22,
    draw(ctx, size) {
      tracePath(ctx, INCIDENT_SHAPES[risk], size, 2);
      ctx.lineWidth = 2;
      if (risk === 'ungraded') {
        // Not assessed yet: a dashed grey ring, hollow, so it never passes for a graded risk.
        ctx.fillStyle = WALL.background;
        ctx.fill();
        ctx.setLineDash([3, 2.5]);
        ctx.strokeStyle = RISK_COLOURS.ungraded;
        ctx.stroke();
        mark(ctx, '?', size * 0.8, RISK_COLOURS.ungraded);
        return;
      }
      ctx.fillStyle = RISK_COLOURS[risk];
      ctx.fill();
      ctx.strokeStyle = '#ffffff';
      ctx.stroke();
    },
  };
}

export const MONITORING_SYMBOLS = [
  'camera-1',
  'camera-2',
  'camera-3',
  'vehicle-checkpoint',
  'face-capture',
] as const;
type MonitoringSymbol = (typeof MONITORING_SYMBOLS)[number];

const MONITORING_SHAPES: Record<MonitoringSymbol, Shape> = {
  'camera-1': 'square',
  'camera-2': 'square',
  'camera-3': 'square',
  'vehicle-checkpoint': 'wide',
  'face-capture': 'circle',
};

const MONITORING_MARKS: Record<MonitoringSymbol, string> = {
  'camera-1': '1',
  'camera-2': '2',
  'camera-3': '3',
  'vehicle-checkpoint': '',
  'face-capture': '',
};

function monitoringPainter(symbol: MonitoringSymbol, status: MonitoringStatus): IconPainter {
  return {
    size: 16,
    draw(ctx, size) {
      const colour = MONITORING_STATUS_COLOURS[status];
      tracePath(ctx, MONITORING_SHAPES[symbol], size, 1.5);
      ctx.lineWidth = 1.5;
      if (status === 'offline') {
        // Dark: hollow, and struck through.
        ctx.fillStyle = WALL.background;
        ctx.fill();
        ctx.strokeStyle = colour;
        ctx.stroke();
        ctx.beginPath();
        ctx.moveTo(2, size - 2);
        ctx.lineTo(size - 2, 2);
        ctx.stroke();
        return;
      }
      ctx.fillStyle = colour;
      ctx.fill();
      ctx.strokeStyle = WALL.background;
      ctx.stroke();
      if (symbol === 'face-capture') {
        ctx.beginPath();
        ctx.arc(size / 2, size / 2, size * 0.16, 0, 2 * Math.PI);
        ctx.fillStyle = WALL.background;
        ctx.fill();
      }
      // A fault shows as an exclamation mark instead of the camera's class.
      const text = status === 'fault' ? '!' : MONITORING_MARKS[symbol];
      if (text) mark(ctx, text, size * (symbol === 'vehicle-checkpoint' ? 0.7 : 1), WALL.background);
    },
  };
}

function forcePainter(kind: ForceKind): IconPainter {
  return {
    size: 20,
    draw(ctx, size) {
      tracePath(ctx, 'circle', size, 1.5);
      ctx.fillStyle = FORCE_COLOURS[kind];
      ctx.fill();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = '#ffffff';
      ctx.stroke();
    },
  };
}

/** 敏感地: a star, the mark of a place to protect, at the centre of its protective circle. */
const sensitivePlacePainter: IconPainter = {
  size: 22,
  draw(ctx, size) {
    tracePath(ctx, 'star', size, 1.5);
    ctx.fillStyle = WALL.sensitivePlace;
    ctx.fill();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = WALL.background;
    ctx.stroke();
  },
};

/** 危险物: the hazard sign, a yellow triangle with an exclamation mark. */
const dangerousObjectPainter: IconPainter = {
  size: 22,
  draw(ctx, size) {
    tracePath(ctx, 'triangle', size, 1.5);
    ctx.fillStyle = WALL.dangerousObject;
    ctx.fill();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = WALL.background;
    ctx.stroke();
    mark(ctx, '!', size, WALL.background);
  },
};

/** Hatching laid over a grid's risk colour, so that the grade reads without the colour. */
const HATCHES: Record<Exclude<MapRisk, 'ungraded'>, (ctx: CanvasRenderingContext2D, size: number) => void> = {
  high(ctx, size) {
    ctx.beginPath();
    ctx.moveTo(0, 0);
    ctx.lineTo(size, size);
    ctx.moveTo(size, 0);
    ctx.lineTo(0, size);
    ctx.stroke();
  },
  medium(ctx, size) {
    ctx.beginPath();
    ctx.moveTo(0, size);
    ctx.lineTo(size, 0);
    ctx.stroke();
  },
  low(ctx, size) {
    ctx.beginPath();
    ctx.arc(size / 2, size / 2, 1.2, 0, 2 * Math.PI);
    ctx.fill();
  },
};

function hatchPainter(risk: Exclude<MapRisk, 'ungraded'>): IconPainter {
  return {
    size: 8,
    draw(ctx, size) {
      ctx.strokeStyle = 'rgba(255, 255, 255, 0.55)';
      ctx.fillStyle = 'rgba(255, 255, 255, 0.7)';
      ctx.lineWidth = 1;
      HATCHES[risk](ctx, size);
    },
  };
}

export const incidentIcon = (risk: MapRisk) => `incident-${risk}`;
export const monitoringIcon = (symbol: MonitoringSymbol, status: MonitoringStatus) =>
  `monitoring-${symbol}-${status}`;
export const forceIcon = (kind: ForceKind) => `force-${kind}`;
export const SENSITIVE_PLACE_ICON = 'sensitive-place';
export const DANGEROUS_OBJECT_ICON = 'dangerous-object';
export const hatchPattern = (risk: Exclude<MapRisk, 'ungraded'>) => `hatch-${risk}`;

const PAINTERS = new Map<string, IconPainter>([
  ...MAP_RISKS.map((risk) => [incidentIcon(risk), incidentPainter(risk)] as const),
  ...MONITORING_SYMBOLS.flatMap((symbol) =>
    MONITORING_STATUSES.map(
      (status) => [monitoringIcon(symbol, status), monitoringPainter(symbol, status)] as const,
    ),
  ),
  ...FORCE_KINDS.map((kind) => [forceIcon(kind), forcePainter(kind)] as const),
  [SENSITIVE_PLACE_ICON, sensitivePlacePainter],
  [DANGEROUS_OBJECT_ICON, dangerousObjectPainter],
  ...(['high', 'medium', 'low'] as const).map((risk) => [hatchPattern(risk), hatchPainter(risk)] as const),
]);

function paint(name: string): HTMLCanvasElement {
  const painter = PAINTERS.get(name);
  if (!painter) throw new Error(`no icon called ${name}`);
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = painter.size * PIXEL_RATIO;
  const ctx = canvas.getContext('2d')!;
  ctx.scale(PIXEL_RATIO, PIXEL_RATIO);
  painter.draw(ctx, painter.size);
  return canvas;
}

/**
 * Draws the map's icons and patterns when the style first asks for them — also after a basemap change,
 * which drops every image. Names the map does not know (a basemap's own sprite) are left alone.
 */
export function drawIconsOnDemand(map: MapLibreMap): void {
  map.setMissingStyleImageResolver((name) => {
    if (!PAINTERS.has(name) || map.hasImage(name)) return;
    const canvas = paint(name);
    const image = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    map.addImage(name, image, { pixelRatio: PIXEL_RATIO });
  });
}

const dataUrls = new Map<string, string>();

/** The same drawing as a data URL, for the legend and the panels. */
export function iconDataUrl(name: string): string {
  let url = dataUrls.get(name);
  if (!url) {
    url = paint(name).toDataURL();
    dataUrls.set(name, url);
  }
  return url;
}
