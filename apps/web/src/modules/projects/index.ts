/**
 * The start-up project library (创业项目库): the public library searched in words and pinyin, a
 * project's page with the adoption request, 我的项目 for posters and adopters, and the
 * human-resources bureau's admission and verification.
 */
export { projectsManifest } from './projects.manifest';
