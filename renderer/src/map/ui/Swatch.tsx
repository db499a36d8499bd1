import { iconDataUrl } from '../engine/icons';

/** One of the map's own symbols, drawn by the same code, optionally with the mark the map writes on it. */
export function Swatch({ icon, mark }: { icon: string; mark?: string }) {
  return (
    <span className="map-swatch" aria-hidden="true">
      <img src={iconDataUrl(icon)} alt="" />
      {mark && <span className="map-swatch-mark">{mark}</span>}
    </span>
  );
}

/** A patch of fill colour (optionally hatched) or a stretch of line, for areas and boundaries in the legend. */
export function ColourPatch(props: { colour: string; pattern?: string; line?: boolean; dashed?: boolean }) {
  const { colour, pattern, line, dashed } = props;
  return (
    <span
      className={`map-patch${line ? ' map-patch-line' : ''}${dashed ? ' map-patch-dashed' : ''}`}
      aria-hidden="true"
      style={{
        background: line ? 'transparent' : colour,
        borderColor: colour,
        backgroundImage: pattern ? `url(${iconDataUrl(pattern)})` : undefined,
      }}
    />
  );
}
