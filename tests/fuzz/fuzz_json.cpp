// libFuzzer target: the JSON reader of acm import. Errors must be JsonError at a position
// inside the input; every string read must be valid UTF-8; a value read, written back as
// JSON (strings by acm's own json_string), must read back the same, whole and through the
// stream reader.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <variant>

#include <fmt/format.h>

#include "acm/core/json.hpp"
#include "acm/core/text.hpp"
#include "acm/output/escape.hpp"

using namespace acm;

static void require(bool condition) {
    if (!condition) std::abort();
}

static void write(const JsonValue& value, std::string& out) {
    const auto& data = value.data;
    if (std::holds_alternative<std::nullptr_t>(data)) {
        out += "null";
    } else if (auto* boolean = std::get_if<bool>(&data)) {
        out += *boolean ? "true" : "false";
    } else if (auto* integer = std::get_if<std::int64_t>(&data)) {
        out += std::to_string(*integer);
    } else if (auto* real = std::get_if<double>(&data)) {
        require(!std::isnan(*real));
        std::string text = std::isinf(*real) ? (*real > 0 ? "1e999" : "-1e999") : fmt::format("{}", *real);
        if (text.find_first_of(".e") == std::string::npos) text += ".0";  // stays a double
        out += text;
    } else if (auto* text = std::get_if<std::string>(&data)) {
        require(is_valid_utf8(*text));
        out += json_string(*text);
    } else if (auto* array = std::get_if<JsonValue::Array>(&data)) {
        out += '[';
        for (std::size_t i = 0; i < array->size(); ++i) write((*array)[i], out += i ? "," : "");
        out += ']';
    } else {
        const auto& object = std::get<JsonValue::Object>(data);
        out += '{';
        for (std::size_t i = 0; i < object.size(); ++i) {
            require(is_valid_utf8(object[i].key));
            out += (i ? "," : "") + json_string(object[i].key) + ':';
            write(object[i].value, out);
        }
        out += '}';
    }
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string input(reinterpret_cast<const char*>(data), size);
    JsonValue value;
    try {
        value = parse_json(input);
    } catch (const JsonError& error) {
        require(error.line() >= 1 && error.column() >= 1 && error.offset() <= size);
        require(error.column() <= error.offset() + 1 && !error.reason().empty());
        return 0;
    }
    std::string written;
    write(value, written);
    require(parse_json(written) == value);
    std::istringstream stream(written);
    JsonReader reader(stream);
    require(reader.value() == value);
    reader.expect_end();
    return 0;
}
