CREATE TABLE `credit_reports` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`number` varchar(32) NOT NULL,
	`uscc` char(18) NOT NULL,
	`kind` enum('PUBLIC_CREDIT','SPECIAL') NOT NULL,
	`issued_at` datetime(3) NOT NULL,
	`recipient_kind` enum('INSTITUTION','GOVERNMENT','SUBJECT') NOT NULL,
	`recipient` varchar(100) NOT NULL,
	`purpose` varchar(100) NOT NULL,
	`period_from` date,
	`period_to` date,
	`request_id` varchar(200) NOT NULL,
	`document` mediumtext NOT NULL,
	`digest` char(64) NOT NULL,
	`signature` varchar(128) NOT NULL,
	CONSTRAINT `credit_reports_id` PRIMARY KEY(`id`),
	CONSTRAINT `credit_reports_number` UNIQUE(`number`)
);
--> statement-breakpoint
CREATE INDEX `credit_reports_uscc` ON `credit_reports` (`uscc`,`issued_at`);