/**
 * Subjects (一企一档): one profile per enterprise, per person, per carrier (held by its operator) and per
 * service provider or financial institution, made of dated facts that
 * record their source (declared, or verified by a named registry). Facts use the rule
 * variables' names, so every later capability (finder, fulfilment, credit) reads the same
 * profile. Personal identifiers are stored encrypted and always shown masked.
 */
export type { SubjectKind, SubjectTables } from './subjects.tables.js';
export {
  accountHolders,
  carrierSubjectId,
  createCarrierSubject,
  createEnterpriseSubject,
  createOrganisationSubject,
  PROFILE_OF_ORGANISATION,
  createPersonSubject,
  factsForRules,
  getProfile,
  listMine,
  recordFacts,
  subjectName,
  type SubjectDeps,
} from './subjects.service.js';
export { ORGANISATION_PROFILE_KINDS, subjectVariables, variableFor, type SubjectVariable } from './subject-variables.js';
export { checkFactValue, creditCodeError } from './fact-values.js';
export { classifySize, SECTOR_RULES, SIZE_CLASS_REVISION, sizeClassOf, type SizeClass } from './size-class.js';
export { hasDemoPopulation, insertDemoPopulation, type DemoSubject } from './subjects.demo.js';
export { subjectsManifest } from './subjects.manifest.js';
