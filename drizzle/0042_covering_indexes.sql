DROP INDEX `initiatives_status_idx`;--> statement-breakpoint
CREATE INDEX `initiatives_status_idx` ON `initiatives` (`status`,`started_on`,`id`);--> statement-breakpoint
DROP INDEX `point_entries_subject_idx`;--> statement-breakpoint
CREATE INDEX `point_entries_subject_idx` ON `point_entries` (`subject_type`,`subject_id`,`campaign_id`,`activity_date`,`scope_path`,`points`);