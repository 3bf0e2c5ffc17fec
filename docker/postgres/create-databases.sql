-- Run once by the postgres image on an empty data volume (mounted into /docker-entrypoint-initdb.d):
-- one database per service, as in production. Each service's Flyway migrations create its tables.
CREATE DATABASE command;
CREATE DATABASE query;
CREATE DATABASE worker;
