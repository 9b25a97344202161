#pragma once
// What `acm import FILE.json` checks in every value of an export (acm(1), acm import: every
// value as the commands check it, with their messages), one rule per table and column of
// the schema. A value the commands would refuse (currency eur, a start date garbage, notice
// banana, an unknown enum, a negative amount) would otherwise be stored and break every
// later listing and report.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "acm/domain/account.hpp"
#include "acm/store/table_copy.hpp"

namespace acm {

// A value of an export and a row of them: what the store inserts (table_copy.hpp).
using JsonBlob = Blob;
using JsonCell = SqlValue;
using JsonRow = SqlRow;

class ImportChecks {
public:
    // `rules`: the allowed segments and tiers, as `account add` checks them.
    explicit ImportChecks(const AccountRules& rules);

    // Checks every cell of a row of `table` and normalizes it as the commands would store
    // it (trimmed text, an integer given as text as an integer). UsageError on the first
    // invalid value, naming `where` ("table contracts, id 5"), the column, the value and
    // what was expected. A table without rules (one this version does not know) passes.
    void check_row(const std::string& table, JsonRow& row, const std::string& where) const;

    // Whether a column has a rule: a test checks that every column of the schema has one.
    bool has_rule(const std::string& table, const std::string& column) const;

    // Checks (and may normalize) one cell; `row` for the columns a value depends on (an
    // amount's currency, a score's type); `field` names the cell in messages.
    using Rule = std::function<void(JsonCell& cell, const JsonRow& row, const std::string& field)>;

    ImportChecks(const ImportChecks&) = delete;  // the rules refer to rules_
    ImportChecks& operator=(const ImportChecks&) = delete;

private:
    AccountRules rules_;
    std::map<std::string, std::map<std::string, Rule>> tables_;
};

}  // namespace acm
