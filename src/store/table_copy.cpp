#include "acm/store/table_copy.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "acm/core/error.hpp"
#include "acm/store/maintenance.hpp"

namespace acm {

std::vector<TableInfo> list_tables(Database& db, const std::set<std::string>& except) {
    std::vector<TableInfo> tables;
    auto list = db.prepare(
        "SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
        "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
    while (list.step()) {
        if (except.count(list.text(0))) continue;
        TableInfo table{list.text(0), {}, "rowid", {"rowid"}};
        bool without_rowid = list.integer(1) != 0;
        // Rows of a WITHOUT ROWID table by primary key, in the key's column order.
        auto columns = db.prepare("SELECT name, pk FROM pragma_table_xinfo(?) WHERE hidden = 0 ORDER BY cid");
        columns.bind(1, table.name);
        std::map<std::int64_t, std::string> key;
        while (columns.step()) {
            table.columns.push_back(columns.text(0));
            if (columns.integer(1) > 0) key[columns.integer(1)] = columns.text(0);
        }
        if (without_rowid) {
            table.order_by.clear();
            table.key.clear();
            for (auto& [position, column] : key) {
                table.order_by += (table.order_by.empty() ? "" : ", ") + quote_identifier(column);
                table.key.push_back(column);
            }
        }
        tables.push_back(std::move(table));
    }
    return tables;
}

namespace {

std::string select_all(const TableInfo& table) {
    std::string select = "SELECT ";
    for (std::size_t i = 0; i < table.columns.size(); ++i)
        select += (i ? ", " : "") + quote_identifier(table.columns[i]);
    return select + " FROM " + quote_identifier(table.name) + " ORDER BY " + table.order_by;
}

}  // namespace

TableScan::TableScan(Database& db, const TableInfo& table) : rows_(db.prepare(select_all(table))) {}

bool TableScan::step() { return rows_.step(); }

SqlValue TableScan::value(int column) const {
    switch (rows_.type(column)) {
        case SQLITE_INTEGER: return rows_.integer(column);
        case SQLITE_FLOAT: return rows_.real(column);
        case SQLITE_TEXT: return rows_.text(column);
        case SQLITE_BLOB: return Blob{rows_.blob(column)};
        default: return nullptr;
    }
}

TableInserter::TableInserter(Database& db, const TableInfo& table) : db_(db), table_(table) {}

void TableInserter::insert(const SqlRow& row) {
    std::string signature;
    for (auto& [column, value] : row) signature += column + '\n';
    if (!statement_ || signature != signature_) {
        std::string names, slots;
        for (auto& [column, value] : row) {
            if (std::find(table_.columns.begin(), table_.columns.end(), column) == table_.columns.end())
                throw UsageError(fmt::format("table {} has no column '{}'", table_.name, column));
            names += (names.empty() ? "" : ", ") + quote_identifier(column);
            slots += slots.empty() ? "?" : ", ?";
        }
        if (row.empty()) throw UsageError(fmt::format("an empty row in table {}", table_.name));
        statement_.reset();
        statement_ = std::make_unique<Statement>(db_.prepare(
            "INSERT INTO " + quote_identifier(table_.name) + " (" + names + ") VALUES (" + slots + ")"));
        signature_ = signature;
    }
    auto& insert = *statement_;
    insert.reset();
    for (std::size_t i = 0; i < row.size(); ++i) {
        int index = static_cast<int>(i) + 1;
        std::visit(
            [&](const auto& value) {
                using T = std::decay_t<decltype(value)>;
                if constexpr (std::is_same_v<T, Blob>) insert.bind_blob(index, value.bytes);
                else insert.bind(index, value);
            },
            row[i].second);
    }
    try {
        insert.run();
    } catch (const RuntimeError&) {
        // A row that breaks a constraint is bad input; anything else is the workspace's.
        int code = sqlite3_extended_errcode(db_.handle()) & 0xff;
        if (code != SQLITE_CONSTRAINT && code != SQLITE_MISMATCH) throw;
        throw UsageError(fmt::format("table {}: {}", table_.name, sqlite3_errmsg(db_.handle())));
    }
}

}  // namespace acm
