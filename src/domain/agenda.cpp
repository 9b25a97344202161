// The agenda: one query per kind of date owed, merged and ordered by date (acm-agenda(1)).
#include "acm/domain/agenda.hpp"

#include <algorithm>
#include <cstdint>
#include <tuple>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "acm/domain/escalation.hpp"
#include "acm/domain/task.hpp"

namespace acm {

const std::vector<std::string>& agenda_kinds() {
    static const std::vector<std::string> values = {"task",   "notice",    "renewal", "follow-up",
                                                    "action", "milestone", "sla",     "cadence"};
    return values;
}

AgendaSettings AgendaSettings::from(const Config& config) {
    AgendaSettings s;
    for (const auto& [tier, text] : config.string_table("cadence"))
        s.cadence.emplace(tier, parse_duration(text, "cadence." + tier));
    s.follow_up_within = parse_duration(config.string("feedback.follow_up_within"), "feedback.follow_up_within");
    s.feedback_window = parse_duration(config.string("health.windows.feedback"), "health.windows.feedback");
    return s;
}

std::vector<Column> agenda_columns(Date today) {
    return {
        {.name = "due", .kind = Kind::date, .overdue_before = today, .priority = 3},
        {.name = "kind", .kind = Kind::text, .fit = Fit::fixed, .priority = 3},
        {"account", Kind::text},
        {.name = "what", .kind = Kind::text, .priority = 2},
        {.name = "ref", .kind = Kind::text, .fit = Fit::key, .priority = 3},
        {.name = "owner", .kind = Kind::text, .priority = 1},
    };
}

namespace {

struct Item {
    Date due;
    std::size_t kind;  // index in agenda_kinds()
    std::string account, what, ref;
    std::optional<std::string> owner;
};

std::size_t kind_index(std::string_view kind) {
    const auto& kinds = agenda_kinds();
    return static_cast<std::size_t>(std::find(kinds.begin(), kinds.end(), kind) - kinds.begin());
}

// Adds a row per result of `stmt`, whose first four columns are the due date, the account key,
// the ref and the owner; `make` says what is due from the columns after them.
template <class Make>
void collect(Statement stmt, std::string_view kind, std::vector<Item>& items, Make make) {
    const std::size_t index = kind_index(kind);
    while (stmt.step()) {
        auto due = parse_iso_date(stmt.text(0));
        if (!due) continue;  // not a date acm wrote: nothing to order it by
        items.push_back({*due, index, stmt.text(1), make(stmt), stmt.text(2), stmt.optional_text(3)});
    }
}

// A contract as people name it: its title, else "contract 7".
std::string contract_name(const Statement& stmt, int title, int id) {
    if (auto text = stmt.optional_text(title)) return *text;
    return fmt::format("contract {}", stmt.integer(id));
}

}  // namespace

void for_each_agenda_item(Database& db, const AgendaSettings& settings, const AgendaFilter& filter,
                          const std::function<void(Row&&)>& emit) {
    std::vector<Item> items;
    const std::string until = format_date(filter.until), today = format_date(filter.today);
    // ?1 the window's last day, ?2 the owner or NULL.
    auto query = [&](const std::string& sql) {
        auto stmt = db.prepare(sql);
        stmt.bind_all(until, filter.owner);
        return stmt;
    };
    const std::string owner_is = "(?2 IS NULL OR ?2 = ";

    collect(query("SELECT t.due, a.key, t.id, coalesce(t.owner, a.owner), t.text, t.priority "
            "FROM tasks t JOIN accounts a ON a.id = t.account_id "
            "WHERE t.done_on IS NULL AND t.due <= ?1 AND " + owner_is + "coalesce(t.owner, a.owner))"),
            "task", items, [](const Statement& s) { return task_headline(s.text(4), s.text(5)); });

    // A notice deadline is owed until it passes; after it, the renewal's own row remains.
    const std::string renewals =
        " FROM renewals r JOIN contracts c ON c.id = r.contract_id JOIN accounts a ON a.id = c.account_id "
        "WHERE " + owner_is + "coalesce(r.owner, a.owner)) ";
    // "+r.outcome": found by the index of notice deadlines, not by the one of every open renewal.
    auto notices = query("SELECT r.notice_deadline, a.key, r.id, coalesce(r.owner, a.owner), c.title, c.id, r.due, "
                         "r.stage" + renewals +
                         "AND +r.outcome IS NULL AND r.notice_deadline >= ?3 AND r.notice_deadline <= ?1");
    notices.bind(3, today);
    collect(std::move(notices), "notice", items, [](const Statement& s) {
        return fmt::format("last day of notice for {} (renews {}, {})", contract_name(s, 4, 5), s.text(6), s.text(7));
    });
    collect(query("SELECT r.due, a.key, r.id, coalesce(r.owner, a.owner), c.title, c.id, r.stage" + renewals +
                  "AND r.outcome IS NULL AND r.due <= ?1"),
            "renewal", items,
            [](const Statement& s) { return fmt::format("{} renews ({})", contract_name(s, 4, 5), s.text(6)); });

    // Follow-ups: one row per account, due with its oldest open one (the ref to act on first).
    const Date oldest_counted = add(filter.today, settings.feedback_window, -1);
    const Date answered_by = add(filter.until, settings.follow_up_within, -1);
    {
        // One seek per account into the index of open follow-ups: its oldest two in the window
        // ("date id,date id"), the first to act on and the second to say there are more.
        auto oldest = db.prepare(
            "SELECT a.id, (SELECT group_concat(f.date || ' ' || f.id) FROM (SELECT f.date, f.id FROM feedback f "
            "WHERE f.account_id = a.id AND f.follow_up = 'open' AND f.date > ?1 AND f.date <= ?2 "
            "ORDER BY f.date, f.id LIMIT 2) f) FROM accounts a WHERE ?3 IS NULL OR ?3 = a.owner");
        oldest.bind_all(format_date(oldest_counted), today, filter.owner);
        const std::string due_by = format_date(answered_by);
        std::unordered_map<std::int64_t, bool> more;  // by oldest follow-up id
        std::string ids = "[";
        while (oldest.step()) {
            auto found = oldest.optional_text(1);
            if (!found || found->substr(0, 10) > due_by) continue;
            auto id_end = found->find(',');
            std::string id = found->substr(11, id_end == std::string::npos ? std::string::npos : id_end - 11);
            ids += (ids.size() > 1 ? "," : "") + id;
            more[std::stoll(id)] = id_end != std::string::npos;
        }
        ids += "]";
        auto stmt = db.prepare("SELECT a.key, a.owner, f.id, f.date, f.type, f.score, f.kind, f.text "
                               "FROM json_each(?1) j JOIN feedback f ON f.id = j.value "
                               "JOIN accounts a ON a.id = f.account_id");
        stmt.bind(1, ids);
        const std::size_t index = kind_index("follow-up");
        while (stmt.step()) {
            auto answered = parse_iso_date(stmt.text(3));
            if (!answered) continue;
            std::string answer = stmt.is_null(4) ? stmt.optional_text(6).value_or("feedback")
                                                 : fmt::format("{} {}", stmt.text(4), stmt.integer(5));
            std::string what = fmt::format("follow up {} of {}", answer, stmt.text(3));
            if (auto text = stmt.optional_text(7)) what += fmt::format(": {}", *text);
            if (more[stmt.integer(2)]) what += " (and later ones)";
            items.push_back({add(*answered, settings.follow_up_within), index, stmt.text(0), std::move(what),
                             std::to_string(stmt.integer(2)), stmt.optional_text(1)});
        }
    }

    collect(query("SELECT x.due, a.key, x.id, coalesce(x.owner, e.owner, a.owner), e.id, x.text "
            "FROM escalation_actions x JOIN escalations e ON e.id = x.escalation_id "
            "JOIN accounts a ON a.id = e.account_id WHERE x.done_on IS NULL AND x.due <= ?1 AND " + owner_is +
                "coalesce(x.owner, e.owner, a.owner))"),
            "action", items,
            [](const Statement& s) { return fmt::format("escalation {}: {}", s.integer(4), s.text(5)); });
    collect(query("SELECT m.due, a.key, m.id, a.owner, m.title FROM milestones m JOIN accounts a ON a.id = m.account_id "
            "WHERE m.done_on IS NULL AND m.due <= ?1 AND " + owner_is + "a.owner)"),
            "milestone", items, [](const Statement& s) { return s.text(4); });

    // SLA targets are instants: those up to the end of the window's last day, each on the local
    // day it falls.
    {
        auto stmt = db.prepare(
            "SELECT e.sla_due_at, a.key, e.id, coalesce(e.owner, a.owner), e.severity, e.title "
            "FROM escalations e JOIN accounts a ON a.id = e.account_id "
            "WHERE e.status <> 'resolved' AND e.sla_due_at <= ?1 AND (?2 IS NULL OR ?2 = coalesce(e.owner, a.owner))");
        stmt.bind_all(format_timestamp_utc(end_of_day(filter.until)), filter.owner);
        const std::size_t index = kind_index("sla");
        while (stmt.step()) {
            auto target = parse_timestamp_utc(stmt.text(0));
            if (!target) continue;
            std::string local = format_timestamp_local(*target);
            auto due = parse_iso_date(local.substr(0, 10));
            if (!due) continue;
            items.push_back({*due, index, stmt.text(1),
                             fmt::format("{} escalation {}: SLA ends {}", stmt.text(4), stmt.text(5), local),
                             std::to_string(stmt.integer(2)), stmt.optional_text(3)});
        }
    }

    // Cadence: the last touch (newest note up to today, else the day the account was added)
    // plus its tier's span. Churned accounts and prospects are not kept in touch with.
    {
        auto stmt = db.prepare(
            "SELECT a.key, a.owner, a.tier, (SELECT max(n.date) FROM notes n WHERE n.account_id = a.id "
            "AND n.date <= ?1), substr(a.created_at, 1, 10) FROM accounts a "
            "WHERE a.tier IS NOT NULL AND a.status NOT IN ('churned', 'prospect') AND (?2 IS NULL OR ?2 = a.owner)");
        stmt.bind_all(today, filter.owner);
        const std::size_t index = kind_index("cadence");
        while (stmt.step()) {
            auto cadence = settings.cadence.find(stmt.text(2));
            if (cadence == settings.cadence.end()) continue;
            auto touched = stmt.optional_text(3);
            auto since = parse_iso_date(touched.value_or(stmt.text(4)));
            if (!since) continue;
            auto due = try_add(*since, cadence->second);
            if (!due || *due > filter.until) continue;
            std::string what =
                touched ? fmt::format("last touch {}; {} accounts every {}", *touched, cadence->first,
                                      format_duration(cadence->second))
                        : fmt::format("no touch since it was added on {}; {} accounts every {}",
                                      format_date(*since), cadence->first, format_duration(cadence->second));
            items.push_back({*due, index, stmt.text(0), std::move(what), stmt.text(0), stmt.optional_text(1)});
        }
    }

    // Sorted by position: swapping the items themselves moves four strings each time.
    std::vector<std::uint32_t> order(items.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::uint32_t i, std::uint32_t j) {
        const Item &a = items[i], &b = items[j];
        return std::tie(a.due, a.kind, a.account, a.ref) < std::tie(b.due, b.kind, b.account, b.ref);
    });
    for (std::uint32_t i : order) {
        Item& item = items[i];
        Row row;
        row.reserve(6);
        row.emplace_back(item.due);
        row.emplace_back(agenda_kinds()[item.kind]);
        row.emplace_back(std::move(item.account));
        row.emplace_back(std::move(item.what));
        row.emplace_back(std::move(item.ref));
        if (item.owner) row.emplace_back(std::move(*item.owner));
        else row.emplace_back(std::monostate{});
        emit(std::move(row));
    }
}

}  // namespace acm
