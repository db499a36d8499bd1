import {
  INCIDENT_CATEGORY_LABELS,
  INCIDENT_SOURCE_LABELS,
  RISK_LABELS,
  STAGE_LABELS,
  chinaFileStamp,
  chinaIsoTime,
} from '../../domain';
import type { ExportFormat, QueueExport, QueueRow } from '../contract/queue';
import { spreadsheetCsv } from '../csv';

/**
 * The filtered queue as a file others can open: CSV for spreadsheets (UTF-8 with a byte-order mark, or
 * spreadsheet programs show the Chinese as mojibake), GeoJSON for GIS tools, KML for Google Earth and
 * the provincial platforms that take it.
 */
const COLUMNS: { header: string; value: (row: QueueRow) => string | number }[] = [
  { header: '编号 id', value: (row) => row.id },
  { header: '标题 title', value: (row) => row.title },
  { header: '类别 category', value: (row) => INCIDENT_CATEGORY_LABELS[row.category].zh },
  { header: '来源 source', value: (row) => INCIDENT_SOURCE_LABELS[row.source].zh },
  { header: '阶段 stage', value: (row) => STAGE_LABELS[row.stage].zh },
  { header: '风险 risk', value: (row) => (row.riskLevel ? RISK_LABELS[row.riskLevel].zh : '未研判') },
  { header: '辖区代码 jurisdiction', value: (row) => row.jurisdictionCode },
  { header: '地址 address', value: (row) => row.address },
  { header: '经度 lng', value: (row) => row.location[0] },
  { header: '纬度 lat', value: (row) => row.location[1] },
  { header: '上报时间 created', value: (row) => chinaIsoTime(row.createdAt) },
  { header: '更新时间 updated', value: (row) => chinaIsoTime(row.updatedAt) },
  { header: '时限 deadline', value: (row) => (row.deadline ? chinaIsoTime(row.deadline) : '') },
  { header: '时限状态 sla', value: (row) => row.sla },
  { header: '交办单位 units', value: (row) => row.assignedUnitIds.join(' ') },
];

function toCsv(rows: readonly QueueRow[]): string {
  return spreadsheetCsv(
    COLUMNS.map((column) => column.header),
    rows.map((row) => COLUMNS.map((column) => column.value(row))),
  );
}

/** A row's fields besides its place, with its instants in China time (UTC+8, offset written). */
function properties(row: QueueRow) {
  const { location: _location, ...rest } = row;
  return {
    ...rest,
    createdAt: chinaIsoTime(row.createdAt),
    updatedAt: chinaIsoTime(row.updatedAt),
    deadline: row.deadline === null ? null : chinaIsoTime(row.deadline),
  };
}

function toGeoJson(rows: readonly QueueRow[]): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: rows.map((row) => ({
      type: 'Feature',
      id: row.id,
      geometry: { type: 'Point', coordinates: row.location },
      properties: properties(row),
    })),
  });
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
const xml = (value: unknown) => String(value).replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);

function toKml(rows: readonly QueueRow[]): string {
  const placemarks = rows.map((row) => {
    const data = Object.entries(properties(row))
      .map(
        ([name, value]) =>
          `<Data name="${xml(name)}"><value>${xml(Array.isArray(value) ? value.join(' ') : (value ?? ''))}</value></Data>`,
      )
      .join('');
    return (
      `<Placemark id="${xml(row.id)}"><name>${xml(row.title)}</name>` +
      `<description>${xml(`${row.address} · ${STAGE_LABELS[row.stage].zh}`)}</description>` +
      `<ExtendedData>${data}</ExtendedData>` +
      `<Point><coordinates>${row.location[0]},${row.location[1]}</coordinates></Point></Placemark>`
    );
  });
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>平安指挥 事件队列</name>\n' +
    placemarks.join('\n') +
    '\n</Document></kml>\n'
  );
}

const WRITERS: Record<ExportFormat, { mimeType: string; write: (rows: readonly QueueRow[]) => string }> = {
  csv: { mimeType: 'text/csv;charset=utf-8', write: toCsv },
  geojson: { mimeType: 'application/geo+json', write: toGeoJson },
  kml: { mimeType: 'application/vnd.google-earth.kml+xml', write: toKml },
};

export function exportQueue(rows: readonly QueueRow[], format: ExportFormat, now: Date): QueueExport {
  const stamp = chinaFileStamp(now.getTime());
  const writer = WRITERS[format];
  return {
    fileName: `incidents-${stamp}.${format}`,
    mimeType: writer.mimeType,
    content: writer.write(rows),
    count: rows.length,
  };
}
