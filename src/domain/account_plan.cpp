// Opportunities, milestones and costs of an account.
#include "acm/domain/account_plan.hpp"

#include <fmt/format.h>

#include "acm/core/error.hpp"
#include "acm/core/text.hpp"
#include "acm/domain/listing.hpp"
#include "cells.hpp"
#include "acm/store/filter_sql.hpp"

namespace acm {

// Opportunities ------------------------------------------------------------------

const std::vector<std::string>& opportunity_kinds() {
    static const std::vector<std::string> values = {"upsell", "cross-sell"};
    return values;
}

const std::vector<std::string>& opportunity_stages() {
    static const std::vector<std::string> values = {"open", "won", "lost"};
    return values;
}

std::int64_t add_opportunity(Database& db, const Actor& actor, std::int64_t account_id, const OpportunityFields& fields) {
    std::optional<std::string> close;
    if (fields.close) close = format_date(*fields.close);
    db.prepare("INSERT INTO opportunities (account_id, title, kind, stage, value_minor, currency, probability, "
               "close_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind_all(account_id, fields.title, fields.kind, fields.stage, fields.value.minor, fields.value.currency,
                  std::int64_t{fields.probability}, close, format_timestamp_utc(actor.now))
        .run();
    std::int64_t id = db.last_insert_id();
    Changes changes;
    changes.set("account", account_key_of(db, account_id))
        .set("title", fields.title)
        .set("value", format_decimal(fields.value) + " " + fields.value.currency)
        .set("kind", fields.kind)
        .set("stage", fields.stage)
        .set("probability", std::to_string(fields.probability))
        .set("close", close);
    record_event(db, actor, {"opportunity", std::to_string(id), account_id, "add"}, changes);
    return id;
}

void update_opportunity(Database& db, const Actor& actor, std::int64_t id, const OpportunityChanges& update) {
    auto stmt = db.prepare("SELECT account_id, title, stage, value_minor, currency, probability, close_date "
                           "FROM opportunities WHERE id = ?");
    stmt.bind(1, id);
    if (!stmt.step()) throw RuntimeError(fmt::format("no opportunity with id {}", id));
    std::int64_t account_id = stmt.integer(0);
    std::string currency = stmt.text(4);
    std::optional<Money> new_value;
    if (update.value) {
        new_value = parse_money(*update.value, currency, "--value");
        if (new_value->currency != currency)
            throw UsageError(fmt::format("--value {} is not valid (expected an amount in the opportunity's currency, {})",
                                         quote_value(*update.value), currency));
    }
    Changes changes;
    auto note = [&](const char* field, std::optional<std::string> from, std::optional<std::string> to) {
        if (to && from != to) changes.change(field, from, to);
    };
    std::optional<std::string> close, value, probability;
    if (update.close) close = format_date(*update.close);
    if (new_value) value = format_decimal(*new_value);
    if (update.probability) probability = std::to_string(*update.probability);
    note("title", stmt.text(1), update.title);
    note("stage", stmt.text(2), update.stage);
    note("value", format_decimal(Money{stmt.integer(3), currency}), value);
    note("probability", std::to_string(stmt.integer(5)), probability);
    note("close", stmt.optional_text(6), close);
    if (changes.empty()) return;
    std::optional<std::int64_t> value_minor, probability_value;
    if (new_value) value_minor = new_value->minor;
    if (update.probability) probability_value = *update.probability;
    db.prepare("UPDATE opportunities SET title = coalesce(?2, title), stage = coalesce(?3, stage), "
               "value_minor = coalesce(?4, value_minor), probability = coalesce(?5, probability), "
               "close_date = coalesce(?6, close_date) WHERE id = ?1")
        .bind_all(id, update.title, update.stage, value_minor, probability_value, close)
        .run();
    record_event(db, actor, {"opportunity", std::to_string(id), account_id, "edit"}, changes);
}

const RecordTable& opportunity_fields() {
    static const RecordTable table{
        .entity = "opportunity",
        .noun = "opportunity",
        .table = "opportunities",
        .fields =
            {
                text_field("title", "title", "What is offered", 500),
                money_field("value", "value_minor", "currency", "ARR it adds if won: 30000, 30k, USD 30k"),
                choice_field("kind", "kind", "upsell or cross-sell", opportunity_kinds),
                choice_field("stage", "stage", "open, won or lost", opportunity_stages),
                integer_field("probability", "probability", "Chance to win in percent, 0 to 100", 0, 100),
                date_field("close", "close_date", "Expected (or actual) close date", true),
            },
        .currency_column = "currency",
    };
    return table;
}

std::int64_t weighted_value(std::int64_t value_minor, const std::string& stage, int probability) {
    if (stage == "won") return value_minor;
    if (stage == "lost") return 0;
    // Rounded half up, in integer arithmetic.
    return add_minor(multiply_minor(value_minor, probability, "weighted_value"), 50, "weighted_value") / 100;
}

static const Listing& opportunity_listing() {
    static const Listing listing({
        {{"id", Kind::integer}, "o.id"},
        {{"account", Kind::text}, "a.key"},
        {{.name = "title", .kind = Kind::text, .priority = 2}, "o.title"},
        {{"kind", Kind::text}, "o.kind"},
        {{.name = "stage", .kind = Kind::text, .fit = Fit::fixed, .priority = 1}, "o.stage"},
        {{.name = "value", .kind = Kind::money, .priority = 1}, "o.value_minor"},
        {{"probability", Kind::integer}, "o.probability"},
        {{"weighted_value", Kind::money}, "",
         [](const ListingRow& r) {
             return Cell{Money{weighted_value(r.integer("value"), r.text("stage"), static_cast<int>(r.integer("probability"))),
                               r.text("currency")}};
         }},
        {{.name = "close", .kind = Kind::date, .priority = 1}, "o.close_date"},
        {{"currency", Kind::text, false}, "o.currency"},
    });
    return listing;
}

std::vector<Column> opportunity_columns() { return opportunity_listing().columns(); }

void for_each_opportunity(Database& db, std::optional<std::int64_t> account_id, std::optional<std::string> stage,
                          const std::function<void(Row&&)>& emit) {
    const Listing& listing = opportunity_listing();
    auto stmt = db.prepare(
        "SELECT " + listing.select_list() + " FROM opportunities o JOIN accounts a ON a.id = o.account_id "
        "WHERE " + match_if(account_id.has_value(), "o.account_id", 1) + " AND (?2 IS NULL OR o.stage = ?2) "
        "ORDER BY a.key, o.close_date IS NULL, o.close_date, o.id");
    stmt.bind_all(account_id, stage);
    while (stmt.step()) emit(listing.row(stmt));
}

// Milestones --------------------------------------------------------------------------

std::int64_t add_milestone(Database& db, const Actor& actor, std::int64_t account_id, const std::string& title,
                           Date due) {
    db.prepare("INSERT INTO milestones (account_id, title, due, created_at) VALUES (?, ?, ?, ?)")
        .bind_all(account_id, title, format_date(due), format_timestamp_utc(actor.now))
        .run();
    std::int64_t id = db.last_insert_id();
    Changes changes;
    changes.set("account", account_key_of(db, account_id)).set("title", title).set("due", format_date(due));
    record_event(db, actor, {"milestone", std::to_string(id), account_id, "add"}, changes);
    return id;
}

void complete_milestone(Database& db, const Actor& actor, std::int64_t id, Date day) {
    auto stmt = db.prepare("SELECT account_id, done_on FROM milestones WHERE id = ?");
    stmt.bind(1, id);
    if (!stmt.step()) throw RuntimeError(fmt::format("no milestone with id {}", id));
    if (!stmt.is_null(1)) throw RuntimeError(fmt::format("milestone {} was already reached on {}", id, stmt.text(1)));
    std::int64_t account_id = stmt.integer(0);
    db.prepare("UPDATE milestones SET done_on = ? WHERE id = ?").bind_all(format_date(day), id).run();
    Changes changes;
    changes.set("done_on", format_date(day));
    record_event(db, actor, {"milestone", std::to_string(id), account_id, "done"}, changes);
}

const RecordTable& milestone_fields() {
    static const RecordTable table{
        .entity = "milestone",
        .noun = "milestone",
        .table = "milestones",
        .fields =
            {
                text_field("title", "title", "What is reached", 500),
                date_field("due", "due", "When it is planned: YYYY-MM-DD, +30d, …"),
                date_field("done_on", "done_on", "When it was reached"),
                clear_flag("not_done", "done_on", "Mark it not reached"),
            },
    };
    return table;
}

// Late: reached after its due day; overdue: not reached and its due day has passed (on `today`).
static std::int64_t days_late(const ListingRow& r, Date today) {
    return days_between(*r.date("due"), r.date("done_on").value_or(today));
}

static Listing milestone_listing(Date today) {
    return Listing({
        {{"id", Kind::integer}, "m.id"},
        {{"account", Kind::text}, "a.key"},
        {{.name = "title", .kind = Kind::text, .priority = 2}, "m.title"},
        {{.name = "due", .kind = Kind::date, .priority = 1}, "m.due"},
        {{"done_on", Kind::date}, "m.done_on"},
        {{.name = "status", .kind = Kind::text, .priority = 1}, "",
         [today](const ListingRow& r) {
             bool late = days_late(r, today) > 0;
             return Cell{std::string(r.is_null("done_on") ? (late ? "overdue" : "open") : (late ? "late" : "done"))};
         }},
        {{"days_late", Kind::integer}, "",
         [today](const ListingRow& r) { return Cell{std::max<std::int64_t>(days_late(r, today), 0)}; }},
    });
}

std::vector<Column> milestone_columns() { return milestone_listing(Date{}).columns(); }

void for_each_milestone(Database& db, std::optional<std::int64_t> account_id, Date today,
                        const std::function<void(Row&&)>& emit) {
    Listing listing = milestone_listing(today);
    auto stmt = db.prepare("SELECT " + listing.select_list() +
                           " FROM milestones m JOIN accounts a ON a.id = m.account_id WHERE " +
                           match_if(account_id.has_value(), "m.account_id", 1) + " ORDER BY a.key, m.due, m.id");
    stmt.bind(1, account_id);
    while (stmt.step()) emit(listing.row(stmt));
}

std::optional<std::int64_t> time_to_value_days(Database& db, std::int64_t account_id) {
    auto stmt = db.prepare(
        "SELECT count(*), count(m.done_on), max(m.done_on), "
        "coalesce((SELECT min(c.start_date) FROM contracts c WHERE c.account_id = ?1), "
        "(SELECT substr(created_at, 1, 10) FROM accounts WHERE id = ?1)) "
        "FROM milestones m WHERE m.account_id = ?1");
    stmt.bind(1, account_id);
    if (!stmt.step() || stmt.integer(0) == 0 || stmt.integer(0) != stmt.integer(1)) return std::nullopt;
    auto start = parse_iso_date(stmt.text(3));
    auto reached = parse_iso_date(stmt.text(2));
    if (!start || !reached) return std::nullopt;
    return days_between(*start, *reached);
}

// Costs ------------------------------------------------------------------------------

const std::vector<std::string>& cost_categories() {
    static const std::vector<std::string> values = {"support", "infrastructure", "services", "other"};
    return values;
}

std::int64_t add_cost(Database& db, const Actor& actor, std::int64_t account_id, const CostFields& fields) {
    db.prepare("INSERT INTO costs (account_id, date, amount_minor, currency, category, note, created_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind_all(account_id, format_date(fields.date), fields.amount.minor, fields.amount.currency, fields.category,
                  fields.note, format_timestamp_utc(actor.now))
        .run();
    std::int64_t id = db.last_insert_id();
    Changes changes;
    changes.set("account", account_key_of(db, account_id))
        .set("date", format_date(fields.date))
        .set("amount", format_decimal(fields.amount) + " " + fields.amount.currency)
        .set("category", fields.category)
        .set("note", fields.note);
    record_event(db, actor, {"cost", std::to_string(id), account_id, "add"}, changes);
    return id;
}

const RecordTable& cost_fields() {
    static const RecordTable table{
        .entity = "cost",
        .noun = "cost",
        .table = "costs",
        .fields =
            {
                date_field("date", "date", "When it was incurred"),
                money_field("amount", "amount_minor", "currency", "The cost: 1200, 1.2k, USD 800"),
                choice_field("category", "category", "support, infrastructure, services or other",
                             cost_categories),
                text_field("note", "note", "What it was", 2000, true),
            },
        .currency_column = "currency",
    };
    return table;
}

static const Listing& cost_listing() {
    static const Listing listing({
        {{"id", Kind::integer}, "k.id"},
        {{"account", Kind::text}, "a.key"},
        {{"date", Kind::date}, "k.date"},
        {{"category", Kind::text}, "k.category"},
        {{"amount", Kind::money}, "k.amount_minor"},
        {{"note", Kind::text}, "k.note"},
        {{"currency", Kind::text, false}, "k.currency"},
    });
    return listing;
}

std::vector<Column> cost_columns() { return cost_listing().columns(); }

void for_each_cost(Database& db, std::optional<std::int64_t> account_id, const std::function<void(Row&&)>& emit) {
    const Listing& listing = cost_listing();
    auto stmt = db.prepare("SELECT " + listing.select_list() +
                           " FROM costs k JOIN accounts a ON a.id = k.account_id WHERE " +
                           match_if(account_id.has_value(), "k.account_id", 1) + " ORDER BY k.date DESC, k.id DESC");
    stmt.bind(1, account_id);
    while (stmt.step()) emit(listing.row(stmt));
}

}  // namespace acm
