ALTER TABLE `campaigns` ADD `team_settings` text;--> statement-breakpoint
-- A teams section kept under the words for a while (before this column) moves to its own column.
UPDATE `campaigns` SET `team_settings` = json_extract(`vocabulary`, '$.teams'), `vocabulary` = json_remove(`vocabulary`, '$.teams') WHERE json_extract(`vocabulary`, '$.teams') IS NOT NULL;
