// The money side of the book: portfolio, profitability and pipeline.
#include "acm/reports/portfolio.hpp"

#include <map>
#include <unordered_set>

#include "acm/core/money.hpp"
#include "acm/domain/account_plan.hpp"
#include "acm/domain/arr.hpp"
#include "acm/domain/health.hpp"
#include "acm/domain/renewal.hpp"

namespace acm {

namespace {

// Columns of a report without a period: the group column first when --by groups.
std::vector<Column> grouped(const ReportScope& scope, std::vector<Column> columns) {
    if (scope.group_by) columns.insert(columns.begin(), Column{*scope.group_by, Kind::text});
    return columns;
}

Row group_start(const ReportScope& scope, const Group& group) {
    if (!scope.group_by) return {};
    return Row{group ? Cell{*group} : Cell{}};
}

struct Book {
    std::int64_t accounts = 0, customers = 0, arr = 0;
    std::int64_t green = 0, yellow = 0, red = 0, no_health = 0;
    std::int64_t renewals = 0, renewals_arr = 0, open_escalations = 0;
};

}  // namespace

std::vector<Column> portfolio_columns(const ReportScope& scope) {
    std::vector<Column> columns = {{"accounts", Kind::integer}, {"customers", Kind::integer},
                                   {"arr", Kind::money},        {"mrr", Kind::money}};
    for (const char* name : {"green", "yellow", "red", "no_health", "renewals_due"})
        columns.push_back({name, Kind::integer});
    columns.push_back({"renewals_due_arr", Kind::money});
    columns.push_back({"open_escalations", Kind::integer});
    return grouped(scope, columns);
}

std::vector<Row> portfolio_report(Database& db, const Config& config, Date today, Date renewals_until,
                                  const ReportScope& scope) {
    FxRates fx = config.fx_rates();
    auto accounts = accounts_in_scope(db, scope);
    auto arr = arr_by_account(db, today, fx);
    HealthSettings settings = HealthSettings::from(config);
    auto inputs = load_health_inputs(db, settings, today);
    AccountHealthSettings scoring(db, settings);

    // A churned account is no customer, though its last contract may still run.
    std::unordered_set<std::int64_t> churned;
    auto churned_rows = db.prepare("SELECT id FROM accounts WHERE status = 'churned'");
    while (!scope.churned && churned_rows.step()) churned.insert(churned_rows.integer(0));

    std::map<Group, Book> books;
    if (!scope.group_by) books[std::nullopt];  // one row, even for an empty workspace
    for (const auto& [account, group] : accounts) {
        Book& book = books[group];
        ++book.accounts;
        auto found = arr.find(account);
        if (found != arr.end() && found->second > 0) {
            if (!churned.count(account)) ++book.customers;
            book.arr = add_minor(book.arr, found->second, "arr");
        }
        static const HealthInputs no_data;
        auto input = inputs.find(account);
        const HealthInputs& in = input == inputs.end() ? no_data : input->second;
        std::string color = compute_health(in, scoring.of(account), today, false).color;
        ++(color == "green" ? book.green : color == "yellow" ? book.yellow : color == "red" ? book.red : book.no_health);
        for (int count : in.open_escalations) book.open_escalations += count;
    }
    auto due = db.prepare("SELECT c.account_id, c.currency, " + renewal_arr_sql() +
                          " FROM renewals r JOIN contracts c ON c.id = r.contract_id "
                          "WHERE r.outcome IS NULL AND r.due BETWEEN ?1 AND ?2");
    due.bind_all(format_date(today), format_date(renewals_until));
    while (due.step()) {
        auto account = accounts.find(due.integer(0));
        if (account == accounts.end()) continue;
        Book& book = books[account->second];
        ++book.renewals;
        book.renewals_arr = add_minor(
            book.renewals_arr, convert(Money{due.integer(2), due.text(1)}, fx, "renewals_due_arr").minor, "renewals_due_arr");
    }

    std::vector<Row> rows;
    for (const auto& [group, b] : books) {
        Row row = group_start(scope, group);
        // MRR is ARR / 12, rounded half up to the minor unit.
        for (Cell cell : {Cell{b.accounts}, Cell{b.customers}, Cell{Money{b.arr, fx.base}},
                          Cell{Money{b.arr / 12 + (b.arr % 12 >= 6), fx.base}}, Cell{b.green}, Cell{b.yellow}, Cell{b.red},
                          Cell{b.no_health}, Cell{b.renewals}, Cell{Money{b.renewals_arr, fx.base}},
                          Cell{b.open_escalations}})
            row.push_back(cell);
        rows.push_back(std::move(row));
    }
    return rows;
}

// Profitability -------------------------------------------------------------------------

namespace {

struct Profit {
    std::int64_t recurring = 0, one_time = 0, cost = 0;
};

}  // namespace

std::vector<Column> profitability_columns(const ReportScope& scope) {
    std::vector<Column> columns = {{"period", Kind::text}};
    for (const char* name : {"recurring_revenue", "one_time_revenue", "revenue", "cost_to_serve", "margin"})
        columns.push_back({name, Kind::money});
    columns.push_back({"margin_pct", Kind::ratio});
    return with_group(scope, columns);
}

std::vector<Row> profitability_report(Database& db, const Config& config, const std::vector<Period>& periods,
                                      const ReportScope& scope) {
    FxRates fx = config.fx_rates();
    auto accounts = accounts_in_scope(db, scope);
    std::vector<Row> rows;
    for (const auto& period : periods) {
        std::map<Group, Profit> profits;
        if (!scope.group_by) profits[std::nullopt];
        auto in_scope = [&](std::int64_t account) -> Profit* {
            auto found = accounts.find(account);
            return found == accounts.end() ? nullptr : &profits[found->second];
        };
        for (const auto& [account, sums] : recognized_revenue_by_account(db, period))
            if (Profit* p = in_scope(account))
                p->recurring = add_minor(p->recurring, to_base(sums, fx, "recurring_revenue").minor, "recurring_revenue");
        // One-time fees are recognized on the contract's start day; costs on their day. Each
        // amount is converted and added in C++, checked (SQLite's sum() fails without naming
        // the figure).
        auto amounts = db.prepare(
            "SELECT account_id, currency, one_time_minor, 0 FROM contracts "
            "WHERE start_date BETWEEN ?1 AND ?2 AND one_time_minor > 0 "
            "UNION ALL SELECT account_id, currency, 0, amount_minor FROM costs WHERE date BETWEEN ?1 AND ?2");
        amounts.bind_all(format_date(period.start), format_date(period.end));
        while (amounts.step()) {
            Profit* p = in_scope(amounts.integer(0));
            if (!p) continue;
            std::string currency = amounts.text(1);
            auto add = [&](std::int64_t& total, int column, std::string_view figure) {
                total = add_minor(total, convert(Money{amounts.integer(column), currency}, fx, figure).minor, figure);
            };
            add(p->one_time, 2, "one_time_revenue");
            add(p->cost, 3, "cost_to_serve");
        }
        for (const auto& group : groups_of(scope, profits)) {
            Profit p = stats_of(profits, group);
            std::int64_t revenue = add_minor(p.recurring, p.one_time, "revenue");
            std::int64_t margin = subtract_minor(revenue, p.cost, "margin");
            Row row = row_start(period.label, scope, group);
            for (auto minor : {p.recurring, p.one_time, revenue, p.cost, margin}) row.push_back(Money{minor, fx.base});
            row.push_back(ratio(margin, revenue));
            rows.push_back(std::move(row));
        }
    }
    return rows;
}

// Pipeline ------------------------------------------------------------------------------

namespace {

struct Pipeline {
    std::int64_t count = 0, value = 0, weighted = 0;
    std::optional<Date> next_close;
};

}  // namespace

std::vector<Column> pipeline_columns(const ReportScope& scope) {
    return grouped(scope, {{"stage", Kind::text},
                           {"kind", Kind::text},
                           {"opportunities", Kind::integer},
                           {"value", Kind::money},
                           {"weighted_value", Kind::money},
                           {"next_close", Kind::date}});
}

std::vector<Row> pipeline_report(Database& db, const Config& config, const Period& period, const ReportScope& scope) {
    FxRates fx = config.fx_rates();
    auto accounts = accounts_in_scope(db, scope);
    // Stages in their order (open, won, lost), then kinds in theirs.
    auto position = [](const std::vector<std::string>& values, const std::string& value) {
        return std::find(values.begin(), values.end(), value) - values.begin();
    };
    using Key = std::tuple<Group, std::ptrdiff_t, std::ptrdiff_t>;
    std::map<Key, Pipeline> lines;
    auto stmt = db.prepare(
        "SELECT account_id, stage, kind, value_minor, currency, probability, close_date FROM opportunities "
        "WHERE stage = 'open' OR close_date BETWEEN ?1 AND ?2");
    stmt.bind_all(format_date(period.start), format_date(period.end));
    while (stmt.step()) {
        auto account = accounts.find(stmt.integer(0));
        if (account == accounts.end()) continue;
        std::string stage = stmt.text(1), currency = stmt.text(4);
        Pipeline& line = lines[Key{account->second, position(opportunity_stages(), stage),
                                   position(opportunity_kinds(), stmt.text(2))}];
        std::int64_t value = stmt.integer(3);
        ++line.count;
        line.value = add_minor(line.value, convert(Money{value, currency}, fx, "value").minor, "value");
        Money weighted{weighted_value(value, stage, static_cast<int>(stmt.integer(5))), currency};
        line.weighted = add_minor(line.weighted, convert(weighted, fx, "weighted_value").minor, "weighted_value");
        auto close = parse_iso_date(stmt.optional_text(6).value_or(""));
        if (stage == "open" && close && (!line.next_close || *close < *line.next_close)) line.next_close = close;
    }
    std::vector<Row> rows;
    for (const auto& [key, line] : lines) {
        const auto& [group, stage, kind] = key;
        Row row = group_start(scope, group);
        row.push_back(opportunity_stages()[static_cast<std::size_t>(stage)]);
        row.push_back(opportunity_kinds()[static_cast<std::size_t>(kind)]);
        row.push_back(line.count);
        row.push_back(Money{line.value, fx.base});
        row.push_back(Money{line.weighted, fx.base});
        row.push_back(line.next_close ? Cell{*line.next_close} : Cell{});
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace acm
