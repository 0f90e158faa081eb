/** The public home page: what Seedbed is and who it serves. */
export { homeRoutes } from './home.routes';
