#include "acm/domain/transfer.hpp"

#include <algorithm>
#include <cmath>
#include <istream>
#include <limits>
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
#include "acm/store/table_copy.hpp"
#include "acm/store/undo.hpp"
#include "acm/store/workspace.hpp"

namespace acm {

namespace {

constexpr const char* format_name = "acm-export";

// Neither exported nor imported: derived data that the triggers keep (every account's
// version, rebuilt by the import), and the undo log, whose statements `acm undo` runs and
// which therefore never comes from a file.
const std::set<std::string> derived_tables = {"account_versions", "undo_log"};

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

// The export writes its own JSON rather than through output/'s renderers: a value keeps its
// SQLite type (a whole real with its ".0", a blob or text that is not UTF-8 under a marker),
// which is this format's, not a listing's.
void append_value(std::string& line, const SqlValue& value) {
    std::visit(
        [&](const auto& cell) {
            using T = std::decay_t<decltype(cell)>;
            if constexpr (std::is_same_v<T, std::int64_t>) line += std::to_string(cell);
            else if constexpr (std::is_same_v<T, double>) line += json_real(cell);
            else if constexpr (std::is_same_v<T, std::string>)
                line += is_valid_utf8(cell) ? json_string(cell) : "{\"text_hex\": \"" + hex(cell) + "\"}";
            else if constexpr (std::is_same_v<T, Blob>) line += "{\"blob_hex\": \"" + hex(cell.bytes) + "\"}";
            else line += "null";
        },
        value);
}

}  // namespace

void export_workspace(Database& db, std::ostream& out) {
    Transaction snapshot(db, Transaction::Lock::read);
    auto tables = list_tables(db, derived_tables);
    out << "{\n  \"format\": \"" << format_name << "\",\n";
    out << "  \"schema_version\": " << current_schema_version() << ",\n";
    out << "  \"tables\": {";
    for (std::size_t t = 0; t < tables.size(); ++t) {
        const auto& table = tables[t];
        std::vector<std::string> keys;
        for (const auto& column : table.columns) keys.push_back(json_string(column) + ": ");
        out << (t ? ",\n" : "\n") << "    " << json_string(table.name) << ": [";
        TableScan rows(db, table);
        bool first = true;
        std::string line;
        while (rows.step()) {
            line = first ? "\n      {" : ",\n      {";
            for (std::size_t i = 0; i < keys.size(); ++i) {
                if (i) line += ", ";
                line += keys[i];
                append_value(line, rows.value(static_cast<int>(i)));
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
        if (marker == "blob_hex") return Blob{std::move(bytes)};
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
        // The commands of the audit log are checked with its events, below.
        if (init_tables.count(table.name) || table.name == "commands") continue;
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

// Checks every value of a row as the commands check it, before SQLite's constraints see
// it, and inserts it: a bad value is named by table, row and column with the commands'
// message, at the line of the export that holds it.
void write_row(JsonRow& row, std::size_t number, const TableInfo& table, const ImportChecks& checks,
               TableInserter& inserter, const JsonReader& reader) {
    std::string where = fmt::format("table {}, row {}", table.name, number);
    for (const auto& [column, cell] : row)
        if (column == "id" && std::holds_alternative<std::int64_t>(cell))
            where = fmt::format("table {}, id {}", table.name, std::get<std::int64_t>(cell));
    try {
        checks.check_row(table.name, row, where);
        inserter.insert(row);
    } catch (const UsageError& error) {
        reader.fail(error.what());
    }
}

}  // namespace

std::size_t import_workspace(Database& db, std::istream& in, const std::string& name, const AccountRules& rules) {
    ImportChecks checks(rules);
    Transaction tx(db);
    // The workspace is new: undoing its import is removing it, so its rows are not logged.
    BulkLoad unlogged(db);
    auto tables = list_tables(db, derived_tables);
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
                    TableInserter inserter(db, *table);
                    std::size_t rows = 0;
                    reader.expect('[');
                    for (bool first_row = true; reader.more(']', first_row);) {
                        JsonRow row = read_row(reader);
                        write_row(row, ++rows, *table, checks, inserter, reader);
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
