-- Every list index leads with its scope, then the status: a status filter reads one range, and a list
-- of several statuses merges one range per status (DossierLists), each already in the list order, so
-- no page scans the rows of other statuses (a province's refused dossiers, say, sort after thousands
-- still open). The dossiers due today are found by their due time.
DROP INDEX dossiers_list_applicant;
DROP INDEX dossiers_list_agency;
DROP INDEX dossiers_list_queue;
DROP INDEX dossiers_list_place;
DROP INDEX dossiers_list_province;
DROP INDEX dossiers_list_nation;
CREATE INDEX dossiers_list_applicant ON dossiers (applicant_id, status, queue_rank, urgency_at, code);
CREATE INDEX dossiers_list_agency ON dossiers (agency_code, status, queue_rank, urgency_at, code);
CREATE INDEX dossiers_list_queue ON dossiers (agency_code, step_role, status, queue_rank, urgency_at, code);
CREATE INDEX dossiers_list_place ON dossiers (place_code, status, queue_rank, urgency_at, code);
CREATE INDEX dossiers_list_province ON dossiers (province_code, status, queue_rank, urgency_at, code);
CREATE INDEX dossiers_list_nation ON dossiers (status, queue_rank, urgency_at, code);
CREATE INDEX dossiers_due ON dossiers (status, due_at);
