-- Runs once, when the trial's PostgreSQL volume is created: one database and user for Synapse (C collation, as
-- Synapse requires) and one for Passerelle. Development passwords; docker-compose binds PostgreSQL to no host port.
CREATE USER synapse WITH PASSWORD 'synapse-dev-password';
CREATE DATABASE synapse OWNER synapse ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
CREATE USER passerelle WITH PASSWORD 'passerelle-dev-password';
CREATE DATABASE passerelle OWNER passerelle ENCODING 'UTF8';
