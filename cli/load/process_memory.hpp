#pragma once
// The resident set size of this process (VmRSS in /proc/self/status), in KiB; 0 when unknown.
#include <cstdint>
#include <string_view>

namespace wsmqtt::load {

std::uint64_t resident_kib() noexcept;
// The VmRSS value of a /proc/PID/status text (for tests); 0 when absent.
std::uint64_t parse_vmrss_kib(std::string_view status_text) noexcept;

}  // namespace wsmqtt::load
