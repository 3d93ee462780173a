CREATE TABLE `activity_measures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`activity_type_id` integer NOT NULL,
	`code` text NOT NULL,
	`label` text NOT NULL,
	`unit_label` text NOT NULL,
	`kind` text NOT NULL,
	`min` real NOT NULL,
	`max` real NOT NULL,
	`required` integer DEFAULT true NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`activity_type_id`) REFERENCES `activity_types`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activity_measures_code_idx` ON `activity_measures` (`activity_type_id`,`code`);--> statement-breakpoint
CREATE TABLE `activity_types` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`content_area_id` integer NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`content_area_id`) REFERENCES `content_areas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `activity_types_campaign_idx` ON `activity_types` (`campaign_id`);--> statement-breakpoint
CREATE TABLE `content_areas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `content_areas_code_idx` ON `content_areas` (`campaign_id`,`code`);--> statement-breakpoint
CREATE TABLE `team_focus` (
	`team_id` integer NOT NULL,
	`activity_type_id` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`activity_type_id`) REFERENCES `activity_types`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `team_focus_pk` ON `team_focus` (`team_id`,`activity_type_id`);--> statement-breakpoint
CREATE TABLE `team_invites` (
	`id` text PRIMARY KEY NOT NULL,
	`secret_hash` blob NOT NULL,
	`team_id` integer NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `team_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`joined_at` integer NOT NULL,
	`left_at` integer,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `team_members_team_idx` ON `team_members` (`team_id`);--> statement-breakpoint
CREATE INDEX `team_members_person_idx` ON `team_members` (`person_id`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`unit_id` integer NOT NULL,
	`leader_id` integer NOT NULL,
	`served_places` text NOT NULL,
	`helpers` text NOT NULL,
	`active_from` text NOT NULL,
	`active_to` text,
	`search_name` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`leader_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `teams_unit_idx` ON `teams` (`unit_id`);--> statement-breakpoint
CREATE TABLE `activity_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`initiative_id` integer NOT NULL,
	`type` text NOT NULL,
	`snapshot` text NOT NULL,
	`reason` text,
	`actor_id` integer NOT NULL,
	`actor_unit_id` integer,
	`at` integer NOT NULL,
	`idempotency_key` text NOT NULL,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `activity_events_idempotencyKey_unique` ON `activity_events` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `activity_events_initiative_idx` ON `activity_events` (`initiative_id`);--> statement-breakpoint
CREATE TABLE `initiative_measures` (
	`initiative_id` integer NOT NULL,
	`measure_id` integer NOT NULL,
	`value` real NOT NULL,
	`approved_value` real,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`measure_id`) REFERENCES `activity_measures`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `initiative_measures_pk` ON `initiative_measures` (`initiative_id`,`measure_id`);--> statement-breakpoint
CREATE TABLE `initiative_participants` (
	`initiative_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `initiative_participants_pk` ON `initiative_participants` (`initiative_id`,`person_id`);--> statement-breakpoint
CREATE TABLE `initiatives` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`team_id` integer,
	`activity_type_id` integer NOT NULL,
	`title` text NOT NULL,
	`story` text NOT NULL,
	`started_on` text NOT NULL,
	`ended_on` text NOT NULL,
	`place` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	`photos_show_children` integer DEFAULT false NOT NULL,
	`guardian_consent_by` integer,
	`guardian_consent_at` integer,
	`author_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`search_title` text NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`activity_type_id`) REFERENCES `activity_types`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`guardian_consent_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `initiatives_unit_idx` ON `initiatives` (`unit_id`);--> statement-breakpoint
CREATE INDEX `initiatives_status_idx` ON `initiatives` (`status`);--> statement-breakpoint
CREATE INDEX `initiatives_team_idx` ON `initiatives` (`team_id`);--> statement-breakpoint
CREATE TABLE `photos` (
	`id` text PRIMARY KEY NOT NULL,
	`initiative_id` integer NOT NULL,
	`position` integer NOT NULL,
	`sha256` text NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` integer,
	`removed_at` integer,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `photos_initiative_idx` ON `photos` (`initiative_id`);--> statement-breakpoint
CREATE INDEX `photos_sha_idx` ON `photos` (`sha256`);--> statement-breakpoint
ALTER TABLE `campaigns` ADD `grassroots_may_verify` integer DEFAULT false NOT NULL;