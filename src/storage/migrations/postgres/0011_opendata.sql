-- Open data (src/opendata): the catalogue's datasets and their immutable releases.

-- A dataset: DCAT-style metadata, the publishing agency, and what fills it (`kind`): a data brain
-- indicator refreshed as the data changes ('live', `definition` names the query) or files an agency
-- uploads ('upload', `definition` is the data dictionary the files are checked against).
CREATE TABLE opendata_datasets (
  name TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('live', 'upload')),
  metadata TEXT NOT NULL,
  definition TEXT NOT NULL,
  created_at TEXT NOT NULL,
  modified_at TEXT NOT NULL
);

-- A release is never changed once written: older ones stay downloadable as they were. `content` is
-- the table as published (after disclosure control), `sha256` its fingerprint (the downloads' ETag).
CREATE TABLE opendata_releases (
  dataset TEXT NOT NULL REFERENCES opendata_datasets (name),
  number BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  row_count BIGINT NOT NULL,
  note TEXT NOT NULL,
  content TEXT NOT NULL,
  PRIMARY KEY (dataset, number)
);
