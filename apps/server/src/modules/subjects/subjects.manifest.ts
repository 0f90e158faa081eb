import type { ModuleManifest } from '../../platform/module.js';
import { subjectRoutes } from './subjects.routes.js';
import { subjectStatistics } from './subjects.statistics.js';

declare module '../../platform/access.js' {
  interface ModulePermissions {
    'subjects.read_any': true;
    'subjects.verify': true;
  }
}

export const subjectsManifest = {
  name: 'subjects',
  label: { zh: '一企一档', en: 'Subject profiles' },
  permissions: [
    {
      name: 'subjects.read_any',
      label: { zh: '查阅辖区内的档案', en: 'Read the profiles in the department’s regions' },
      roles: ['officer', 'reviewer', 'finance', 'programme_office', 'dept_admin'],
    },
    { name: 'subjects.verify', label: { zh: '核验档案信息', en: 'Verify profile facts' }, roles: ['officer', 'reviewer'] },
  ],
  routes: subjectRoutes,
  events: { emits: ['subject.facts_changed'] },
  migrations: new URL('./migrations/', import.meta.url),
  statistics: subjectStatistics,
} satisfies ModuleManifest;
