/** The public policy library (Chinese, pinyin and initials search with filters) and the policy page. */
export { policiesManifest } from './policies.manifest';
export { PolicyItemName } from './policy-name';
