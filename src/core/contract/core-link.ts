import { wording } from '../../domain/wording';

/**
 * What a call is answered once the desktop core has stopped. The Electron transport reads it as its link to
 * the core being down, since the window (and its bridge) outlive the core's worker.
 */
export const CORE_STOPPED_ERROR = wording('coreStopped', {}, 'the desktop core stopped');
