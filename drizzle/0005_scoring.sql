CREATE TABLE `badge_awards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`badge_code` text NOT NULL,
	`level` integer NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` integer NOT NULL,
	`period_code` text NOT NULL,
	`awarded_at` integer NOT NULL,
	`evidence` text NOT NULL,
	`revoked_at` integer,
	`revoke_reason` text,
	FOREIGN KEY (`badge_code`) REFERENCES `badge_definitions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `badge_awards_key` ON `badge_awards` (`badge_code`,`level`,`subject_type`,`subject_id`,`period_code`);--> statement-breakpoint
CREATE INDEX `badge_awards_subject_idx` ON `badge_awards` (`subject_type`,`subject_id`);--> statement-breakpoint
CREATE TABLE `badge_definitions` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`how_to_earn` text NOT NULL,
	`icon` text NOT NULL,
	`spec` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`position` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `period_standings` (
	`period_id` integer NOT NULL,
	`board_key` text NOT NULL,
	`subject_id` integer NOT NULL,
	`points` integer NOT NULL,
	`rank` integer NOT NULL,
	`position` integer NOT NULL,
	`frozen_at` integer NOT NULL,
	FOREIGN KEY (`period_id`) REFERENCES `periods`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `period_standings_pk` ON `period_standings` (`period_id`,`board_key`,`subject_id`);--> statement-breakpoint
CREATE TABLE `periods` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`grace_days` integer DEFAULT 15 NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`closed_at` integer,
	`closed_by` integer,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `periods_code_idx` ON `periods` (`campaign_id`,`code`);--> statement-breakpoint
CREATE TABLE `point_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`initiative_id` integer NOT NULL,
	`rule_set_version` integer NOT NULL,
	`rule_code` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` integer NOT NULL,
	`points` integer NOT NULL,
	`activity_date` text NOT NULL,
	`scope_path` text NOT NULL,
	`content_area` text,
	`kind` text NOT NULL,
	`reverses_entry_id` integer,
	`recompute_run` text DEFAULT '' NOT NULL,
	`reason` text,
	`created_at` integer NOT NULL,
	`idempotency_key` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `activity_events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `point_entries_idempotencyKey_unique` ON `point_entries` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `point_entries_subject_idx` ON `point_entries` (`subject_type`,`subject_id`);--> statement-breakpoint
CREATE INDEX `point_entries_event_idx` ON `point_entries` (`event_id`);--> statement-breakpoint
CREATE INDEX `point_entries_initiative_idx` ON `point_entries` (`initiative_id`);--> statement-breakpoint
CREATE TABLE `recompute_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`rule_set_version` integer NOT NULL,
	`status` text NOT NULL,
	`diff` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`applied_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `rule_sets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`version` integer NOT NULL,
	`status` text NOT NULL,
	`effective_from` text NOT NULL,
	`definition` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`published_at` integer,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rule_sets_version_idx` ON `rule_sets` (`campaign_id`,`version`);