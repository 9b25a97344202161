#pragma once
#include <string>
#include <vector>

namespace acm {

// A numbered schema change from src/store/migrations/NNN_*.sql, embedded at build time.
struct Migration {
    int version;
    std::string name;
    std::string sql;
};

// Every migration, in ascending version order; the last one's version is the schema version.
const std::vector<Migration>& migrations();

}  // namespace acm
