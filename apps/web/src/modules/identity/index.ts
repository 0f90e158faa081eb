/**
 * Identity: signing in (with a second factor), registering a person or an enterprise account.
 * The session itself (who is signed in, logout) lives in the app shell (app/auth.tsx).
 */
export { identityManifest } from './identity.manifest';
