// acm … edit ID and acm … rm ID: one handler each for every kind of record.
#include "acm/cli/edit.hpp"

#include <memory>
#include <optional>
#include <vector>

#include "acm/cli/command.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/account.hpp"

namespace acm {

namespace {

struct EditOptions {
    const RecordTable* table = nullptr;
    std::string id;
    std::vector<std::optional<std::string>> values;  // by field of the table
};

void run_edit(Context& ctx, const EditOptions& options) {
    const RecordTable& table = *options.table;
    std::int64_t id = parse_id(options.id, "ID");
    FieldTexts given;
    bool amount = false;  // an amount, whose currency may lack a rate
    for (std::size_t i = 0; i < table.fields.size(); ++i) {
        if (!options.values[i]) continue;
        given.emplace_back(table.fields[i].name, *options.values[i]);
        for (const auto& column : table.fields[i].columns)
            amount = amount || (!table.currency_column.empty() && column.name == table.currency_column);
    }
    check_edit(table, given);
    auto& db = ctx.db();
    Transaction tx(db);
    RecordRow row = edit_record(db, ctx.actor(), table, id, given, field_basis(ctx));
    tx.commit();
    ctx.out << id << "\n";
    if (amount)
        if (auto currency = row.text(table.currency_column)) ctx.warn_without_rate(*currency);
}

struct RmOptions {
    const RecordTable* table = nullptr;
    std::string id, id_name;
};

void run_rm(Context& ctx, const RmOptions& options) {
    std::int64_t id = parse_id(options.id, uppercase(options.id_name));
    auto& db = ctx.db();
    Transaction tx(db);
    remove_record(db, ctx.actor(), *options.table, id);
    tx.commit();
    ctx.out << id << "\n";
}

}  // namespace

FieldBasis field_basis(const Context& ctx) { return {ctx.today(), ctx.config().string("currency")}; }

CLI::App* add_edit_command(CLI::App& group, Context& ctx, const RecordTable& table,
                           const std::string& description, const std::string& example,
                           const std::string& id_help) {
    auto options = std::make_shared<EditOptions>();
    options->table = &table;
    // Sized before any flag binds an element of it.
    options->values.resize(table.fields.size());
    auto* command = add_command(group, ctx, options, "edit", description, example, run_edit);
    command->add_option("id", options->id, id_help)->required();
    for (std::size_t i = 0; i < table.fields.size(); ++i) {
        const RecordField& field = table.fields[i];
        if (!field.parse) continue;  // derived
        std::string help(field.help);
        if (field.clearable) help += " ('' clears it)";
        if (field.takes_value)
            command->add_option(flag_label(field.name), options->values[i], help);
        else
            command->add_flag_callback(
                flag_label(field.name), [options, i] { options->values[i] = ""; }, help);
    }
    return command;
}

CLI::App* add_rm_command(CLI::App& group, Context& ctx, const RecordTable& table,
                         const std::string& description, const std::string& example,
                         const std::string& id_help, const std::string& id_name) {
    auto options = std::make_shared<RmOptions>();
    options->table = &table;
    options->id_name = id_name;
    auto* command = add_command(group, ctx, options, "rm", description, example, run_rm);
    command->add_option(id_name, options->id, id_help)->required();
    return command;
}

}  // namespace acm
