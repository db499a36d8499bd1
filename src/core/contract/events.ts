import { desktopEventContract, type DesktopEventName } from './api';

export const DESKTOP_EVENT_NAMES = Object.keys(desktopEventContract) as DesktopEventName[];
