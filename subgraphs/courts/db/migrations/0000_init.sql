CREATE TABLE `consumption_restrictions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`uscc` char(18) NOT NULL,
	`source_department` varchar(100) NOT NULL,
	`source_id` varchar(64) NOT NULL,
	`case_number` varchar(64) NOT NULL,
	`court` varchar(100) NOT NULL,
	`restricted_persons` varchar(300) NOT NULL,
	`restrictions` varchar(300) NOT NULL,
	`issued_on` date NOT NULL,
	`lifted_on` date,
	CONSTRAINT `consumption_restrictions_id` PRIMARY KEY(`id`),
	CONSTRAINT `consumption_restrictions_source` UNIQUE(`source_department`,`source_id`)
);
--> statement-breakpoint
CREATE TABLE `demo_loads` (
	`seed` varchar(64) NOT NULL,
	`entities` int unsigned NOT NULL,
	`loaded_at` varchar(30) NOT NULL,
	CONSTRAINT `demo_loads_seed` PRIMARY KEY(`seed`)
);
--> statement-breakpoint
CREATE TABLE `dishonest_debtors` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`uscc` char(18) NOT NULL,
	`source_department` varchar(100) NOT NULL,
	`source_id` varchar(64) NOT NULL,
	`case_number` varchar(64) NOT NULL,
	`court` varchar(100) NOT NULL,
	`filed_on` date NOT NULL,
	`basis_document_number` varchar(100) NOT NULL,
	`basis_issuer` varchar(100) NOT NULL,
	`duty` varchar(500) NOT NULL,
	`performance` enum('NOT_PERFORMED','PARTLY_PERFORMED','FULLY_PERFORMED') NOT NULL,
	`conduct` varchar(300) NOT NULL,
	`legal_representative` varchar(100),
	`outstanding_amount` decimal(18,2),
	`published_on` date NOT NULL,
	`removed_on` date,
	`removal_reason` varchar(300),
	CONSTRAINT `dishonest_debtors_id` PRIMARY KEY(`id`),
	CONSTRAINT `dishonest_debtors_source` UNIQUE(`source_department`,`source_id`)
);
--> statement-breakpoint
CREATE TABLE `enforcement_cases` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`uscc` char(18) NOT NULL,
	`source_department` varchar(100) NOT NULL,
	`source_id` varchar(64) NOT NULL,
	`case_number` varchar(64) NOT NULL,
	`court` varchar(100) NOT NULL,
	`filed_on` date NOT NULL,
	`amount` decimal(18,2),
	`status` enum('IN_PROGRESS','CONCLUDED','TERMINATED') NOT NULL,
	`concluded_on` date,
	CONSTRAINT `enforcement_cases_id` PRIMARY KEY(`id`),
	CONSTRAINT `enforcement_cases_source` UNIQUE(`source_department`,`source_id`)
);
--> statement-breakpoint
CREATE TABLE `judgments` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`uscc` char(18) NOT NULL,
	`source_department` varchar(100) NOT NULL,
	`source_id` varchar(64) NOT NULL,
	`case_number` varchar(64) NOT NULL,
	`cause_of_action` varchar(100) NOT NULL,
	`role` enum('PLAINTIFF','DEFENDANT','THIRD_PARTY','APPELLANT','APPELLEE') NOT NULL,
	`instance` enum('FIRST_INSTANCE','SECOND_INSTANCE') NOT NULL,
	`court` varchar(100) NOT NULL,
	`decided_on` date NOT NULL,
	`published_on` date,
	`amount` decimal(18,2),
	`result_summary` varchar(500) NOT NULL,
	CONSTRAINT `judgments_id` PRIMARY KEY(`id`),
	CONSTRAINT `judgments_source` UNIQUE(`source_department`,`source_id`)
);
--> statement-breakpoint
CREATE INDEX `consumption_restrictions_uscc` ON `consumption_restrictions` (`uscc`);--> statement-breakpoint
CREATE INDEX `dishonest_debtors_uscc` ON `dishonest_debtors` (`uscc`);--> statement-breakpoint
CREATE INDEX `enforcement_cases_uscc` ON `enforcement_cases` (`uscc`);--> statement-breakpoint
CREATE INDEX `judgments_uscc` ON `judgments` (`uscc`);