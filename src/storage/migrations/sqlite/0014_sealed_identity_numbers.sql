-- Identity numbers are no longer kept in clear (identity/identity_vault.hpp): the column holds a keyed
-- hash for look-ups, beside the sealed number and its masked form. Numbers stored before are sealed
-- at start by identity::seal_clear_identity_numbers, which needs the key this SQL cannot have.
ALTER TABLE accounts RENAME COLUMN id_number TO id_number_hash;
ALTER TABLE accounts ADD COLUMN id_number_sealed TEXT;
ALTER TABLE accounts ADD COLUMN id_number_masked TEXT;
