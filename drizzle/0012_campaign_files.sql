CREATE TABLE `campaign_levels` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`level_code` text NOT NULL,
	`label` text NOT NULL,
	`rank` integer NOT NULL,
	`boards` integer DEFAULT true NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`level_code`) REFERENCES `unit_levels`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaign_levels_idx` ON `campaign_levels` (`campaign_id`,`level_code`);--> statement-breakpoint
ALTER TABLE `campaigns` ADD `standing_office` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `vocabulary` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `award_forms` text;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `report_deadlines` text;--> statement-breakpoint
ALTER TABLE `activity_types` ADD `code` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `activity_types` ADD `measure_rules` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
-- Types made before campaign files get a code from their id, so each campaign's codes are unique.
UPDATE `activity_types` SET `code` = 'T' || `id`;--> statement-breakpoint
CREATE UNIQUE INDEX `activity_types_code_idx` ON `activity_types` (`campaign_id`,`code`);--> statement-breakpoint
ALTER TABLE `content_areas` ADD `parent_id` integer REFERENCES content_areas(id);--> statement-breakpoint
ALTER TABLE `content_areas` ADD `sector_tags` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `badge_definitions` ADD `campaign_id` integer REFERENCES campaigns(id);--> statement-breakpoint
-- Levels the seed plans 002 and 004 name; campaign files may add more.
INSERT OR IGNORE INTO `unit_levels` (`code`, `label`, `rank`) VALUES ('enterprise', 'Doanh nghiệp', 3), ('school', 'Trường học', 3);