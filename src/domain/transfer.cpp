#include "acm/domain/transfer.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <istream>
#include <limits>
#include <map>
#include <memory>
#include <ostream>
#include <set>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "acm/core/error.hpp"
#include "acm/core/json.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/account_figures.hpp"
#include "acm/domain/import_checks.hpp"
#include "acm/output/render.hpp"
#include "acm/store/maintenance.hpp"
#include "acm/store/workspace.hpp"

namespace acm {

namespace {

constexpr const char* format_name = "acm-export";

struct TableInfo {
    std::string name;
    std::vector<std::string> columns;  // without generated (hidden) columns
    std::string order_by;
};

// The tables of the workspace by name, but SQLite's own (sqlite_sequence, sqlite_stat1) and
// the account versions (derived data that the triggers keep).
std::vector<TableInfo> user_tables(Database& db) {
    std::vector<TableInfo> tables;
    auto list = db.prepare(
        "SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
        "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT IN ('account_versions') "
        "ORDER BY name");
    while (list.step()) {
        TableInfo table{list.text(0), {}, "rowid"};
        bool without_rowid = list.integer(1) != 0;
        // Rows of a WITHOUT ROWID table by primary key, in the key's column order.
        auto columns = db.prepare("SELECT name, pk FROM pragma_table_xinfo(?) WHERE hidden = 0 ORDER BY cid");
        columns.bind(1, table.name);
        std::map<std::int64_t, std::string> key;
        while (columns.step()) {
            table.columns.push_back(columns.text(0));
            if (columns.integer(1) > 0) key[columns.integer(1)] = quote_identifier(columns.text(0));
        }
        if (without_rowid) {
            table.order_by.clear();
            for (auto& [position, column] : key) table.order_by += (table.order_by.empty() ? "" : ", ") + column;
        }
        tables.push_back(std::move(table));
    }
    return tables;
}

std::string hex(std::string_view bytes) {
    std::string text;
    text.reserve(bytes.size() * 2);
    for (unsigned char byte : bytes) fmt::format_to(std::back_inserter(text), "{:02x}", byte);
    return text;
}

std::string json_real(double value) {
    // JSON has no infinity; 1e999 reads back as one.
    if (std::isinf(value)) return value > 0 ? "1e999" : "-1e999";
    std::string text = fmt::format("{}", value);  // the shortest text that reads back the same
    if (text.find_first_of(".e") == std::string::npos) text += ".0";  // stays a real on import
    return text;
}

void append_value(std::string& line, const Statement& row, int column) {
    switch (row.type(column)) {
        case SQLITE_INTEGER:
            line += std::to_string(row.integer(column));
            break;
        case SQLITE_FLOAT:
            line += json_real(row.real(column));
            break;
        case SQLITE_TEXT: {
            std::string text = row.text(column);
            line += is_valid_utf8(text) ? json_string(text) : "{\"text_hex\": \"" + hex(text) + "\"}";
            break;
        }
        case SQLITE_BLOB:
            line += "{\"blob_hex\": \"" + hex(row.blob(column)) + "\"}";
            break;
        default:
            line += "null";
    }
}

}  // namespace

void export_workspace(Database& db, std::ostream& out) {
    Transaction snapshot(db, Transaction::Lock::read);
    auto tables = user_tables(db);
    out << "{\n  \"format\": \"" << format_name << "\",\n";
    out << "  \"schema_version\": " << current_schema_version() << ",\n";
    out << "  \"tables\": {";
    for (std::size_t t = 0; t < tables.size(); ++t) {
        const auto& table = tables[t];
        std::string select = "SELECT ";
        std::vector<std::string> keys;
        for (std::size_t i = 0; i < table.columns.size(); ++i) {
            select += (i ? ", " : "") + quote_identifier(table.columns[i]);
            keys.push_back(json_string(table.columns[i]) + ": ");
        }
        select += " FROM " + quote_identifier(table.name) + " ORDER BY " + table.order_by;
        out << (t ? ",\n" : "\n") << "    " << json_string(table.name) << ": [";
        auto rows = db.prepare(select);
        bool first = true;
        std::string line;
        while (rows.step()) {
            line = first ? "\n      {" : ",\n      {";
            for (std::size_t i = 0; i < keys.size(); ++i) {
                if (i) line += ", ";
                line += keys[i];
                append_value(line, rows, static_cast<int>(i));
            }
            line += "}";
            out << line;
            first = false;
        }
        out << (first ? "]" : "\n    ]");
    }
    out << "\n  }\n}\n";
    snapshot.commit();
}

namespace {

std::string unhex(const JsonReader& reader, const std::string& text) {
    auto digit = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1; };
    std::string bytes;
    for (std::size_t i = 0; i + 1 < text.size(); i += 2) {
        int high = digit(text[i]), low = digit(text[i + 1]);
        if (high < 0 || low < 0) break;
        bytes += static_cast<char>(high * 16 + low);
    }
    if (bytes.size() * 2 != text.size()) reader.fail("invalid hex bytes (expected pairs of 0-9a-f)");
    return bytes;
}

// A cell: null, a number, a string, or {"blob_hex": …} / {"text_hex": …}.
JsonCell read_cell(JsonReader& reader) {
    int c = reader.peek();
    if (c == '"') return reader.string();
    if (c == 'n') {
        reader.literal("null");
        return nullptr;
    }
    if (c == '{') {
        reader.expect('{');
        std::string marker = reader.string();
        reader.expect(':');
        std::string bytes = unhex(reader, reader.string());
        reader.expect('}');
        if (marker == "blob_hex") return JsonBlob{std::move(bytes)};
        if (marker == "text_hex") return bytes;
        reader.fail(fmt::format("unknown value marker '{}' (expected blob_hex or text_hex)", marker));
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        JsonValue number = reader.number();
        if (auto* integer = std::get_if<std::int64_t>(&number.data)) return *integer;
        return std::get<double>(number.data);
    }
    reader.unexpected("a value (null, a number, a string, or {\"blob_hex\": …})");
}

JsonRow read_row(JsonReader& reader) {
    JsonRow row;
    reader.expect('{');
    for (bool first = true; reader.more('}', first);) {
        std::string column = reader.string();
        reader.expect(':');
        row.emplace_back(std::move(column), read_cell(reader));
    }
    return row;
}

// The tables that `acm init` fills: replaced by the import, and the only ones that may
// hold rows in the workspace imported into.
const std::set<std::string> init_tables = {"events", "meta"};

void require_empty(Database& db, const std::vector<TableInfo>& tables) {
    for (const auto& table : tables) {
        if (init_tables.count(table.name)) continue;
        auto rows = db.prepare("SELECT EXISTS (SELECT 1 FROM " + quote_identifier(table.name) + ")");
        if (rows.step() && rows.integer(0))
            throw RuntimeError(fmt::format("workspace {} is not empty (table {} has rows); import only into a new "
                                           "workspace (acm init NEW.db)",
                                           db.path(), table.name));
    }
    auto events = db.prepare("SELECT EXISTS (SELECT 1 FROM events WHERE NOT (entity = 'workspace' AND action = 'init'))");
    if (events.step() && events.integer(0))
        throw RuntimeError(fmt::format("workspace {} is not empty (its audit log has events); import only into a new "
                                       "workspace (acm init NEW.db)",
                                       db.path()));
}

// Inserts the rows of one table, reusing one statement while rows name the same columns.
class TableWriter {
public:
    TableWriter(Database& db, const TableInfo& table, const ImportChecks& checks)
        : db_(db), table_(table), checks_(checks) {}

