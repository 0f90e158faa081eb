-- The department that pays awarded money (拨付) in a region: configuration per region. It was
-- found through the lead-unit mapping of the unit named 市财政局; that row stays for the items the
-- finance bureau leads, and the paying department is now its own setting.
CREATE TABLE fulfilment_paying_departments (
  region_code     text PRIMARY KEY REFERENCES core_regions(code),
  organisation_id uuid NOT NULL REFERENCES identity_organisations(id),
  note            text
);
CREATE INDEX fulfilment_paying_departments_organisation ON fulfilment_paying_departments (organisation_id);

INSERT INTO fulfilment_paying_departments (region_code, organisation_id, note)
SELECT region_code, organisation_id, note FROM fulfilment_departments WHERE lead_unit = '市财政局';
