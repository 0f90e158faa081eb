/**
 * Lists (清单): each department's 涉企收费目录清单 and 权责清单 in numbered, append-only
 * revisions (legal basis, change note, the rows), the public diff of each revision field by
 * field, and complaints of fees charged but not on the list (乱收费), routed to the department,
 * answered within working days on the working calendar, and published without personal data.
 */
export type { ListTables } from './lists.tables.js';
export { listsManifest } from './lists.manifest.js';
