CREATE TABLE `nomination_steps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`nomination_id` integer NOT NULL,
	`at` integer NOT NULL,
	`step` text NOT NULL,
	`unit_id` integer NOT NULL,
	`note` text,
	FOREIGN KEY (`nomination_id`) REFERENCES `nominations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `nominations` ADD `at_unit_id` integer REFERENCES units(id);--> statement-breakpoint
ALTER TABLE `nominations` ADD `evidence` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
UPDATE `nominations` SET `at_unit_id` = (SELECT `owner_unit_id` FROM `campaigns` WHERE `campaigns`.`id` = `nominations`.`campaign_id`);--> statement-breakpoint
INSERT INTO `nomination_steps` (`nomination_id`, `at`, `step`, `unit_id`) SELECT `id`, `created_at`, 'proposed', `unit_id` FROM `nominations`;
