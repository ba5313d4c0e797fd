#include "cli/load/process_memory.hpp"

#include <charconv>
#include <cstdio>
#include <string>

namespace wsmqtt::load {

std::uint64_t parse_vmrss_kib(std::string_view text) noexcept {
    const auto at = text.find("VmRSS:");
    if (at == std::string_view::npos) return 0;
    text.remove_prefix(at + 6);
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    std::uint64_t kib = 0;
    std::from_chars(text.data(), text.data() + text.size(), kib);
    return kib;
}

std::uint64_t resident_kib() noexcept {
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (f == nullptr) return 0;
    char buffer[4096];
    const std::size_t n = std::fread(buffer, 1, sizeof buffer, f);
    std::fclose(f);
    return parse_vmrss_kib(std::string_view(buffer, n));
}

}  // namespace wsmqtt::load
