ALTER TABLE `initiatives` ADD `featured_at` integer;--> statement-breakpoint
ALTER TABLE `initiatives` ADD `featured_by` integer REFERENCES people(id);--> statement-breakpoint
CREATE INDEX `initiatives_featured_idx` ON `initiatives` (`featured_at`);