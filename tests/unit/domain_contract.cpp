#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>

#include "acm/core/error.hpp"
#include "acm/domain/arr.hpp"
#include "acm/domain/contract.hpp"
#include "acm/domain/renewal.hpp"
#include "acm/store/workspace.hpp"

using namespace acm;
using namespace std::chrono;
namespace fs = std::filesystem;

namespace {
// A fresh workspace with one account, removed at the end of the test.
struct Scratch {
    fs::path dir = fs::temp_directory_path() / ("acm-domain-" + std::to_string(::getpid()));
    Database db;
    Actor actor{"test", "acm test", sys_days{2026y / 1 / 1}};
    std::int64_t account = 0;
    Scratch() : db((fs::remove_all(dir), create_workspace((dir / "ws.db").string()))) {
        AccountFields fields;
        fields.name = "Acme";
        add_account(db, actor, fields);
        account = *find_account_by_key(db, "acme");
    }
    ~Scratch() { fs::remove_all(dir); }
    std::int64_t contract(Date start, Date end, Money arr) {
        ContractTerms terms;
        terms.start = start;
        terms.end = end;
        terms.arr = arr;
        return add_contract(db, actor, account, terms);
    }
};
FxRates fx() { return FxRates{"EUR", {{"USD", 900'000'000}}}; }
}  // namespace

TEST_CASE("ARR on a day: active days only, amendments from their effective date") {
    Scratch s;
    auto id = s.contract(2026y / 1 / 1, 2026y / 12 / 31, Money{12'000'000, "EUR"});
    amend_contract(s.db, s.actor, id, Money{15'000'000, "EUR"}, 2026y / 7 / 1, std::nullopt);
    CHECK(account_arr(s.db, s.account, 2025y / 12 / 31, fx()).minor == 0);
    CHECK(account_arr(s.db, s.account, 2026y / 1 / 1, fx()).minor == 12'000'000);
    CHECK(account_arr(s.db, s.account, 2026y / 6 / 30, fx()).minor == 12'000'000);
    CHECK(account_arr(s.db, s.account, 2026y / 7 / 1, fx()).minor == 15'000'000);
    CHECK(account_arr(s.db, s.account, 2026y / 12 / 31, fx()).minor == 15'000'000);  // the end is inclusive
    CHECK(account_arr(s.db, s.account, 2027y / 1 / 1, fx()).minor == 0);
    CHECK(contract_arr_on(s.db, id, 2025y / 6 / 1) == Money{12'000'000, "EUR"});  // terms before the start
}

TEST_CASE("ARR sums contracts and converts currencies with [fx]") {
    Scratch s;
    s.contract(2026y / 1 / 1, 2026y / 12 / 31, Money{10'000'000, "EUR"});
    s.contract(2026y / 3 / 1, 2027y / 2 / 28, Money{1'000'000, "USD"});
    CHECK(account_arr(s.db, s.account, 2026y / 2 / 1, fx()).minor == 10'000'000);
    CHECK(account_arr(s.db, s.account, 2026y / 3 / 1, fx()).minor == 10'900'000);
    CHECK(arr_by_account(s.db, 2026y / 3 / 1, fx()).at(s.account) == 10'900'000);
    CHECK_THROWS_AS(account_arr(s.db, s.account, 2026y / 3 / 1, FxRates{"EUR", {}}), RuntimeError);
}

TEST_CASE("termination ends the ARR after the last day and closes the renewal") {
    Scratch s;
    auto id = s.contract(2026y / 1 / 1, 2026y / 12 / 31, Money{10'000'000, "EUR"});
    terminate_contract(s.db, s.actor, id, 2026y / 9 / 30, std::string("insolvent"));
    CHECK(account_arr(s.db, s.account, 2026y / 9 / 30, fx()).minor == 10'000'000);
    CHECK(account_arr(s.db, s.account, 2026y / 10 / 1, fx()).minor == 0);
    auto stmt = s.db.prepare("SELECT outcome, old_arr_minor, new_arr_minor FROM renewals WHERE contract_id = ?");
    stmt.bind(1, id);
    REQUIRE(stmt.step());
    CHECK(stmt.text(0) == "churned");
    CHECK(stmt.integer(1) == 10'000'000);
    CHECK(stmt.integer(2) == 0);
    CHECK_THROWS_AS(terminate_contract(s.db, s.actor, id, 2026y / 10 / 30, std::nullopt), RuntimeError);
}

