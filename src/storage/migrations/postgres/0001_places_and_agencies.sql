-- Administrative geography (nation > province > commune) and the public bodies located in it.
CREATE TABLE places (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  search_name TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('nation', 'province', 'commune')),
  type TEXT NOT NULL,
  parent_code TEXT REFERENCES places (code)
);
CREATE INDEX places_by_parent ON places (parent_code, code);
CREATE INDEX places_by_level ON places (level, code);

CREATE TABLE agencies (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  search_name TEXT NOT NULL,
  kind TEXT NOT NULL,
  place_code TEXT NOT NULL REFERENCES places (code)
);
CREATE INDEX agencies_by_place ON agencies (place_code, code);
