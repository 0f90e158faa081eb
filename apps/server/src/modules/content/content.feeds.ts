/**
 * The portal's feeds and site map: RSS 2.0 of the latest news and notices, RSS 2.0 of newly
 * published policies (the catalogue's publications), and /sitemap.xml (sitemaps.org 0.9) of the
 * public pages — the directories, every published content item and every catalogue item.
 */
import type { Db } from '../../platform/database.js';
import type { Clock } from '../../platform/clock.js';
import { publishedItemIds, recentlyPublished } from '../policies/index.js';
import * as repo from './content.repository.js';

const esc = (text: string) =>
  text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

interface FeedItem {
  title: string;
  link: string;
  description: string;
  date: Date;
  guid: string;
}

function rss(channel: { title: string; link: string; self: string; description: string }, items: FeedItem[], now: Date): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${esc(channel.title)}</title>`,
    `<link>${esc(channel.link)}</link>`,
    `<atom:link href="${esc(channel.self)}" rel="self" type="application/rss+xml"/>`,
    `<description>${esc(channel.description)}</description>`,
    '<language>zh-cn</language>',
    `<lastBuildDate>${(items[0]?.date ?? now).toUTCString()}</lastBuildDate>`,
    ...items.map(
      (i) =>
        `<item><title>${esc(i.title)}</title><link>${esc(i.link)}</link><guid isPermaLink="false">${esc(i.guid)}</guid><pubDate>${i.date.toUTCString()}</pubDate><description>${esc(i.description)}</description></item>`,
    ),
    '</channel>',
    '</rss>',
  ];
  return lines.join('\n') + '\n';
}

/** News and notices (and interpretations and videos), the 50 latest public ones. */
export async function newsFeed(deps: { db: Db; clock: Clock }, origin: string): Promise<string> {
  const now = deps.clock.now();
  const rows = await repo.findContent(deps.db, { publicAt: now, limit: 50 });
  return rss(
    { title: '双创资讯 / News', link: `${origin}/news`, self: `${origin}/feeds/news.xml`, description: '新闻、通知公告、政策解读与视频 / News, notices, policy interpretations and videos' },
    rows.map((r) => ({ title: r.title, link: `${origin}/news/${r.id}`, description: r.summary, date: r.publish_at!, guid: `content:${r.id}` })),
    now,
  );
}

/** Newly published policies: the 50 latest publications of catalogue items. */
export async function policiesFeed(deps: { db: Db; clock: Clock }, origin: string): Promise<string> {
  const rows = await recentlyPublished(deps.db, 50);
  return rss(
    { title: '新发布政策 / New policies', link: `${origin}/policies`, self: `${origin}/feeds/policies.xml`, description: '政策库新发布和修订的政策事项 / Policy items newly published or revised' },
    rows.map((r) => ({ title: r.version > 1 ? `${r.zh}（第 ${r.version} 版）` : r.zh, link: `${origin}/policies/${encodeURIComponent(r.id)}`, description: r.en, date: r.publishedAt, guid: `policy:${r.id}:${r.version}` })),
    deps.clock.now(),
  );
}

/** The public pages people and search engines may visit. */
const STATIC_PAGES = ['/', '/news', '/policies', '/calculator', '/publicity', '/market', '/market/providers', '/crowd', '/crowd/posts', '/instruments', '/carriers'];

export async function sitemap(deps: { db: Db; clock: Clock }, origin: string): Promise<string> {
  const content = await repo.findContent(deps.db, { publicAt: deps.clock.now(), limit: 5000 });
  const policies = await publishedItemIds(deps.db);
  const urls = [
    ...STATIC_PAGES.map((p) => ({ loc: `${origin}${p}`, lastmod: null as string | null })),
    ...content.map((r) => ({ loc: `${origin}/news/${r.id}`, lastmod: r.publish_at!.toISOString().slice(0, 10) })),
    ...policies.map((id) => ({ loc: `${origin}/policies/${encodeURIComponent(id)}`, lastmod: null })),
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls.map((u) => `<url><loc>${esc(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ''}</url>`),
    '</urlset>',
  ].join('\n') + '\n';
}
