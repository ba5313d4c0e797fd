#include "cli/load/summary_output.hpp"

#include <boost/json/serialize.hpp>

#include <fstream>

namespace wsmqtt::load {

std::string printed_summary(const load_summary& s, stats_format format) {
    return format == stats_format::json ? boost::json::serialize(to_json(s)) + "\n" : to_text(s);
}

bool write_report(const load_summary& s, const std::string& path) {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file << to_html(s);
    file.close();
    return static_cast<bool>(file);
}

}  // namespace wsmqtt::load
