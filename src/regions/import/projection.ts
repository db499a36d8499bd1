import { child, children, numberAt, parseWkt, textAt, WktSyntaxError, type WktNode } from './wkt';

/**
 * The coordinate systems a Shapefile's .prj may declare, as the refusal lists them. CGCS2000 and WGS 84
 * differ by centimetres, so both are taken as longitude/latitude as they are. Other datums (Beijing
 * 1954, Xi'an 1980) need a datum shift this import cannot do right; GCJ-02 and BD-09 are offsets that no
 * .prj can declare.
 */
export const SUPPORTED_COORDINATE_SYSTEMS =
  'longitude/latitude in WGS 84 or CGCS2000; or Transverse Mercator metres on either: a CGCS2000 ' +
  'Gauss-Krüger 3° zone (25–45) or 6° zone (13–23), with or without the zone number in the false ' +
  'easting, or a WGS 84 UTM zone 43N–53N. GCJ-02 (AMap, Tencent) and BD-09 (Baidu) coordinates are not ' +
  'supported: convert them to WGS 84 first';

/** What the .prj means for reading the .shp: nothing to do, or a projection for shpjs to invert. */
export type Projection = { kind: 'longitude-latitude' } | { kind: 'projected'; proj4: string; name: string };

export class ProjectionError extends Error {}

/** The semi-major axis and inverse flattening of the two ellipsoids accepted (GRS 80 is CGCS2000's). */
const ELLIPSOIDS = [
  { name: 'WGS 84', a: 6378137, inverseFlattening: 298.257223563 },
  { name: 'CGCS2000', a: 6378137, inverseFlattening: 298.257222101 },
] as const;
const DEGREE_IN_RADIANS = Math.PI / 180;
/** China lies between 73° and 136° E: the zones whose central meridians fall there. */
const CHINA_MERIDIANS = { west: 75, east: 135 };
const MAX_PRJ_CHARACTERS = 16_384;

