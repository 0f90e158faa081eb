/** The public policy library (Chinese, pinyin and initials search with filters) and the policy page. */
export { policiesRoutes } from './policies.routes';
export { PolicyItemName } from './policy-name';
