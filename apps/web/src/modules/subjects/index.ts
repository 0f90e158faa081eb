/**
 * Subjects (一企一档): the profile of an enterprise or a person, fact by fact, with where each
 * fact came from, whether it was verified and the date it describes.
 */
export { subjectsManifest } from './subjects.manifest';
export { formatFen, displayFen, parseMoney, type MoneyUnit } from './money';
export { useMySubjects, useProfileVariables, useSubject } from './subjects.api';
