-- Carriers (双创载体): maker spaces, incubators, accelerators and bases run by an operator
-- organisation (kind carrier_operator), their recognitions over time, and their tenants.
-- Tenancies are linked to subject profiles (一企一档) by credit code; the profile's facts are
-- written through the subjects module (source registry:carriers), never here.

CREATE TABLE carriers (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id  uuid NOT NULL REFERENCES identity_organisations(id),
  name             text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
  kind             text NOT NULL CHECK (kind IN ('maker_space','incubator','accelerator','nursery','student_base','micro_park','ecommerce_base','incubation_building')),
  address          text NOT NULL CHECK (length(address) BETWEEN 2 AND 200),
  region_code      text NOT NULL REFERENCES core_regions(code),
  area_total_m2    integer NOT NULL CHECK (area_total_m2 > 0),
  area_tenant_m2   integer NOT NULL CHECK (area_tenant_m2 >= 0),
  area_public_m2   integer NOT NULL CHECK (area_public_m2 >= 0),
  services         text NOT NULL CHECK (length(services) <= 2000),
  search           tsvector NOT NULL,
  created_by       uuid NOT NULL REFERENCES identity_users(id),
  created_at       timestamptz NOT NULL,
  -- the space for tenants and for public services are parts of the whole
  CONSTRAINT carriers_areas_within_total CHECK (area_tenant_m2 + area_public_m2 <= area_total_m2),
  CONSTRAINT carriers_name_unique UNIQUE (region_code, name)
);
CREATE INDEX carriers_search ON carriers USING gin (search);
CREATE INDEX carriers_operator ON carriers (organisation_id);

-- A recognition (认定/备案) at a level by an issuer: national (the issuer has no region) or the
-- level of the issuer's region (province → provincial, city → city, district → district).
CREATE TABLE carrier_recognitions (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  carrier_id         uuid NOT NULL REFERENCES carriers(id),
  level              text NOT NULL CHECK (level IN ('national','provincial','city','district')),
  issuer             text NOT NULL CHECK (length(issuer) BETWEEN 2 AND 100),
  issuer_region_code text REFERENCES core_regions(code),
  recognised_on      date NOT NULL,
  valid_until        date,
  recorded_by        uuid NOT NULL REFERENCES identity_users(id),
  recorded_at        timestamptz NOT NULL,
  CONSTRAINT carrier_recognitions_national_issuer CHECK ((level = 'national') = (issuer_region_code IS NULL)),
  CONSTRAINT carrier_recognitions_validity CHECK (valid_until IS NULL OR valid_until >= recognised_on),
  CONSTRAINT carrier_recognitions_unique UNIQUE (carrier_id, level, recognised_on)
);

-- A firm's or team's stay in a carrier: entered, and left or graduated (with the reason).
-- One firm's stays in one carrier never overlap; nobody leaves before entering.
CREATE TABLE carrier_tenancies (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  carrier_id        uuid NOT NULL REFERENCES carriers(id),
  subject_id        uuid NOT NULL REFERENCES subjects(id),
  lease             text NOT NULL CHECK (length(lease) <= 200),
  area_m2           integer NOT NULL CHECK (area_m2 > 0),
  entered_on        date NOT NULL,
  left_on           date,
  exit              text CHECK (exit IN ('left','graduated')),
  graduation_reason text CHECK (graduation_reason IN ('grew_out','acquired','listed','moved')),
  recorded_by       uuid NOT NULL REFERENCES identity_users(id),
  created_at        timestamptz NOT NULL,
  CONSTRAINT carrier_tenancies_leave_after_enter CHECK (left_on IS NULL OR left_on > entered_on),
  CONSTRAINT carrier_tenancies_exit_with_date CHECK ((exit IS NULL) = (left_on IS NULL)),
  CONSTRAINT carrier_tenancies_reason_for_graduates CHECK (CASE WHEN exit = 'graduated' THEN graduation_reason IS NOT NULL ELSE graduation_reason IS NULL END),
  CONSTRAINT carrier_tenancies_no_overlap EXCLUDE USING gist (carrier_id WITH =, subject_id WITH =, daterange(entered_on, left_on, '[)') WITH &&)
);
CREATE INDEX carrier_tenancies_subject ON carrier_tenancies (subject_id);

-- A carrier's annual statistics in the torch statistics' shape (火炬统计): tenants, firms ever
-- entered and graduates come from the tenancy records when filed; jobs, revenue, R&D, IP and
-- investment are what the carrier reports. The science bureau accepts or returns (with reason).
CREATE TABLE carrier_annual_reports (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  carrier_id      uuid NOT NULL REFERENCES carriers(id),
  year            integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  tenants         integer NOT NULL CHECK (tenants >= 0),
  tenants_ever    integer NOT NULL CHECK (tenants_ever >= 0),
  graduates       integer NOT NULL CHECK (graduates >= 0),
  jobs            integer NOT NULL CHECK (jobs >= 0),
  revenue_fen     bigint NOT NULL CHECK (revenue_fen >= 0),
  rd_fen          bigint NOT NULL CHECK (rd_fen >= 0),
  ip_count        integer NOT NULL CHECK (ip_count >= 0),
  investment_fen  bigint NOT NULL CHECK (investment_fen >= 0),
  status          text NOT NULL CHECK (status IN ('filed','accepted','returned')),
  return_reason   text CHECK (return_reason IS NULL OR length(return_reason) BETWEEN 1 AND 1000),
  filed_by        uuid NOT NULL REFERENCES identity_users(id),
  filed_at        timestamptz NOT NULL,
  reviewed_by     uuid REFERENCES identity_users(id),
  reviewed_at     timestamptz,
  CONSTRAINT carrier_annual_graduates_within_tenants CHECK (graduates <= tenants_ever AND tenants <= tenants_ever),
  CONSTRAINT carrier_annual_returned_with_reason CHECK ((status = 'returned') = (return_reason IS NOT NULL)),
  CONSTRAINT carrier_annual_reviewed CHECK ((status = 'filed') = (reviewed_at IS NULL)),
  CONSTRAINT carrier_annual_once UNIQUE (carrier_id, year)
);
