/** The home page (search, the policies worth most, figures from the data; signed in, my work) and the applicant's overview (/me). */
export { homeManifest } from './home.manifest';
