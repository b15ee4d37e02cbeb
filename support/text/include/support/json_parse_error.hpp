#pragma once
// Why a text is not JSON, as nlohmann/json words it ("parse error at line 1, column 5: syntax
// error while parsing value - ..."), found without exceptions: one wording for the mock (request
// bodies, profiles) and the harness (summaries read back). For rejection paths only (it parses
// again). Its includers link nlohmann_json.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace support {

namespace detail {

// A SAX consumer that keeps only the parse error's text.
class ParseErrorRecorder : public nlohmann::json_sax<nlohmann::json> {
  public:
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t, const std::string&,
                     const nlohmann::detail::exception& error) override {
        // Drop the "[json.exception.parse_error.101] " prefix: readers see the reason only.
        const std::string_view text = error.what();
        const auto prefix_end = text.find("] ");
        message_ = prefix_end == std::string_view::npos ? text : text.substr(prefix_end + 2);
        return false;
    }
    const std::string& message() const { return message_; }

  private:
    std::string message_ = "unexpected end of input";
};

}  // namespace detail

inline std::string json_parse_error(std::string_view text) {
    detail::ParseErrorRecorder recorder;
    (void)nlohmann::json::sax_parse(text, &recorder);
    return recorder.message();
}

}  // namespace support
