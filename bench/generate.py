#!/usr/bin/python3
"""Writes a realistic acm workspace of any size as files to import.

    generate.py --scale 1 --out DIR [--seed 7]

At --scale 1 it is the size of SPEC §7: 10,000 accounts, 50,000 contracts,
1,000,000 feedback entries, 200,000 usage rows and 100,000 escalations, with
amendments, closed renewals, contacts, notes, surveys, opportunities,
milestones and costs. Every count is scaled by the factor (at least one).

DIR gets the CSV files that acm's own imports read (accounts.csv, contracts.csv,
feedback.csv, usage.csv; feedback-narrow.csv, as many answers as a narrow survey
export: account, date, nps, text, timed on its own) and history.sql for what acm has no CSV import for.
history.sql is applied with sqlite3 after the imports (PRAGMA foreign_keys=ON,
and the schema's CHECKs apply as for acm); it names accounts and contracts by
id, which are 1..n in file order in a workspace that the imports filled (the
benchmark checks that before applying it). counts.txt holds the expected row
count of each table, for the smoke test.

Dates are laid out around "today" 2026-11-22 (the benchmark's ACM_TODAY), so that
the reports for 2026 see renewals, churn, expansion, open escalations and recent
usage. The same seed and scale write the same files.
"""
import argparse
import datetime as dt
import os
import random

TODAY = dt.date(2026, 11, 22)
SPEC = {"accounts": 10_000, "contracts": 50_000, "feedback": 1_000_000, "usage": 200_000, "escalations": 100_000}

SEGMENTS = ["enterprise"] * 2 + ["mid-market"] * 3 + ["smb"] * 5
TIERS = {"enterprise": "strategic", "mid-market": "high-touch", "smb": "low-touch"}
INDUSTRIES = ["Manufacturing", "Energy", "Software", "Healthcare", "Retail", "Logistics", "Finance", "Media"]
REGIONS = ["EMEA", "NA", "APAC", "LATAM"]
WORDS = ["Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Tyrell", "Cyberdyne", "Soylent",
         "Vandelay", "Wonka", "Gringotts", "Oscorp", "Aperture", "Monarch", "Nakatomi", "Zorg", "Dunder", "Pied"]
SUFFIXES = ["Corp.", "GmbH", "Ltd", "Inc.", "Group", "Labs", "Health", "Logistics", "Retail", "Systems"]
CATEGORIES = ["reporting", "reliability", "pricing", "onboarding", "support", "performance", "integrations", "ux"]
TEXTS = ["Reports are slow", "The new dashboards save us hours", "Needs an export to our BI tool",
         "Support answered within the hour", "Too expensive for what we use", "Invoices are confusing",
         "Great onboarding, thank you", "SSO keeps logging us out", "Would like a mobile app",
         'Works, but the "sync" fails, sometimes']
ROOT_CAUSES = ["Scheduler regression", "Capacity limit reached", "Misconfigured SSO", "Billing rule error",
               "Third-party outage", "Data import bug", "Training gap"]
SEVERITIES = [("critical", 1), ("high", 3), ("medium", 7), ("low", 14)]  # SLA days (config defaults)


def scaled(count, scale):
    return max(1, round(count * scale))


def spread(total, parts, rng):
    """`total` items over `parts` owners: each gets total // parts, some one more."""
    base, extra = divmod(total, parts)
    lucky = set(rng.sample(range(parts), extra))
    return [base + (i in lucky) for i in range(parts)]


