ALTER TABLE `people` ADD `badges_seen_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `people` SET `badges_seen_at` = CAST(strftime('%s', 'now') AS INTEGER) * 1000;
