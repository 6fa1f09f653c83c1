-- Placeholder so branch issue9-opaudit (operator audit, migration 0010) runs on its own: migrations must be numbered
-- without gaps. DROP THIS FILE AT MERGE: the other issue-9 branches bring the real 0008 (or renumber 0010).
SELECT 1;
