-- The ledger is the truth every board is rebuilt from: corrections are new rows, never edits.
CREATE TRIGGER point_entries_no_update BEFORE UPDATE ON point_entries
BEGIN
	SELECT RAISE(ABORT, 'point_entries is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER point_entries_no_delete BEFORE DELETE ON point_entries
BEGIN
	SELECT RAISE(ABORT, 'point_entries is append-only');
END;
