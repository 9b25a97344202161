#pragma once
// acm contract import: contracts from CSV (acm-contract(1)).
#include <iosfwd>
#include <string>
#include <vector>

#include "acm/core/config.hpp"
#include "acm/core/date.hpp"
#include "acm/domain/audit.hpp"
#include "acm/domain/import/pipeline.hpp"
#include "acm/store/db.hpp"

namespace acm {

struct ContractImportOptions : CsvImportOptions {};
// As account import: every row validated first, all-or-nothing; returns the number of contracts.
int import_contracts(Database& db, const Actor& actor, std::istream& in, const Config& config, Date today,
                     const ContractImportOptions& options);

}  // namespace acm
