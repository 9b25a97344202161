#pragma once
// acm contract import: contracts from CSV (acm-contract(1)).
#include <istream>

#include "acm/core/config.hpp"
#include "acm/core/date.hpp"
#include "acm/domain/audit.hpp"
#include "acm/domain/import/pipeline.hpp"
#include "acm/store/db.hpp"

namespace acm {

struct ContractImportOptions : CsvImportOptions {};
// Columns account (key, id or name), start, end, arr or mrr, and optionally currency,
// one_time, auto_renew, title, notice, sla, signed, external_id. All-or-nothing as every
// import (pipeline.hpp). With options.upsert, a row matched by external id, else by its
// account's one contract with the same start and end, updates that contract. Counts the
// contracts added and matched (with dry_run: that would be).
ImportCounts import_contracts(Database& db, const Actor& actor, std::istream& in, const Config& config, Date today,
                     const ContractImportOptions& options);

}  // namespace acm