/** Reads a .prj; anything but the coordinate systems above is refused, naming the file and why. */
export function readProjection(text: string, fileName: string): Projection {
  const refuse = (cause: string): ProjectionError =>
    new ProjectionError(`${fileName}: ${cause}; supported are ${SUPPORTED_COORDINATE_SYSTEMS}`);
  if (text.length > MAX_PRJ_CHARACTERS) throw refuse(`${text.length} characters is not a coordinate system`);
  let root: WktNode;
  try {
    root = parseWkt(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    if (!(error instanceof WktSyntaxError)) throw error;
    throw refuse(`not a WKT coordinate system (${error.message})`);
  }
  const kind = root.keyword.toUpperCase();
  if (kind === 'GEOGCS') {
    const problem = geographicProblem(root);
    if (problem) throw refuse(problem);
    return { kind: 'longitude-latitude' };
  }
  if (kind === 'PROJCS') {
    const result = transverseMercator(root);
    if (typeof result === 'string') throw refuse(result);
    return result;
  }
  throw refuse(`a ${root.keyword} is not a GEOGCS or PROJCS coordinate system`);
}

function geographicProblem(geographic: WktNode): string | undefined {
  const spheroid = spheroidOf(geographic);
  const a = numberAt(spheroid, 1);
  const inverseFlattening = numberAt(spheroid, 2);
  const datumName = textAt(child(geographic, 'DATUM'), 0) ?? 'no datum';
  const known = ELLIPSOIDS.some(
    (ellipsoid) =>
      a === ellipsoid.a &&
      inverseFlattening !== undefined &&
      Math.abs(inverseFlattening - ellipsoid.inverseFlattening) < 1e-6,
  );
  if (!known) {
    const axes = a === undefined ? 'no ellipsoid' : `ellipsoid ${a} / ${inverseFlattening}`;
    return `datum ${datumName} (${axes}) is neither WGS 84 nor CGCS2000`;
  }
  const meridian = numberAt(child(geographic, 'PRIMEM'), 1) ?? 0;
  if (meridian !== 0) return `prime meridian ${meridian} is not Greenwich`;
  const unit = numberAt(child(geographic, 'UNIT'), 1);
  if (unit === undefined || Math.abs(unit - DEGREE_IN_RADIANS) > 1e-12) {
    return `angular unit ${unit ?? 'missing'} is not the degree`;
  }
  return undefined;
}

function spheroidOf(geographic: WktNode): WktNode | undefined {
  return child(child(geographic, 'DATUM') ?? geographic, 'SPHEROID');
}

/** Parameters by lower-case name: ESRI writes False_Easting, OGC false_easting. */
function parametersOf(projected: WktNode): Map<string, number> {
  const parameters = new Map<string, number>();
  for (const parameter of children(projected, 'PARAMETER')) {
    const name = textAt(parameter, 0);
    const value = numberAt(parameter, 1);
    if (name !== undefined && value !== undefined) parameters.set(name.toLowerCase(), value);
  }
  return parameters;
}

function transverseMercator(projected: WktNode): Projection | string {
  const name = textAt(projected, 0) ?? 'unnamed';
  const geographic = child(projected, 'GEOGCS');
  if (!geographic) return `projected system ${name} has no GEOGCS`;
  const datumProblem = geographicProblem(geographic);
  if (datumProblem) return `projected system ${name}: ${datumProblem}`;
  const method = textAt(child(projected, 'PROJECTION'), 0) ?? 'none';
  if (!/^(transverse_mercator|gauss_kruger)$/i.test(method)) {
    return `projection ${method} of ${name} is not Transverse Mercator (Gauss-Krüger, UTM)`;
  }
  const unit = numberAt(child(projected, 'UNIT'), 1);
  if (unit !== 1) return `unit ${unit ?? 'missing'} of ${name} is not the metre`;

  const parameters = parametersOf(projected);
  const meridian = parameters.get('central_meridian');
  const scale = parameters.get('scale_factor');
  const falseEasting = parameters.get('false_easting');
  if ((parameters.get('latitude_of_origin') ?? 0) !== 0 || (parameters.get('false_northing') ?? 0) !== 0) {
    return `${name} has a latitude of origin or false northing other than 0`;
  }
  if (meridian === undefined || scale === undefined || falseEasting === undefined) {
    return `${name} lacks one of the parameters central_meridian, scale_factor, false_easting`;
  }
  const zoneProblem = checkZone(meridian, scale, falseEasting);
  if (zoneProblem) return `${name}: ${zoneProblem}`;
  const ellipsoid = numberAt(spheroidOf(geographic), 2) === 298.257223563 ? 'WGS84' : 'GRS80';
  return {
    kind: 'projected',
    name,
    proj4:
      `+proj=tmerc +lat_0=0 +lon_0=${meridian} +k=${scale} +x_0=${falseEasting} +y_0=0 ` +
      `+ellps=${ellipsoid} +units=m +no_defs`,
  };
}

/** A Gauss-Krüger zone (scale 1) or a UTM zone (scale 0.9996) over China, consistently numbered. */
function checkZone(meridian: number, scale: number, falseEasting: number): string | undefined {
  if (meridian < CHINA_MERIDIANS.west || meridian > CHINA_MERIDIANS.east) {
    return `central meridian ${meridian}° lies outside China (${CHINA_MERIDIANS.west}–${CHINA_MERIDIANS.east}° E)`;
  }
  const threeDegreeZone = meridian % 3 === 0 ? meridian / 3 : undefined;
  const sixDegreeZone = (meridian + 3) % 6 === 0 ? (meridian + 3) / 6 : undefined;
  if (scale === 0.9996) {
    if (sixDegreeZone === undefined) return `central meridian ${meridian}° is not that of a UTM zone`;
    if (falseEasting !== 500000) return `false easting ${falseEasting} is not UTM's 500000`;
    return undefined;
  }
  if (scale !== 1) return `scale factor ${scale} is neither Gauss-Krüger's 1 nor UTM's 0.9996`;
  if (threeDegreeZone === undefined && sixDegreeZone === undefined) {
    return `central meridian ${meridian}° is not that of a Gauss-Krüger 3° or 6° zone`;
  }
  const allowed = [
    500000,
    ...[threeDegreeZone, sixDegreeZone].flatMap((zone) => (zone ? [zone * 1e6 + 500000] : [])),
  ];
  if (!allowed.includes(falseEasting)) {
    return `false easting ${falseEasting} does not match central meridian ${meridian}° (expected ${allowed.join(' or ')})`;
  }
  return undefined;
}
