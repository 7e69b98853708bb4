CREATE TABLE `blacklist_entries` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`uscc` char(18) NOT NULL,
	`source_department` varchar(100) NOT NULL,
	`source_id` varchar(64) NOT NULL,
	`reason` varchar(300) NOT NULL,
	`authority` varchar(100) NOT NULL,
	`listed_on` date NOT NULL,
	`removed_on` date,
	`removal_reason` varchar(300),
	CONSTRAINT `blacklist_entries_id` PRIMARY KEY(`id`),
	CONSTRAINT `blacklist_entries_source` UNIQUE(`source_department`,`source_id`)
);
--> statement-breakpoint
CREATE TABLE `credit_evaluations` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`uscc` char(18) NOT NULL,
	`source_department` varchar(100) NOT NULL,
	`source_id` varchar(64) NOT NULL,
	`year` smallint NOT NULL,
	`scheme` enum('NATIONAL','GREEN_BLUE_YELLOW_RED','A_TO_D') NOT NULL,
	`grade` varchar(16) NOT NULL,
	`evaluated_by` varchar(100) NOT NULL,
	`published_on` date,
	CONSTRAINT `credit_evaluations_id` PRIMARY KEY(`id`),
	CONSTRAINT `credit_evaluations_source` UNIQUE(`source_department`,`source_id`)
);
--> statement-breakpoint
CREATE TABLE `demo_loads` (
	`seed` varchar(64) NOT NULL,
	`entities` int unsigned NOT NULL,
	`loaded_at` varchar(30) NOT NULL,
	CONSTRAINT `demo_loads_seed` PRIMARY KEY(`seed`)
);
--> statement-breakpoint
CREATE TABLE `discharge_permits` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`uscc` char(18) NOT NULL,
	`source_department` varchar(100) NOT NULL,
	`source_id` varchar(64) NOT NULL,
	`permit_number` varchar(32) NOT NULL,
	`category` enum('KEY','SIMPLIFIED','REGISTRATION') NOT NULL,
	`industry` varchar(100) NOT NULL,
	`authority` varchar(100) NOT NULL,
	`issued_on` date NOT NULL,
	`valid_from` date NOT NULL,
	`valid_to` date,
	`status` enum('VALID','EXPIRED','REVOKED','CANCELLED') NOT NULL,
	CONSTRAINT `discharge_permits_id` PRIMARY KEY(`id`),
	CONSTRAINT `discharge_permits_source` UNIQUE(`source_department`,`source_id`)
);
--> statement-breakpoint
CREATE TABLE `environmental_penalties` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`uscc` char(18) NOT NULL,
	`source_department` varchar(100) NOT NULL,
	`source_id` varchar(64) NOT NULL,
	`decision_number` varchar(64) NOT NULL,
	`violation_type` varchar(100) NOT NULL,
	`facts` text NOT NULL,
	`basis` varchar(300) NOT NULL,
	`penalty_types` varchar(200) NOT NULL,
	`fine_amount` decimal(18,2),
	`severity` enum('MINOR','GENERAL','SERIOUS') NOT NULL,
	`authority` varchar(100) NOT NULL,
	`decided_on` date NOT NULL,
	`published_on` date,
	CONSTRAINT `environmental_penalties_id` PRIMARY KEY(`id`),
	CONSTRAINT `environmental_penalties_source` UNIQUE(`source_department`,`source_id`)
);
--> statement-breakpoint
CREATE TABLE `exceedances` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`uscc` char(18) NOT NULL,
	`source_department` varchar(100) NOT NULL,
	`source_id` varchar(64) NOT NULL,
	`monitoring_point` varchar(100) NOT NULL,
	`pollutant` varchar(50) NOT NULL,
	`measured_value` decimal(14,4) NOT NULL,
	`limit_value` decimal(14,4) NOT NULL,
	`unit` varchar(20) NOT NULL,
	`standard` varchar(100) NOT NULL,
	`measured_at` datetime NOT NULL,
	`source` enum('ONLINE_MONITORING','SUPERVISORY_MONITORING','SELF_MONITORING') NOT NULL,
	`penalty_decision_number` varchar(64),
	CONSTRAINT `exceedances_id` PRIMARY KEY(`id`),
	CONSTRAINT `exceedances_source` UNIQUE(`source_department`,`source_id`)
);
--> statement-breakpoint
CREATE INDEX `blacklist_entries_uscc` ON `blacklist_entries` (`uscc`);--> statement-breakpoint
CREATE INDEX `credit_evaluations_uscc` ON `credit_evaluations` (`uscc`);--> statement-breakpoint
CREATE INDEX `discharge_permits_uscc` ON `discharge_permits` (`uscc`);--> statement-breakpoint
CREATE INDEX `environmental_penalties_uscc` ON `environmental_penalties` (`uscc`);--> statement-breakpoint
CREATE INDEX `exceedances_uscc` ON `exceedances` (`uscc`);