/**
 * The enterprise directory (企业名录): enterprises that choose to be listed publicly (公开展示),
 * shown with their name, industry and district, a short introduction and a few products. Only
 * what the enterprise wrote here is public; opting out removes it at once.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ListOf, RegionCode, Uuid } from './common.js';
import { Instant } from './time.js';

export const DIRECTORY_MAX_PRODUCTS = 8;
export const DIRECTORY_PAGE_SIZE = 20;

export const DirectoryProductBody = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 40 }),
    description: Type.String({ maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type DirectoryProductBody = Static<typeof DirectoryProductBody>;

export const DirectoryListingBody = Type.Object(
  {
    introduction: Type.String({ minLength: 10, maxLength: 500 }),
    products: Type.Array(DirectoryProductBody, { maxItems: DIRECTORY_MAX_PRODUCTS }),
  },
  { additionalProperties: false },
);
export type DirectoryListingBody = Static<typeof DirectoryListingBody>;

export const DirectoryProduct = Type.Object({ name: Type.String(), description: Type.String() });
export type DirectoryProduct = Static<typeof DirectoryProduct>;

/** A listed enterprise as the public sees it. */
export const DirectoryEnterprise = Type.Object({
  organisationId: Uuid,
  name: Type.String(),
  industry: Type.Union([Type.String(), Type.Null()]),
  regionCode: Type.String(),
  regionName: Type.String(),
  introduction: Type.String(),
  products: Type.Array(DirectoryProduct),
  listedAt: Instant,
});
export type DirectoryEnterprise = Static<typeof DirectoryEnterprise>;

export const DirectoryList = ListOf(DirectoryEnterprise);
export type DirectoryList = Static<typeof DirectoryList>;

export const DirectoryQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    region: Type.Optional(RegionCode),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export type DirectoryQuery = Static<typeof DirectoryQuery>;

/** An enterprise I act for, and whether (and how) it is listed. */
export const MyDirectoryListing = Type.Object({
  organisationId: Uuid,
  /** The enterprise's profile (一企一档), where the listing is chosen. */
  subjectId: Type.Union([Uuid, Type.Null()]),
  name: Type.String(),
  industry: Type.Union([Type.String(), Type.Null()]),
  regionName: Type.String(),
  listed: Type.Boolean(),
  introduction: Type.String(),
  products: Type.Array(DirectoryProduct),
});
export type MyDirectoryListing = Static<typeof MyDirectoryListing>;
