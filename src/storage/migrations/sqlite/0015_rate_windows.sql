-- Rate limits counted for every instance at once (storage/shared_rate_limiter.hpp). On SQLite one
-- process serves, so limits are counted in its memory and this table stays empty; it is kept so both
-- schemas carry the same versions.
CREATE TABLE rate_windows (
  key TEXT NOT NULL,
  window_end INTEGER NOT NULL,
  hits INTEGER NOT NULL,
  PRIMARY KEY (key, window_end)
);
