// The helpers of cells.hpp that are not inline.
#include "cells.hpp"

#include <fmt/format.h>

#include "acm/core/error.hpp"

namespace acm {

void remove_child(Database& db, const Actor& actor, const char* entity, const char* select_sql,
                  const char* delete_sql, std::int64_t id) {
    auto stmt = db.prepare(select_sql);
    stmt.bind(1, id);
    if (!stmt.step()) throw RuntimeError(fmt::format("no {} with id {}", entity, id));
    std::int64_t account_id = stmt.integer(0);
    std::string summary = stmt.text(1);
    db.prepare(delete_sql).bind(1, id).run();
    Changes changes;
    changes.set("account", account_key_of(db, account_id)).set("was", summary);
    record_event(db, actor, {entity, std::to_string(id), account_id, "rm"}, changes);
}

}  // namespace acm