    void insert(JsonRow& row, const JsonReader& reader) {
        ++rows_;
        check(row, reader);
        std::string signature;
        for (auto& [column, cell] : row) signature += column + '\n';
        if (!statement_ || signature != signature_) {
            std::string names, slots;
            for (auto& [column, cell] : row) {
                if (std::find(table_.columns.begin(), table_.columns.end(), column) == table_.columns.end())
                    reader.fail(fmt::format("table {} has no column '{}'", table_.name, column));
                names += (names.empty() ? "" : ", ") + quote_identifier(column);
                slots += slots.empty() ? "?" : ", ?";
            }
            if (row.empty()) reader.fail(fmt::format("an empty row in table {}", table_.name));
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
                [&](auto& value) {
                    using T = std::decay_t<decltype(value)>;
                    if constexpr (std::is_same_v<T, JsonBlob>) insert.bind_blob(index, value.bytes);
                    else insert.bind(index, value);
                },
                row[i].second);
        }
        try {
            insert.run();
        } catch (const RuntimeError&) {
            // A row that breaks a constraint is bad input, named by table and line.
            int code = sqlite3_extended_errcode(db_.handle()) & 0xff;
            if (code != SQLITE_CONSTRAINT && code != SQLITE_MISMATCH) throw;
            reader.fail(fmt::format("table {}: {}", table_.name, sqlite3_errmsg(db_.handle())));
        }
    }

private:
    // Every value as the commands check it, before SQLite's constraints see it: a bad value
    // is named by table, row and column with the commands' message.
    void check(JsonRow& row, const JsonReader& reader) const {
        std::string where = fmt::format("table {}, row {}", table_.name, rows_);
        for (const auto& [column, cell] : row)
            if (column == "id" && std::holds_alternative<std::int64_t>(cell))
                where = fmt::format("table {}, id {}", table_.name, std::get<std::int64_t>(cell));
        try {
            checks_.check_row(table_.name, row, where);
        } catch (const UsageError& error) {
            reader.fail(error.what());
        }
    }

