#pragma once
// Why a text is not JSON, as nlohmann/json words it ("syntax error while parsing value - ...
// at line 1, column 5"), found without exceptions. For rejection paths only (it parses again).

#include <string>
#include <string_view>

namespace mock_llm {

std::string json_parse_error(std::string_view text);

}  // namespace mock_llm
