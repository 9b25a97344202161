#include "acm/store/undo.hpp"

#include <set>

#include <fmt/format.h>

#include "acm/core/error.hpp"
#include "acm/store/table_copy.hpp"

namespace acm {

namespace {

// Not logged: the audit log and the undo log (history, which an undo adds to rather than
// rewrites), account versions (kept by the schema's own triggers as the rows they follow
// change, an undo included) and the workspace's identity.
const std::set<std::string> tables_not_logged = {"events", "commands", "undo_log", "account_versions", "meta"};

// The text as an SQL string literal.
std::string sql_literal(std::string_view text) {
    std::string quoted = "'";
    for (char c : text) {
        if (c == '\'') quoted += '\'';
        quoted += c;
    }
    return quoted + "'";
}

// An SQL expression that gives the text "name=value, …" of a row's columns (`row`: NEW or
// OLD), each value as an SQL literal, for the statement that reverts a change.
std::string assignments(const std::vector<std::string>& columns, const char* row, std::string_view separator) {
    std::string sql;
    for (const auto& column : columns) {
        std::string name = column == "rowid" ? "rowid" : quote_identifier(column);
        if (!sql.empty()) sql += " || " + sql_literal(separator) + " || ";
        sql += fmt::format("{} || quote({}.{})", sql_literal(name + "="), row, name);
    }
    return sql;
}

std::string values_of(const std::vector<std::string>& columns, const char* row) {
    std::string sql;
    for (const auto& column : columns) {
        std::string name = column == "rowid" ? "rowid" : quote_identifier(column);
        sql += fmt::format("{}quote({}.{})", sql.empty() ? "" : " || ', ' || ", row, name);
    }
    return sql;
}

// Creates the command with the connection's first change; a command that changes nothing
// is never recorded. The TEMP table's row rolls back with the transaction that set it.
constexpr const char* create_command_sql =
    "INSERT INTO commands (at, os_user, command) "
    "SELECT at, os_user, command FROM acm_undo WHERE command_id IS NULL;\n"
    "UPDATE acm_undo SET command_id = last_insert_rowid() WHERE command_id IS NULL;\n";

std::string log_sql(const std::string& table, const std::string& revert) {
    return fmt::format(
        "{}INSERT INTO undo_log (command_id, table_name, revert) SELECT command_id, {}, {} FROM acm_undo;\n",
        create_command_sql, sql_literal(table), revert);
}

// The TEMP triggers that log a table's changes.
std::string triggers_for(Database& db, const TableInfo& table) {
    std::string name = quote_identifier(table.name);
    bool has_rowid = table.key.size() == 1 && table.key.front() == "rowid";
    // A row is re-inserted with its rowid, unless a column (INTEGER PRIMARY KEY) is the rowid.
    std::vector<std::string> inserted = table.columns;
    if (has_rowid) {
        auto alias = db.prepare(
            "SELECT count(*) = 1 AND max(CASE WHEN pk = 1 THEN upper(type) END) = 'INTEGER' "
            "FROM pragma_table_xinfo(?) WHERE pk > 0");
        alias.bind(1, table.name);
        if (!(alias.step() && alias.integer(0))) inserted.insert(inserted.begin(), "rowid");
    }
    std::string insert_columns;
    for (const auto& column : inserted)
        insert_columns += (insert_columns.empty() ? "" : ", ") + (column == "rowid" ? column : quote_identifier(column));
    std::string where_new = assignments(table.key, "NEW", " AND ");
    std::string when = "WHEN (SELECT logging FROM acm_undo)";
    std::string prefix = "acm_undo_" + table.name;
    return fmt::format(
        "CREATE TEMP TRIGGER {0} AFTER INSERT ON main.{1} {2} BEGIN\n{3}END;\n"
        "CREATE TEMP TRIGGER {4} AFTER UPDATE ON main.{1} {2} BEGIN\n{5}END;\n"
        "CREATE TEMP TRIGGER {6} BEFORE DELETE ON main.{1} {2} BEGIN\n{7}END;\n",
        quote_identifier(prefix + "_insert"), name, when,
        log_sql(table.name, fmt::format("{} || {}", sql_literal("DELETE FROM " + name + " WHERE "), where_new)),
        quote_identifier(prefix + "_update"),
        log_sql(table.name, fmt::format("{} || {} || ' WHERE ' || {}", sql_literal("UPDATE " + name + " SET "),
                            assignments(table.columns, "OLD", ", "), where_new)),
        quote_identifier(prefix + "_delete"),
        log_sql(table.name, fmt::format("{} || {} || ')'", sql_literal("INSERT INTO " + name + " (" + insert_columns + ") VALUES ("),
                            values_of(inserted, "OLD"))));
}

bool logs_changes(Database& db) {
    auto found = db.prepare("SELECT 1 FROM temp.sqlite_master WHERE type = 'table' AND name = 'acm_undo'");
    return found.step();
}

}  // namespace

void log_changes(Database& db, const CommandRecord& command) {
    if (logs_changes(db)) return;
    std::string sql =
        "CREATE TEMP TABLE acm_undo (at TEXT, os_user TEXT, command TEXT, command_id INTEGER, logging INTEGER);\n";
    // Only the most recent commands' changes are kept: each new command forgets the oldest.
    sql += fmt::format(
        "CREATE TEMP TRIGGER acm_undo_forget AFTER INSERT ON main.commands BEGIN\n"
        "DELETE FROM undo_log WHERE command_id <= NEW.id - {};\nEND;\n",
        undo_commands_kept);
    for (const auto& table : list_tables(db, tables_not_logged)) sql += triggers_for(db, table);
    // Outside a transaction: TEMP objects only, so no lock on the workspace is taken.
    db.exec(sql.c_str());
    db.prepare("INSERT INTO temp.acm_undo (at, os_user, command, logging) VALUES (?, ?, ?, 1)")
        .bind_all(command.at, command.os_user, command.command)
        .run();
}

std::optional<std::int64_t> current_command(Database& db) {
    if (!logs_changes(db)) return std::nullopt;
    db.exec(create_command_sql);
    auto id = db.prepare("SELECT command_id FROM temp.acm_undo");
    id.step();
    return id.integer(0);
}

BulkLoad::BulkLoad(Database& db) : db_(db), logging_(logs_changes(db)) {
    if (logging_) db_.exec("UPDATE temp.acm_undo SET logging = 0");
}

BulkLoad::~BulkLoad() {
    if (!logging_) return;
    try {
        db_.exec("UPDATE temp.acm_undo SET logging = 1");
    } catch (...) {
        // The transaction it ran in failed and rolls back, taking the pause with it.
    }
}

void BulkLoad::inserted(std::string_view table, std::int64_t first, std::int64_t last) {
    if (!logging_ || first > last) return;
    auto command = current_command(db_);
    db_.prepare("INSERT INTO undo_log (command_id, table_name, revert, rows) VALUES (?, ?, ?, ?)")
        .bind_all(*command, table, fmt::format("DELETE FROM {} WHERE rowid BETWEEN {} AND {}", quote_identifier(table), first, last),
                  last - first + 1)
        .run();
}

std::optional<UndoTarget> next_undo(Database& db) {
    auto stmt = db.prepare(
        "SELECT c.id, c.at, c.os_user, c.command, (SELECT sum(u.rows) FROM undo_log u WHERE u.command_id = c.id) "
        "FROM commands c WHERE c.undone_by IS NULL "
        "AND EXISTS (SELECT 1 FROM undo_log u WHERE u.command_id = c.id) ORDER BY c.id DESC LIMIT 1");
    if (!stmt.step()) return std::nullopt;
    return UndoTarget{stmt.integer(0), stmt.text(1), stmt.text(2), stmt.text(3), stmt.integer(4)};
}

void revert_command(Database& db, const UndoTarget& target) {
    BulkLoad unlogged(db);  // the undo's own changes are not logged: it is not undone in turn
    // A removal's rows come back children first (newest first): their parents' keys are
    // checked at commit.
    db.exec("PRAGMA defer_foreign_keys = ON");
    {
        auto changes =
            db.prepare("SELECT table_name, revert, rows FROM undo_log WHERE command_id = ? ORDER BY seq DESC");
        changes.bind(1, target.id);
        while (changes.step()) {
            std::string table = changes.text(0), revert = changes.text(1);
            std::int64_t expected = changes.integer(2);
            auto refuse = [&](const std::string& why) {
                return RuntimeError(
                    fmt::format("cannot undo command {} ({}): {}; nothing was undone", target.id, target.command, why));
            };
            try {
                Statement(db.handle(), revert).run();
            } catch (const RuntimeError& error) {
                throw refuse(error.what());  // a row it would put back exists again, or the disk is full
            }
            if (db.changes() != expected)
                throw refuse(fmt::format("rows of table {} were changed outside acm since ({} found, {} expected)",
                                         table, db.changes(), expected));
        }
    }
    db.prepare("DELETE FROM undo_log WHERE command_id = ?").bind(1, target.id).run();
    auto by = current_command(db);
    db.prepare("UPDATE commands SET undone_by = ? WHERE id = ?").bind_all(by, target.id).run();
    if (by) db.prepare("UPDATE commands SET undo_of = ? WHERE id = ?").bind_all(target.id, *by).run();
}

}  // namespace acm
