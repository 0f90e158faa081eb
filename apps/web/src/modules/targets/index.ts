export { targetsManifest } from './targets.manifest';
