/** The public home page: what Seedbed is and who it serves. */
export { homeManifest } from './home.manifest';