    Database& db_;
    const TableInfo& table_;
    const ImportChecks& checks_;
    std::size_t rows_ = 0;
    std::string signature_;
    std::unique_ptr<Statement> statement_;
};

}  // namespace

std::size_t import_workspace(Database& db, std::istream& in, const std::string& name, const AccountRules& rules) {
    ImportChecks checks(rules);
    Transaction tx(db);
    auto tables = user_tables(db);
    require_empty(db, tables);
    for (const auto& table : init_tables) db.exec(("DELETE FROM " + quote_identifier(table)).c_str());
    // Tables come by name, not in the order of their foreign keys: check those at commit.
    db.exec("PRAGMA defer_foreign_keys = ON");
    // Without the triggers, rows come in fast; finish() gives every account its version.
    FiguresDeferred figures(db, {});

    // Rows are read and inserted one at a time, so a large export never sits in memory as a
    // whole; a string may be as long as the largest text or blob SQLite holds (10^9 bytes),
    // written as hex.
    JsonReader reader(in, JsonLimits{.max_string_bytes = 2'000'000'000,
                                     .max_document_bytes = std::numeric_limits<std::size_t>::max()});
    std::size_t count = 0;
    try {
        bool have_format = false, have_version = false, have_tables = false;
        reader.expect('{');
        for (bool first = true; reader.more('}', first);) {
            std::string key = reader.string();
            reader.expect(':');
            if (key == "format") {
                if (reader.string() != format_name)
                    reader.fail(fmt::format("not an acm export (format is not \"{}\")", format_name));
                have_format = true;
            } else if (key == "schema_version") {
                auto version = read_cell(reader);
                if (!std::holds_alternative<std::int64_t>(version)) reader.fail("schema_version is not an integer");
                if (std::get<std::int64_t>(version) != current_schema_version())
                    throw RuntimeError(fmt::format(
                        "{} has schema version {}, this workspace {}; import it with the acm version that exported it",
                        name, std::get<std::int64_t>(version), current_schema_version()));
                have_version = true;
            } else if (key == "tables") {
                if (!have_format || !have_version)
                    reader.fail("\"format\" and \"schema_version\" must come before \"tables\"");
                reader.expect('{');
                for (bool first_table = true; reader.more('}', first_table);) {
                    std::string table_name = reader.string();
                    auto table = std::find_if(tables.begin(), tables.end(), [&](auto& t) { return t.name == table_name; });
                    if (table == tables.end()) reader.fail(fmt::format("no table '{}' in this workspace", table_name));
                    reader.expect(':');
                    TableWriter writer(db, *table, checks);
                    reader.expect('[');
                    for (bool first_row = true; reader.more(']', first_row);) {
                        JsonRow row = read_row(reader);
                        writer.insert(row, reader);
                        ++count;
                    }
                }
                have_tables = true;
            } else {
                reader.fail(fmt::format("unknown key \"{}\"", key));
            }
        }
        if (int c = reader.peek(); c != std::char_traits<char>::eof())
            reader.fail(fmt::format("unexpected {} after the end of the export", JsonReader::describe(c)));
        if (!have_tables) reader.fail("no \"tables\" in the export");
    } catch (const JsonError& error) {
        // Named by file and line: an export has one row per line.
        throw UsageError(fmt::format("{}, line {}: {}", name, error.line(), error.reason()));
    }

    figures.finish();
    auto violations = db.prepare("PRAGMA foreign_key_check");
    if (violations.step())
        throw UsageError(fmt::format("{}: table {} row {} refers to a missing {} row", name, violations.text(0),
                                     violations.text(1), violations.text(2)));
    tx.commit();
    return count;
}

}  // namespace acm
