#pragma once

#include "services/dossier_core.hpp"
#include "services/dossier_drafts.hpp"
#include "services/dossier_payments.hpp"
#include "services/dossier_readers.hpp"
#include "services/dossier_reads.hpp"
#include "services/dossier_results.hpp"
#include "services/dossier_workflow.hpp"

namespace sen::services {

// Dossiers from draft to result, one part per concept: the applicant's drafts and submission, the
// agencies' workflow, reads (views, lists, exports, tracking), payments, and results. Every change is
// one transaction with its control-sheet event, its audit record and the applicant's notification
// (DossierCore::record_change). Views are JSON objects in the shape of docs/public-services-api.md.
class DossierService {
 public:
  explicit DossierService(ServicesDeps deps)
      : core_(deps),
        drafts(core_),
        workflow(core_),
        reads(core_),
        readers(core_),
        payments(core_),
        results(core_) {}
  DossierService(const DossierService&) = delete;
  DossierService& operator=(const DossierService&) = delete;

 private:
  DossierCore core_;  // first: the parts below hold references to it

 public:
  DossierDrafts drafts;
  DossierWorkflow workflow;
  DossierReads reads;
  DossierReaders readers;
  DossierPayments payments;
  DossierResults results;
};

}  // namespace sen::services
