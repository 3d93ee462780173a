CREATE TABLE `signing_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`public_key` text NOT NULL,
	`private_key` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `nominations` ADD `revoked_at` integer;--> statement-breakpoint
ALTER TABLE `nominations` ADD `revoked_reason` text;