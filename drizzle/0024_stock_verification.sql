ALTER TABLE `stock_values` ADD `verified_value` real;--> statement-breakpoint
ALTER TABLE `stock_values` ADD `verified_by` integer REFERENCES people(id);--> statement-breakpoint
ALTER TABLE `stock_values` ADD `verified_at` integer;