-- Rate limits counted for every instance at once (storage/shared_rate_limiter.hpp): one row per key
-- and fixed window (its end, in seconds since 1970). UNLOGGED: a count need not survive a crash, and
-- its commits wait for no fsync. Keys are keyed hashes (a username may be a citizen's identity number).
CREATE UNLOGGED TABLE rate_windows (
  key TEXT NOT NULL,
  window_end BIGINT NOT NULL,
  hits INTEGER NOT NULL,
  PRIMARY KEY (key, window_end)
);
