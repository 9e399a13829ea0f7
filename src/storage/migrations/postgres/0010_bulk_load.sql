-- Secondary indexes a bulk load set aside (storage/bulk_load.hpp). Written in the transaction that
-- drops them, so a load that dies midway leaves the definitions here and the next start builds them
-- again; a finished load deletes its rows.
CREATE TABLE bulk_suspended_indexes (
  name TEXT PRIMARY KEY,
  table_name TEXT NOT NULL,
  definition TEXT NOT NULL
);
