-- One database per department, as in production: each subgraph owns its data.
CREATE DATABASE IF NOT EXISTS credit_market CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS credit_tax CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS credit_courts CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS credit_environment CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS credit_platform CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
-- Two accounts: the services read and write rows only; the migrate job alone changes the schema.
-- The passwords are the demo's (docker/secrets/*): replace both here and there for anything real.
CREATE USER IF NOT EXISTS 'credit'@'%' IDENTIFIED BY 'credit';
CREATE USER IF NOT EXISTS 'credit_migrate'@'%' IDENTIFIED BY 'credit_migrate';
GRANT SELECT, INSERT, UPDATE, DELETE ON credit_market.* TO 'credit'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON credit_tax.* TO 'credit'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON credit_courts.* TO 'credit'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON credit_environment.* TO 'credit'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON credit_platform.* TO 'credit'@'%';
GRANT ALL PRIVILEGES ON credit_market.* TO 'credit_migrate'@'%';
GRANT ALL PRIVILEGES ON credit_tax.* TO 'credit_migrate'@'%';
GRANT ALL PRIVILEGES ON credit_courts.* TO 'credit_migrate'@'%';
GRANT ALL PRIVILEGES ON credit_environment.* TO 'credit_migrate'@'%';
GRANT ALL PRIVILEGES ON credit_platform.* TO 'credit_migrate'@'%';
