ALTER TABLE `initiatives` ADD `send_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `initiatives_send_key_idx` ON `initiatives` (`author_id`,`send_key`);