export { interconnectManifest } from './interconnect.manifest';
