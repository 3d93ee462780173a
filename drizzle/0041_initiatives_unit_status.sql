DROP INDEX `initiatives_unit_idx`;--> statement-breakpoint
CREATE INDEX `initiatives_unit_status_idx` ON `initiatives` (`unit_id`,`status`);