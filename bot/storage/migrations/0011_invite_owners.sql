-- Placeholder so that this branch's migrations run 1..N without a gap: number 11 belongs to the
-- i15-inv branch (invitation owners). On merge, take that branch's file instead of this one.
SELECT 1;
