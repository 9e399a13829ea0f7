-- Procedure definitions gained `result_title` (the result document's own name, the title of its
-- PDF). Definitions stored before carry their `result` text as the title until the pack (whose
-- versions went up with the new member) or an administrator replaces them.
UPDATE procedures
SET definition = json_set(definition, '$.result_title', json_extract(definition, '$.result'))
WHERE json_extract(definition, '$.result_title') IS NULL;
