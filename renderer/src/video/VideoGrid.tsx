import { useTranslation } from 'react-i18next';
import type { VideoCameraView } from '../../../src/core/contract/video';
import type { VideoWallSplit } from '../../../src/domain';
import { VideoPlayer } from './VideoPlayer';
import './i18n';

/** What a camera dragged from a list carries: the camera as the list has it, as JSON. */
export const CAMERA_DRAG_TYPE = 'application/x-pingan-camera';

/** Cameras in a split of the screen, each cell its own live player; empty cells invite a camera in. */
export function VideoGrid(props: {
  split: VideoWallSplit;
  cells: readonly (VideoCameraView | null)[];
  caption?(camera: VideoCameraView): string;
  onDropCamera?(cell: number, dropped: string): void;
  onCloseCell?(cell: number): void;
}) {
  const { t } = useTranslation();
  const side = Math.sqrt(props.split);
  const cells = Array.from({ length: props.split }, (_, i) => props.cells[i] ?? null);
  return (
    <div
      className="video-grid"
      data-testid="video-grid"
      data-split={props.split}
      style={{ gridTemplateColumns: `repeat(${side}, 1fr)` }}
    >
      {cells.map((camera, cell) => (
        <div
          key={camera ? `${cell}-${camera.id}` : `${cell}-empty`}
          className="video-cell"
          onDragOver={(event) => props.onDropCamera && event.preventDefault()}
          onDrop={(event) => {
            const dropped = event.dataTransfer.getData(CAMERA_DRAG_TYPE);
            if (dropped && props.onDropCamera) props.onDropCamera(cell, dropped);
          }}
        >
          {camera ? (
            <>
              <VideoPlayer cameraId={camera.id} label={camera.name} />
              <div className="video-caption">
                <span translate="no">{props.caption ? props.caption(camera) : camera.name}</span>
                {props.onCloseCell && (
                  <button type="button" className="video-cell-close" onClick={() => props.onCloseCell!(cell)}>
                    {t('video.close')}
                  </button>
                )}
              </div>
            </>
          ) : (
            <p className="video-empty">{t('video.emptyCell')}</p>
          )}
        </div>
      ))}
    </div>
  );
}
