DROP INDEX `nominations_subject_idx`;--> statement-breakpoint
ALTER TABLE `nominations` ADD `subject_kind` text DEFAULT 'collective' NOT NULL;--> statement-breakpoint
UPDATE `nominations` SET `subject_kind` = 'individual' WHERE `subject_type` = 'member';--> statement-breakpoint
ALTER TABLE `nominations` ADD `ad_hoc` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `nominations_subject_idx` ON `nominations` (`campaign_id`,`period_id`,`form_code`,`subject_type`,`subject_id`,`ad_hoc`);
