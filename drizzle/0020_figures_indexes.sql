DROP INDEX `activity_events_initiative_idx`;--> statement-breakpoint
CREATE INDEX `activity_events_initiative_at_idx` ON `activity_events` (`initiative_id`,`at`,`id`,`type`);--> statement-breakpoint
CREATE INDEX `initiatives_type_day_idx` ON `initiatives` (`activity_type_id`,`ended_on`,`unit_id`,`status`);