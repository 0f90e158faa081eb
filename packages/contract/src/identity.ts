import { Type, type Static } from '@sinclair/typebox';
import { RegionCode, Uuid } from './common.js';

export const ORGANISATION_KINDS = [
  'government',
  'enterprise',
  'service_provider',
  'carrier_operator',
  'financial_institution',
  'instrument_owner',
  'investor',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Every role a member of an organisation can hold. */
export const ROLES = ['officer', 'reviewer', 'expert', 'finance', 'programme_office', 'dept_admin', 'financial_regulator', 'owner', 'member'] as const;
export type Role = (typeof ROLES)[number];

/** Roles a member can hold, by organisation kind. */
export const ROLES_BY_KIND: Record<OrganisationKind, readonly Role[]> = {
  government: ['officer', 'reviewer', 'expert', 'finance', 'programme_office', 'dept_admin', 'financial_regulator'],
  enterprise: ['owner', 'member'],
  service_provider: ['owner', 'member'],
  carrier_operator: ['owner', 'member'],
  financial_institution: ['owner', 'member'],
  instrument_owner: ['owner', 'member'],
  investor: ['owner', 'member'],
};

const Username = Type.String({
  minLength: 3,
  maxLength: 64,
  pattern: '^[A-Za-z0-9_.@+-]+$',
  description: 'Letters, digits and _ . @ + -',
});
const Password = Type.String({ minLength: 10, maxLength: 128, description: 'At least 10 characters' });
const DisplayName = Type.String({ minLength: 1, maxLength: 100 });

export const RegisterBody = Type.Object(
  {
    accountType: Type.Union([Type.Literal('person'), Type.Literal('enterprise'), Type.Literal('service_provider'), Type.Literal('instrument_owner'), Type.Literal('carrier_operator'), Type.Literal('investor')], {
      description:
        'service_provider: a third-party service provider (第三方专业服务机构), applying for certification in the marketplace; instrument_owner: a laboratory or firm sharing its instruments (仪器共享); carrier_operator: the operator of a maker space, incubator or base (双创载体); investor: an angel investor, venture capital firm or fund (天使、创投、引导基金), whose directory entry the finance office verifies. Each has its organisation in `enterprise` (credit code checked as an enterprise\'s) and no profile',
    }),
    username: Username,
    password: Password,
    displayName: DisplayName,
    enterprise: Type.Optional(
      Type.Object(
        {
          creditCode: Type.String({ minLength: 1, maxLength: 18 }),
          name: Type.String({ minLength: 2, maxLength: 200 }),
          regionCode: RegionCode,
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBody>;

export const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 128 }) },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const MfaBody = Type.Object(
  { ticket: Type.String({ minLength: 10, maxLength: 200 }), code: Type.String({ pattern: '^\\d{6}$' }) },
  { additionalProperties: false },
);
export type MfaBody = Static<typeof MfaBody>;

export const UserSummary = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  isPlatformAdmin: Type.Boolean(),
  mfaEnabled: Type.Boolean(),
});
export type UserSummary = Static<typeof UserSummary>;

export const LoginResult = Type.Union([
  Type.Object({ status: Type.Literal('ok'), user: UserSummary }),
  Type.Object({ status: Type.Literal('mfa_required'), ticket: Type.String() }),
  Type.Object({
    status: Type.Literal('mfa_enrol'),
    ticket: Type.String(),
    secret: Type.String(),
    otpauthUrl: Type.String(),
  }),
]);
export type LoginResult = Static<typeof LoginResult>;

/** A session exists: the answer of a completed second factor and of a registration. */
export const SignedIn = Type.Object({ status: Type.Literal('ok'), user: UserSummary });
export type SignedIn = Static<typeof SignedIn>;

export const Membership = Type.Object({
  organisationId: Uuid,
  organisationName: Type.String(),
  organisationKind: Type.String(),
  roles: Type.Array(Type.String()),
});
export type Membership = Static<typeof Membership>;

export const Me = Type.Object({
  user: UserSummary,
  memberships: Type.Array(Membership),
  permissions: Type.Array(Type.String()),
});
export type Me = Static<typeof Me>;

export const CsrfToken = Type.Object({ token: Type.String() });

export const Organisation = Type.Object({
  id: Uuid,
  name: Type.String(),
  kind: Type.String(),
  regionCode: Type.String(),
  regionName: Type.Union([Type.String(), Type.Null()]),
  parentId: Type.Union([Uuid, Type.Null()]),
  creditCode: Type.Union([Type.String(), Type.Null()]),
  memberCount: Type.Integer(),
  createdAt: Type.String(),
});
export type Organisation = Static<typeof Organisation>;

export const CreateOrganisationBody = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 200 }),
    kind: Type.Union(ORGANISATION_KINDS.map((k) => Type.Literal(k))),
    regionCode: RegionCode,
    parentId: Type.Optional(Uuid),
    creditCode: Type.Optional(Type.String({ minLength: 18, maxLength: 18 })),
  },
  { additionalProperties: false },
);
export type CreateOrganisationBody = Static<typeof CreateOrganisationBody>;

export const UpdateOrganisationBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 200 })),
    regionCode: Type.Optional(RegionCode),
    parentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateOrganisationBody = Static<typeof UpdateOrganisationBody>;

export const AdminUser = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  isPlatformAdmin: Type.Boolean(),
  mfaEnabled: Type.Boolean(),
  lockedUntil: Type.Union([Type.String(), Type.Null()]),
  memberships: Type.Array(Membership),
  createdAt: Type.String(),
});
export type AdminUser = Static<typeof AdminUser>;

export const CreateUserBody = Type.Object(
  { username: Username, displayName: DisplayName, password: Password, isPlatformAdmin: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const AddMemberBody = Type.Object(
  { userId: Uuid, roles: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { minItems: 1, maxItems: 10 }) },
  { additionalProperties: false },
);
export type AddMemberBody = Static<typeof AddMemberBody>;

export const MemberParams = Type.Object({ id: Uuid, userId: Uuid }, { additionalProperties: false });
export type MemberParams = Static<typeof MemberParams>;
