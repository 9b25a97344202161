// RowWriter: --columns, --sort, --limit and the lazy header between a producer and a renderer.
#include "acm/output/row_writer.hpp"

#include <algorithm>
#include <stdexcept>

#include "acm/core/error.hpp"
#include "acm/output/table_renderer.hpp"
#include "detail.hpp"

namespace acm {
namespace {

template <class T>
int three_way(const T& a, const T& b) {
    return a < b ? -1 : b < a ? 1 : 0;
}

// Case-insensitive for ASCII, byte order otherwise: "acme" and "Acme" compare equal.
int compare_text(std::string_view a, std::string_view b) {
    auto lower = [](char c) { return static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); };
    for (std::size_t k = 0; k < a.size() && k < b.size(); ++k)
        if (lower(a[k]) != lower(b[k])) return lower(a[k]) < lower(b[k]) ? -1 : 1;
    return three_way(a.size(), b.size());
}

// Two present values of one column, by their typed value.
int compare_values(const Cell& a, const Cell& b) {
    // Only a producer's mistake mixes types in one column; keep such an order stable anyway.
    if (a.index() != b.index()) return three_way(a.index(), b.index());
    return std::visit(
        [&b](const auto& x) -> int {
            using T = std::decay_t<decltype(x)>;
            const T& y = std::get<T>(b);
            if constexpr (std::is_same_v<T, std::string>) {
                return compare_text(x, y);
            } else if constexpr (std::is_same_v<T, ListCell>) {
                auto text = [](const ListCell& list) { return table_cell_text(list, Kind::list); };
                return compare_text(text(x), text(y));
            } else if constexpr (std::is_same_v<T, Money>) {
                int order = three_way(x.minor, y.minor);
                return order != 0 ? order : three_way(x.currency, y.currency);
            } else {
                return three_way(x, y);
            }
        },
        a);
}

}  // namespace

struct RowWriter::Impl {
    std::vector<Column> columns;                     // every column the producer fills
    std::vector<std::size_t> selected;               // indexes of the printed columns, in order
    std::vector<Column> selected_columns;            // what the renderer sees
    std::vector<std::pair<std::size_t, bool>> sort;  // column index, descending
    std::optional<std::size_t> limit;
    std::unique_ptr<Renderer> renderer;
    std::vector<Row> waiting;  // with --sort only: rows wait for finish()
    Row shown;                 // the selected cells of the current row, reused
    std::size_t printed = 0;
    bool finished = false;
    bool moves_cells = true;  // no column selected twice

    std::size_t index_of(const std::string& name, std::string_view flag) const {
        int index = column_index(columns, name);
        if (index >= 0) return static_cast<std::size_t>(index);
        std::string valid;
        for (const auto& column : columns) valid += (valid.empty() ? "" : ", ") + column.name;
        throw UsageError(fmt::format("{}: unknown column '{}' (valid: {})", flag, name, valid));
    }

    // Missing values go last in either direction: they are neither the largest nor the smallest.
    bool before(const Row& a, const Row& b) const {
        for (auto [index, descending] : sort) {
            bool missing_a = detail::is_missing(a[index]), missing_b = detail::is_missing(b[index]);
            if (missing_a || missing_b) {
                if (missing_a != missing_b) return missing_b;
                continue;
            }
            int order = compare_values(a[index], b[index]);
            if (order != 0) return descending ? order > 0 : order < 0;
        }
        return false;
    }

    void print(Row& row) {
        if (limit && printed >= *limit) return;
        // The header goes out with the first row, so that an empty result prints nothing at all.
        if (printed == 0) renderer->begin(selected_columns);
        shown.clear();
        // The row is ours: its cells move, unless --columns names one twice.
        for (std::size_t index : selected) {
            if (moves_cells) shown.push_back(std::move(row[index]));
            else shown.push_back(row[index]);
        }
        renderer->row(shown);
        ++printed;
    }
};

RowWriter::RowWriter(std::vector<Column> columns, const ListOptions& options, std::ostream& out,
                     const Terminal& terminal)
    : impl_(std::make_unique<Impl>()) {
    Impl& d = *impl_;
    d.columns = std::move(columns);
    if (!options.columns.empty()) {
        for (const auto& name : options.columns) d.selected.push_back(d.index_of(name, "--columns"));
    } else {
        // A table shows the columns meant for people; machine formats show everything.
        for (std::size_t i = 0; i < d.columns.size(); ++i)
            if (options.format != Format::table || d.columns[i].in_table) d.selected.push_back(i);
    }
    for (std::size_t index : d.selected) d.selected_columns.push_back(d.columns[index]);
    std::vector<std::size_t> distinct = d.selected;
    std::sort(distinct.begin(), distinct.end());
    d.moves_cells = std::adjacent_find(distinct.begin(), distinct.end()) == distinct.end();
    for (const auto& key : options.sort)
        d.sort.emplace_back(d.index_of(key.column, "--sort"), key.descending);
    d.limit = options.limit;
    d.renderer = make_renderer(options, out, terminal);
}

RowWriter::~RowWriter() = default;

void RowWriter::add(Row row) {
    if (row.size() != impl_->columns.size())
        throw std::logic_error(
            fmt::format("RowWriter: a row of {} cells for {} columns", row.size(), impl_->columns.size()));
    // Without --sort a row goes straight out: csv/tsv/json stream in constant memory.
    if (impl_->sort.empty())
        impl_->print(row);
    else
        impl_->waiting.push_back(std::move(row));
}

bool RowWriter::full() const { return impl_->sort.empty() && impl_->limit && impl_->printed >= *impl_->limit; }

bool RowWriter::finish() {
    Impl& d = *impl_;
    if (d.finished) return d.printed > 0;
    d.finished = true;
    if (!d.sort.empty()) {
        std::stable_sort(d.waiting.begin(), d.waiting.end(),
                         [&d](const Row& a, const Row& b) { return d.before(a, b); });
        for (auto& row : d.waiting) d.print(row);
        d.waiting.clear();
    }
    if (d.printed > 0) d.renderer->end();
    return d.printed > 0;
}

bool print_table(const Table& table, const ListOptions& options, std::ostream& out,
                 const Terminal& terminal) {
    RowWriter writer(table.columns, options, out, terminal);
    for (const auto& row : table.rows) writer.add(row);
    return writer.finish();
}

}  // namespace acm
