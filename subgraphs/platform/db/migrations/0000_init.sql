CREATE TABLE `access_log` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`at` datetime(3) NOT NULL,
	`request_id` varchar(200) NOT NULL,
	`caller_kind` enum('INSTITUTION','GOVERNMENT','SUBJECT') NOT NULL,
	`organisation` varchar(100),
	`department` varchar(100),
	`purpose` varchar(32),
	`uscc` char(18) NOT NULL,
	`domain` varchar(32) NOT NULL,
	`fields` text NOT NULL,
	CONSTRAINT `access_log_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `authorisations` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`uscc` char(18) NOT NULL,
	`organisation` varchar(64) NOT NULL,
	`domains` varchar(300) NOT NULL,
	`purposes` varchar(200) NOT NULL,
	`valid_until` date NOT NULL,
	`form` enum('ONLINE','PAPER') NOT NULL,
	`evidence_reference` varchar(200),
	`recorded_by` varchar(100),
	`granted_at` datetime(3) NOT NULL,
	`revoked_at` datetime(3),
	`revoked_by` varchar(100),
	CONSTRAINT `authorisations_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `demo_loads` (
	`seed` varchar(64) NOT NULL,
	`entities` int unsigned NOT NULL,
	`loaded_at` varchar(30) NOT NULL,
	CONSTRAINT `demo_loads_seed` PRIMARY KEY(`seed`)
);
--> statement-breakpoint
CREATE INDEX `access_log_uscc_at` ON `access_log` (`uscc`,`at`,`id`);--> statement-breakpoint
CREATE INDEX `access_log_organisation_at` ON `access_log` (`organisation`,`at`,`id`);--> statement-breakpoint
CREATE INDEX `access_log_at` ON `access_log` (`at`,`id`);--> statement-breakpoint
CREATE INDEX `access_log_request` ON `access_log` (`request_id`);--> statement-breakpoint
CREATE INDEX `authorisations_organisation_uscc` ON `authorisations` (`organisation`,`uscc`);--> statement-breakpoint
CREATE INDEX `authorisations_uscc` ON `authorisations` (`uscc`);