export { LiveMap, type LiveMapProps } from './LiveMap';
