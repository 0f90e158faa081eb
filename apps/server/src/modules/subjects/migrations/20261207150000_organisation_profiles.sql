-- Profiles (一企一档) of the organisations policies are also for: a carrier (载体: one per
-- carrier, held by its operator organisation), a service provider (服务机构: one per
-- organisation of kind service_provider or instrument_owner) and a financial institution (院所/
-- 金融机构: one per organisation of kind financial_institution). The catalogue's items of entity
-- carrier, provider and institution are evaluated against them.
--
-- `organisation_id` stays the owning organisation (whose members read and act for the profile);
-- it is unique per profile except for carriers, an operator running several. `carrier_id` is the
-- carriers module's row (no foreign key: the core tables do not point into a module's tables).
ALTER TABLE subjects DROP CONSTRAINT subjects_kind_check;
ALTER TABLE subjects ADD CONSTRAINT subjects_kind_check CHECK (kind IN ('enterprise','person','carrier','provider','institution'));
ALTER TABLE subjects ADD COLUMN carrier_id uuid UNIQUE;
ALTER TABLE subjects DROP CONSTRAINT subjects_organisation_id_key;
CREATE UNIQUE INDEX subjects_organisation_unique ON subjects (organisation_id) WHERE kind <> 'carrier';
CREATE INDEX subjects_organisation ON subjects (organisation_id);
ALTER TABLE subjects DROP CONSTRAINT subjects_check;
ALTER TABLE subjects ADD CONSTRAINT subjects_check CHECK (
  demo
  OR (kind = 'enterprise' AND organisation_id IS NOT NULL AND carrier_id IS NULL)
  OR (kind = 'person' AND user_id IS NOT NULL AND carrier_id IS NULL)
  OR (kind = 'carrier' AND organisation_id IS NOT NULL AND carrier_id IS NOT NULL)
  OR (kind IN ('provider','institution') AND organisation_id IS NOT NULL AND carrier_id IS NULL)
);

-- The organisations and carriers registered before this release get their profiles now, with the
-- region as their first (declared) fact, as the service makes them from here on.
INSERT INTO subjects (kind, name, region_code, organisation_id)
SELECT CASE WHEN o.kind = 'financial_institution' THEN 'institution' ELSE 'provider' END, o.name, o.region_code, o.id
  FROM identity_organisations o
 WHERE o.kind IN ('service_provider','instrument_owner','financial_institution')
   AND NOT EXISTS (SELECT 1 FROM subjects s WHERE s.organisation_id = o.id AND s.kind <> 'carrier');
INSERT INTO subjects (kind, name, region_code, organisation_id, carrier_id)
SELECT 'carrier', c.name, c.region_code, c.organisation_id, c.id
  FROM carriers c
 WHERE NOT EXISTS (SELECT 1 FROM subjects s WHERE s.carrier_id = c.id);
INSERT INTO subject_facts (subject_id, variable, value, source, verified, as_of)
SELECT s.id, 'region', to_jsonb(s.region_code), 'declared', false, current_date
  FROM subjects s
 WHERE s.kind IN ('carrier','provider','institution') AND s.region_code IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM subject_facts f WHERE f.subject_id = s.id AND f.variable = 'region' AND f.superseded_at IS NULL);
