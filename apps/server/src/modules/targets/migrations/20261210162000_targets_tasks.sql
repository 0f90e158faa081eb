-- Tasks (工作任务) of the catalogue's documents are tracked beside the targets: a task has no figure
-- of its own, so its indicator is its completion (完成进度, at least 100 %), reported by its lead unit.
ALTER TABLE targets_targets ADD COLUMN kind text NOT NULL DEFAULT 'target' CHECK (kind IN ('target','task'));