TEST_CASE("recognized revenue: ARR / 365 per active day, amendments and terminations applied") {
    Scratch s;
    auto revenue = [&](Date from, Date to) {
        auto sums = recognized_revenue_by_account(s.db, period_between(from, to));
        return sums.count(s.account) ? to_base(sums.at(s.account), fx(), "arr").minor : 0;
    };
    // 365,000.00 a year is 1,000.00 a day; from 2026-07-01 730,000.00 is 2,000.00.
    auto id = s.contract(2026y / 1 / 1, 2026y / 12 / 31, Money{36'500'000, "EUR"});
    amend_contract(s.db, s.actor, id, Money{73'000'000, "EUR"}, 2026y / 7 / 1, std::nullopt);
    CHECK(revenue(2026y / 1 / 1, 2026y / 1 / 1) == 100'000);
    CHECK(revenue(2026y / 6 / 30, 2026y / 7 / 1) == 300'000);  // one day at each rate
    CHECK(revenue(2025y / 12 / 1, 2025y / 12 / 31) == 0);       // before the start
    CHECK(revenue(2026y / 1 / 1, 2026y / 12 / 31) == 181 * 100'000 + 184 * 200'000);
    // Amended twice on one day: the later amendment holds from that day.
    amend_contract(s.db, s.actor, id, Money{36'500'000, "EUR"}, 2026y / 10 / 1, std::nullopt);
    amend_contract(s.db, s.actor, id, Money{0, "EUR"}, 2026y / 10 / 1, std::nullopt);
    CHECK(revenue(2026y / 10 / 1, 2026y / 10 / 31) == 0);
    CHECK(revenue(2026y / 9 / 30, 2026y / 10 / 1) == 200'000);
    // Terminated: nothing after the last day. USD converted with [fx], rounded once per sum.
    auto usd = s.contract(2026y / 1 / 1, 2026y / 12 / 31, Money{100'000, "USD"});  // 1,000.00 USD a year
    terminate_contract(s.db, s.actor, usd, 2026y / 1 / 3, std::nullopt);
    // USD: 3 days × 100,000 / 365 = 821.9 → 822 minor units → × 0.9 = 739.8 → 740.
    CHECK(revenue(2026y / 1 / 1, 2026y / 1 / 31) == 3'100'000 + 740);
    CHECK(revenue(2026y / 1 / 4, 2026y / 1 / 4) == 100'000);
}

TEST_CASE("same_term_end keeps whole months whole, else the number of days") {
    CHECK(same_term_end(2026y / 1 / 1, 2026y / 12 / 31, 2027y / 1 / 1) == 2027y / 12 / 31);
    CHECK(same_term_end(2027y / 1 / 1, 2027y / 12 / 31, 2028y / 1 / 1) == 2028y / 12 / 31);  // leap year: 366 days
    CHECK(same_term_end(2026y / 3 / 1, 2027y / 2 / 28, 2027y / 3 / 1) == 2028y / 2 / 29);
    CHECK(same_term_end(2026y / 1 / 15, 2026y / 4 / 14, 2026y / 4 / 15) == 2026y / 7 / 14);  // 3 months
    CHECK(same_term_end(2026y / 1 / 1, 2026y / 1 / 10, 2026y / 1 / 11) == 2026y / 1 / 20);   // 10 days
    CHECK(same_term_end(2026y / 1 / 31, 2026y / 2 / 27, 2026y / 2 / 28) == 2026y / 3 / 27);  // not whole months
}

TEST_CASE("renew: successor from the day after the end; churn; closed renewals refuse") {
    Scratch s;
    auto id = s.contract(2026y / 1 / 1, 2026y / 12 / 31, Money{10'000'000, "EUR"});
    auto renewal_of = [&](std::int64_t contract) {
        auto stmt = s.db.prepare("SELECT id FROM renewals WHERE contract_id = ?");
        stmt.bind(1, contract);
        REQUIRE(stmt.step());
        return stmt.integer(0);
    };
    auto successor = renew(s.db, s.actor, renewal_of(id), {std::string("9k")}, 2026y / 12 / 1, "--renewed");
    Contract next = load_contract(s.db, successor);
    CHECK(next.terms.start == 2027y / 1 / 1);
    CHECK(next.terms.end == 2027y / 12 / 31);
    CHECK(next.terms.arr == Money{900'000, "EUR"});
    CHECK(next.predecessor_id == id);
    CHECK_THROWS_AS(churn(s.db, s.actor, renewal_of(id), "late", 2026y / 12 / 2), RuntimeError);
    CHECK_THROWS_AS(renew(s.db, s.actor, renewal_of(successor), {std::string("USD 5")}, 2026y / 12 / 1, "--renewed"),
                    UsageError);
    churn(s.db, s.actor, renewal_of(successor), "left", 2027y / 6 / 1);
    CHECK(account_arr(s.db, s.account, 2027y / 12 / 31, fx()).minor == 900'000);  // churn takes effect at the end
}
