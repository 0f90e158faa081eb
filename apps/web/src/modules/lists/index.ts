/**
 * Lists (清单): the public fee and power lists with each revision's changes, complaints of fees
 * not on a list, and the departments' desk to revise their lists and answer complaints.
 */
export { listsManifest } from './lists.manifest';
