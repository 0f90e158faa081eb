import type { WebModule } from '../../app/module';

/** Components only (region and industry pickers): no page and no navigation entry. */
export const regionsManifest: WebModule = { name: 'regions' };
