#pragma once

#include <string>
#include <string_view>

namespace wsmqtt::cli {

// prefix + 12 random characters from [0-9A-Za-z], from the kernel's getrandom(2)
// (std::random_device if that fails). 62^12 ids: two clients started at the same moment (or in
// two containers that both run as PID 1) do not take each other's session, which prefix+PID
// cannot promise.
std::string random_client_id(std::string_view prefix = "wsmqtt-");

}  // namespace wsmqtt::cli
