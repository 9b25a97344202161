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
// one_time, auto_renew, title, notice, sla, signed. All-or-nothing as every import
// (pipeline.hpp); returns the number of contracts (with dry_run: that would be added).
int import_contracts(Database& db, const Actor& actor, std::istream& in, const Config& config, Date today,
                     const ContractImportOptions& options);

}  // namespace acm
