CREATE TABLE `report_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`report_id` integer NOT NULL,
	`version` integer NOT NULL,
	`narrative` text NOT NULL,
	`figures` text NOT NULL,
	`cutoff_day` text NOT NULL,
	`cutoff_at` integer NOT NULL,
	`due_on` text NOT NULL,
	`on_time` integer NOT NULL,
	`submitted_by` integer NOT NULL,
	`submitted_at` integer NOT NULL,
	FOREIGN KEY (`report_id`) REFERENCES `reports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`submitted_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_versions_idx` ON `report_versions` (`report_id`,`version`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`period_id` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`cutoff_day` text DEFAULT '' NOT NULL,
	`narrative` text NOT NULL,
	`return_reason` text,
	`returned_by` integer,
	`returned_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`returned_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reports_unit_period_idx` ON `reports` (`campaign_id`,`unit_id`,`period_id`);--> statement-breakpoint
-- A submitted version is what the level above received: a correction is a new version, never an edit.
CREATE TRIGGER report_versions_no_update BEFORE UPDATE ON report_versions
BEGIN
	SELECT RAISE(ABORT, 'report_versions is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER report_versions_no_delete BEFORE DELETE ON report_versions
BEGIN
	SELECT RAISE(ABORT, 'report_versions is append-only');
END;
