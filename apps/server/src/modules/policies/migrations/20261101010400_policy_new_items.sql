-- Officers add new policy items: a new item exists first as an unpublished draft (version 1),
-- so policy_items.current_version is NULL until its first publication. The public library,
-- the finder and fulfilment read only items with a published version.
ALTER TABLE policy_items ALTER COLUMN current_version DROP NOT NULL;