def add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def day_between(rng, first, last):
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def q(value):
    """A SQL literal."""
    if value is None:
        return "NULL"
    if isinstance(value, (int, float)):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def csv_cell(value):
    text = "" if value is None else str(value)
    if any(c in text for c in ',"\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


class SqlWriter:
    """Multi-row INSERTs, 500 rows each (sqlite3 parses them far faster than one per row),
    gathered per table so that rows of several tables may be written in any order."""

    def __init__(self, out):
        self.out, self.pending = out, {}

    def insert(self, table, columns, values):
        rows = self.pending.setdefault((table, columns), [])
        rows.append("(" + ",".join(q(v) for v in values) + ")")
        if len(rows) >= 500:
            self.flush_one(table, columns)

    def flush_one(self, table, columns):
        rows = self.pending.pop((table, columns), [])
        if rows:
            self.out.write(f"INSERT INTO {table} ({columns}) VALUES\n" + ",\n".join(rows) + ";\n")

    def flush(self):
        for table, columns in list(self.pending):
            self.flush_one(table, columns)


def generate(scale, out_dir, seed):
    rng = random.Random(seed)
    n_accounts = scaled(SPEC["accounts"], scale)
    os.makedirs(out_dir, exist_ok=True)
    counts = {}
    created = "2026-01-01T00:00:00Z"
    owners = [f"owner{i:03d}" for i in range(max(1, n_accounts // 50))]

    # Accounts ------------------------------------------------------------------
    keys = []
    with open(os.path.join(out_dir, "accounts.csv"), "w", newline="") as f:
        f.write("Account Name,Key,Segment,Tier,Account Owner,Industry,Region,Status,Tags\n")
        for i in range(n_accounts):
            segment = rng.choice(SEGMENTS)
            name = f"{rng.choice(WORDS)} {rng.choice(SUFFIXES)} {i + 1}"
            key = f"acct-{i + 1:06d}"
            keys.append(key)
            status = rng.choices(["active", "onboarding", "at-risk"], [85, 5, 10])[0]
            tags = rng.choice(["", "", "reference", "flagship;reference", "renewal-risk"])
            f.write(",".join(csv_cell(v) for v in [name, key, segment, TIERS[segment], rng.choice(owners),
                                                   rng.choice(INDUSTRIES), rng.choice(REGIONS), status, tags]) + "\n")
    counts["accounts"] = n_accounts

    sql = open(os.path.join(out_dir, "history.sql"), "w")
    sql.write("-- Generated by bench/generate.py: what acm has no CSV import for.\n"
              "PRAGMA foreign_keys = ON;\nBEGIN;\n"
              "PRAGMA defer_foreign_keys = ON;  -- rows of several tables come in any order; checked at COMMIT\n"
              "CREATE TEMP TABLE renewals_closed (contract_id INTEGER PRIMARY KEY, outcome, closed_on, "
              "old_arr_minor, new_arr_minor, successor_id);\n"
              "CREATE TEMP TABLE predecessors (contract_id INTEGER PRIMARY KEY, predecessor_id);\n"
              "CREATE TEMP TABLE renewals_worked (contract_id INTEGER PRIMARY KEY, stage, risk);\n")
    w = SqlWriter(sql)

    # Contracts: per account a chain of yearly terms, each renewed into the next; the
    # newest runs today, or ended in 2026 without renewal (churn). ---------------
    contract_id = 0
    n_amendments = n_renewed = n_churned = 0
    chains = spread(scaled(SPEC["contracts"], scale), n_accounts, rng)
    with open(os.path.join(out_dir, "contracts.csv"), "w", newline="") as f:
        f.write("Account,Start Date,End Date,ARR,Currency,Auto Renew,Notice Period,Contract Name,One Time Fee,"
                "Signed Date\n")
        for account, length in enumerate(chains, start=1):
            churned = rng.random() < 0.08
            # The newest term starts in the last year (or, churned, ends in 2026 before today).
            newest_start = day_between(rng, dt.date(2025, 11, 23), dt.date(2026, 11, 1))
            if churned:
                newest_start = day_between(rng, dt.date(2025, 1, 2), dt.date(2025, 11, 1))
            currency = "USD" if rng.random() < 0.15 else "EUR"
            arr = rng.choice([12, 24, 36, 48, 60, 96, 120, 180, 240]) * 1000 * 100  # minor units
            previous = None  # (id, end, arr at end)
            for term in range(length):
                start = add_years(newest_start, term - length + 1)
                end = add_years(start, 1) - dt.timedelta(days=1)
                contract_id += 1
                notice = rng.choice(["30d", "60d", "90d"])
                one_time = rng.choice([None, None, None, 5000, 12000])
                f.write(",".join(csv_cell(v) for v in [
                    keys[account - 1], start, end, f"{arr / 100:.2f}", currency, rng.choice(["yes", "no"]),
                    notice, f"Platform {start.year}", one_time, start - dt.timedelta(days=rng.randint(5, 30))]) + "\n")
                arr_at_end = arr
                if rng.random() < 0.2:  # an upsell or a reduction mid-term
                    arr_at_end = round(arr * rng.choice([0.8, 1.1, 1.2, 1.3]))
                    w.insert("contract_arr", "contract_id, effective, arr_minor, reason, created_at",
                             [contract_id, start + dt.timedelta(days=rng.randint(60, 300)), arr_at_end,
                              "seats changed", created])
                    n_amendments += 1
                if previous:
                    prev_id, prev_end, prev_arr = previous
                    w.insert("renewals_closed", "contract_id, outcome, closed_on, old_arr_minor, new_arr_minor, "
                             "successor_id", [prev_id, "renewed", prev_end - dt.timedelta(days=rng.randint(0, 30)),
                                              prev_arr, arr, contract_id])
                    w.insert("predecessors", "contract_id, predecessor_id", [contract_id, prev_id])
                    n_renewed += 1
                previous = (contract_id, end, arr_at_end)
                arr = round(arr_at_end * rng.choice([0.9, 1.0, 1.0, 1.05, 1.1, 1.25]))
            if churned or previous[1] < TODAY:
                prev_id, prev_end, prev_arr = previous
                w.insert("renewals_closed", "contract_id, outcome, closed_on, old_arr_minor, new_arr_minor, "
                         "successor_id", [prev_id, "churned", prev_end, prev_arr, 0, None])
                n_churned += 1
            elif rng.random() < 0.3:  # the open renewal is being worked on
                w.insert("renewals_worked", "contract_id, stage, risk",
                         [previous[0], rng.choice(["in-progress", "committed"]), rng.choice(["low", "medium", "high"])])
    counts["contracts"] = contract_id
    counts["contract_arr"] = contract_id + n_amendments
    counts["renewals"] = contract_id
    counts["renewals closed"] = n_renewed + n_churned

    # Feedback: survey answers of the last two years, a third with a comment. ---------
    n_feedback = scaled(SPEC["feedback"], scale)
    first_day, span = dt.date(2025, 1, 1), (TODAY - dt.date(2025, 1, 1)).days
    days = [(first_day + dt.timedelta(days=d)).isoformat() for d in range(span + 1)]
    with open(os.path.join(out_dir, "feedback.csv"), "w", newline="") as f:
        f.write("account,date,nps,csat,ces,text,kind,category,contact\n")
        for _ in range(n_feedback):
            key = keys[rng.randrange(n_accounts)]
            r = rng.random()
            nps = csat = ces = text = kind = category = contact = ""
            if r < 0.6:
                nps = rng.choice("0123456788999910")
                nps = "10" if nps == "1" else nps
            elif r < 0.85:
                csat = rng.choice("1234455555")
            elif r < 0.97:
                ces = rng.choice("12233457")
            if r >= 0.97 or rng.random() < 0.3:
                text = rng.choice(TEXTS)
                kind = rng.choice(["praise", "complaint", "request", "comment"])
                category = rng.choice(CATEGORIES)
                contact = f"contact{rng.randrange(1000)}@{key}.example"
            f.write(f"{key},{days[rng.randrange(span + 1)]},{nps},{csat},{ces},{csv_cell(text)},{kind},"
                    f"{category},{contact}\n")
    counts["feedback"] = n_feedback
    # The same answers as a narrow survey export (account, date, nps, text), from a random
    # generator of its own so that the files above and below stay what they were.
    narrow_rng = random.Random(seed + 1)
    with open(os.path.join(out_dir, "feedback-narrow.csv"), "w", newline="") as f:
        f.write("account,date,nps,text\n")
        for _ in range(n_feedback):
            nps = narrow_rng.choice("0123456788999910")
            text = csv_cell(narrow_rng.choice(TEXTS)) if narrow_rng.random() < 0.3 else ""
            f.write(f"{keys[narrow_rng.randrange(n_accounts)]},{days[narrow_rng.randrange(span + 1)]},"
                    f"{'10' if nps == '1' else nps},{text}\n")

    # Usage: each account's readings on distinct days of the last months, newest first. --
    n_usage = 0
    with open(os.path.join(out_dir, "usage.csv"), "w", newline="") as f:
        f.write("account,date,active_users,logins,adoption\n")
        for account, readings in enumerate(spread(scaled(SPEC["usage"], scale), n_accounts, rng), start=1):
            users = rng.randint(5, 2000)
            trend = rng.choice([0.98, 1.0, 1.0, 1.01, 1.02])
            for day in range(readings):
                date = TODAY - dt.timedelta(days=day * 3)
                active = max(0, round(users * trend ** -day * rng.uniform(0.9, 1.1)))
                f.write(f"{keys[account - 1]},{date},{active},{active * rng.randint(3, 9)},"
                        f"{rng.uniform(10, 95):.1f}\n")
                n_usage += 1
    counts["usage"] = n_usage

    # Escalations, their timeline, corrective actions. ---------------------------------
    n_escalations = scaled(SPEC["escalations"], scale)
    first = dt.datetime(2025, 1, 1, 8)
    span_hours = int((dt.datetime(2026, 11, 21, 18) - first).total_seconds() // 3600)
    stamp = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")
    n_updates = 0
    for escalation in range(1, n_escalations + 1):
        account = rng.randint(1, n_accounts)
        severity, sla_days = rng.choices(SEVERITIES, [5, 20, 45, 30])[0]
        opened = first + dt.timedelta(hours=rng.randrange(span_hours), minutes=rng.randrange(60))
        resolved = opened + dt.timedelta(hours=rng.randint(2, 24 * sla_days * 2))
        is_open = resolved.date() >= TODAY or rng.random() < 0.02
        values = [escalation, account, f"{rng.choice(CATEGORIES).capitalize()} issue #{escalation}", severity,
                  rng.choice(["customer", "support", "sales", "billing", "internal"]), rng.choice(owners),
                  rng.choice(["open", "investigating", "mitigating"]) if is_open else "resolved", stamp(opened),
                  stamp(opened + dt.timedelta(days=sla_days))]
        if is_open:
            values += [None, None, None, None]
        else:
            values += [stamp(resolved), int((resolved - opened).total_seconds()), rng.choice(ROOT_CAUSES),
                       "Fixed and verified with the customer"]
        w.insert("escalations", "id, account_id, title, severity, source, owner, status, opened_at, sla_due_at, "
                 "resolved_at, resolve_seconds, root_cause, resolution", values)
        w.insert("escalation_updates", "escalation_id, at, kind, text, severity",
                 [escalation, stamp(opened), "opened", f"opened ({severity}): {values[2]}", severity])
        n_updates += 1
        if not is_open:
            w.insert("escalation_updates", "escalation_id, at, kind, text",
                     [escalation, stamp(resolved), "resolved", f"resolved; root cause: {values[11]}"])
            n_updates += 1
    counts["escalations"] = n_escalations
    counts["escalation_updates"] = n_updates

    # Contacts, notes (touchpoints), surveys, opportunities, milestones, costs. ------
    per_account = {"contacts": 2, "notes": 5, "surveys": 2, "opportunities": 2, "milestones": 1, "costs": 4}
    for table, n in per_account.items():
        counts[table] = n * n_accounts
    for account in range(1, n_accounts + 1):
        for i in range(2):
            w.insert("contacts", "account_id, name, email, title, role, created_at",
                     [account, f"Contact {account}-{i}", f"c{i}@acct-{account:06d}.example", "Director",
                      ["decision-maker", "champion"][i], created])
    for account in range(1, n_accounts + 1):
        for _ in range(5):
            w.insert("notes", "account_id, kind, date, text, created_at",
                     [account, rng.choice(["meeting", "qbr", "call", "email", "note"]),
                      TODAY - dt.timedelta(days=rng.randint(0, 200)), "Touchpoint: discussed adoption", created])
    for account in range(1, n_accounts + 1):
        for kind in ["nps", "csat"]:
            w.insert("surveys", "account_id, type, sent, date",
                     [account, kind, rng.randint(10, 200), day_between(rng, dt.date(2025, 1, 1), TODAY)])
    for account in range(1, n_accounts + 1):
        for kind in ["upsell", "cross-sell"]:
            stage = rng.choices(["open", "won", "lost"], [70, 20, 10])[0]
            w.insert("opportunities", "account_id, title, kind, stage, value_minor, currency, probability, "
                     "close_date, created_at",
                     [account, f"{kind} for {account}", kind, stage, rng.randint(5, 100) * 100000, "EUR",
                      rng.choice([10, 30, 50, 70, 90]), TODAY + dt.timedelta(days=rng.randint(-90, 180)), created])
    for account in range(1, n_accounts + 1):
        due = TODAY + dt.timedelta(days=rng.randint(-120, 60))
        w.insert("milestones", "account_id, title, due, done_on, created_at",
                 [account, "Data imported", due, due if due < TODAY else None, created])
    for account in range(1, n_accounts + 1):
        for _ in range(4):
            w.insert("costs", "account_id, date, amount_minor, currency, category, created_at",
                     [account, day_between(rng, dt.date(2026, 1, 1), TODAY), rng.randint(100, 5000) * 100, "EUR",
                      rng.choice(["support", "infrastructure", "services", "other"]), created])
    w.flush()
    # The renewals that the imports opened, closed as `renewal close` would have.
    sql.write("UPDATE renewals SET outcome = t.outcome, closed_on = t.closed_on, old_arr_minor = t.old_arr_minor, "
              "new_arr_minor = t.new_arr_minor, successor_id = t.successor_id FROM renewals_closed t "
              "WHERE renewals.contract_id = t.contract_id;\n"
              "UPDATE contracts SET predecessor_id = p.predecessor_id FROM predecessors p "
              "WHERE contracts.id = p.contract_id;\n"
              "UPDATE renewals SET stage = t.stage, risk = t.risk FROM renewals_worked t "
              "WHERE renewals.contract_id = t.contract_id;\n"
              "COMMIT;\n")
    sql.close()
    with open(os.path.join(out_dir, "counts.txt"), "w") as f:
        for table, count in counts.items():
            f.write(f"{table} {count}\n")
    return counts


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = the size of SPEC §7 (default)")
    parser.add_argument("--out", required=True, help="folder for the CSV and SQL files")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.scale, args.out, args.seed)
