-- A team decision's workloads as its owner set them (JSON: ordered names and
-- kinds). NULL: none set, the whole system as one, as every earlier decision.
ALTER TABLE decisions ADD COLUMN workloads TEXT;
