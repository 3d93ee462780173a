-- Activity events are what points will be computed from: corrections are new events, never edits.
CREATE TRIGGER activity_events_no_update BEFORE UPDATE ON activity_events
BEGIN
	SELECT RAISE(ABORT, 'activity_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER activity_events_no_delete BEFORE DELETE ON activity_events
BEGIN
	SELECT RAISE(ABORT, 'activity_events is append-only');
END;
