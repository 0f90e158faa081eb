import type { ModuleManifest } from '../../platform/module.js';
import { seedContentDemo } from './content.demo.js';
import { contentRoutes } from './content.routes.js';
import { contentStatistics } from './content.statistics.js';
import { contentSearchSource } from './content.search-source.js';

declare module '../../platform/access.js' {
  interface ModulePermissions {
    'content.write': true;
    'content.publish': true;
  }
}

export const contentManifest = {
  name: 'content',
  label: { zh: '资讯', en: 'News and content' },
  permissions: [
    { name: 'content.write', label: { zh: '撰写新闻、通知、政策解读和视频', en: 'Write news, notices, policy interpretations and videos' }, roles: ['officer', 'programme_office'] },
    { name: 'content.publish', label: { zh: '审核发布资讯（不能发布本人撰写的）', en: 'Review and publish content (never one’s own)' }, roles: ['reviewer', 'programme_office'] },
  ],
  routes: contentRoutes,
  migrations: new URL('./migrations/', import.meta.url),
  seedDemo: seedContentDemo,
  statistics: contentStatistics,
  searchSources: [contentSearchSource],
} satisfies ModuleManifest;
