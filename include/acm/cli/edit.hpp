#pragma once
// `edit ID` and `rm ID` of a kind of record, made from its RecordTable (domain/edit.hpp): the
// flags and their help come from the table's fields, and one handler serves every kind.
#include <CLI/CLI.hpp>
#include <string>

#include "acm/cli/context.hpp"
#include "acm/domain/edit.hpp"

namespace acm {

// What the fields' rules need from the command line: --today, and the base currency.
FieldBasis field_basis(const Context& ctx);

// `edit ID --FIELD VALUE…`, a flag per field of the table; prints the id. `id_help` says where
// the ids are listed.
CLI::App* add_edit_command(CLI::App& group, Context& ctx, const RecordTable& table,
                           const std::string& description, const std::string& example,
                           const std::string& id_help);
// `rm ID`; prints the id. `id_name`: the argument's name in the help (ACTION_ID).
CLI::App* add_rm_command(CLI::App& group, Context& ctx, const RecordTable& table,
                         const std::string& description, const std::string& example,
                         const std::string& id_help, const std::string& id_name = "id");

}  // namespace acm
