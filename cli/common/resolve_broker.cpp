#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "cli/common/flag_values.hpp"
#include "cli/common/resolve.hpp"
#include "cli/common/topic_check.hpp"

namespace wsmqtt::cli::detail {

std::string quote(std::string_view text) {
    std::string out = "'";
    for (char c : text.substr(0, 200)) {
        const auto u = static_cast<unsigned char>(c);
        out += (u < 0x20 || u == 0x7f) ? '?' : c;
    }
    if (text.size() > 200) out += "...";
    out += '\'';
    return out;
}

std::string join_names(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) out += (i + 1 == names.size()) ? " and " : ", ";
        out += names[i];
    }
    return out;
}

std::optional<std::string> path_problem(std::string_view flag, const std::string& path, bool want_directory) {
    const std::string who = std::string(flag) + " " + quote(path);
    if (path.empty()) return std::string(flag) + " is empty";
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status))
        return who + ": no such " + (want_directory ? "directory" : "file");
    if (want_directory && !std::filesystem::is_directory(status)) return who + " is not a directory";
    if (!want_directory && std::filesystem::is_directory(status)) return who + " is a directory, not a file";
    return std::nullopt;
}

void resolve_version(const raw_connection_flags& raw, connection_config& config,
                     std::vector<std::string>& errors) {
    if (raw.protocol_version) {
        if (auto v = parse_protocol_version(*raw.protocol_version))
            config.version = *v;
        else
            errors.push_back(v.error().message);
    } else if (raw.session_expiry) {
        // The session expiry interval exists only in MQTT 5; asking for one asks for 5, as
        // mosquitto's -D does for properties.
        config.version = protocol_version::v5;
    }
}

std::optional<url::scheme> resolve_broker(const raw_connection_flags& raw, connection_config& config,
                                          std::vector<std::string>& errors) {
    // WSMQTT_URL is the default broker: below -L, and ignored as soon as the command line names the
    // broker another way (-h, -p, --protocol, --ws-path).
    std::optional<std::string> env_url;
    if (!raw.url && !raw.host && !raw.port && !raw.protocol && !raw.ws_path) {
        const char* text = std::getenv(broker_url_env_var);
        if (text != nullptr && *text != '\0') env_url = text;
    }
    if (env_url) {
        auto url = url::parse_broker_url(*env_url);
        if (!url) {
            errors.push_back(std::string(broker_url_env_var) + ": " + url.error().message);
            return std::nullopt;
        }
        config.broker = std::move(*url);
        return config.broker.kind;
    }
    if (raw.url) {
        std::vector<std::string> clashing;
        if (raw.host) clashing.emplace_back("-h/--host");
        if (raw.port) clashing.emplace_back("-p/--port");
        if (raw.protocol) clashing.emplace_back("--protocol");
        if (raw.ws_path) clashing.emplace_back("--ws-path");
        if (!clashing.empty())
            errors.push_back("-L/--url cannot be combined with " + join_names(clashing) +
                             "; put the host, port, scheme and path in the URL");
        auto url = url::parse_broker_url(*raw.url);
        if (!url) {
            errors.push_back("-L/--url: " + url.error().message);
            return std::nullopt;
        }
        config.broker = std::move(*url);
        return config.broker.kind;
    }

    std::optional<std::uint16_t> port;
    bool port_ok = true;
    if (raw.port) {
        if (auto p = parse_port_flag(*raw.port)) {
            port = *p;
        } else {
            errors.push_back(p.error().message);
            port_ok = false;
        }
    }
    url::scheme kind = url::scheme::ws;
    if (raw.protocol) {
        auto k = parse_protocol(*raw.protocol);
        if (!k) {
            errors.push_back(k.error().message);
            return std::nullopt;
        }
        kind = *k;
    } else if (port == 1883) {
        // mosquitto users type -p 1883 and mean plain MQTT (and mosquitto turns TLS on for -p 8883).
        kind = url::scheme::mqtt;
    } else if (port == 8883) {
        kind = url::scheme::mqtts;
    }
    if (!port_ok) return std::nullopt;
    if (!port) {
        // The ports EMQX and most brokers use, not the URL defaults (80/443): -h alone should
        // reach a broker on its usual WebSocket listener.
        switch (kind) {
            case url::scheme::mqtt:
                port = 1883;
                break;
            case url::scheme::mqtts:
                port = 8883;
                break;
            case url::scheme::ws:
                port = 8083;
                break;
            case url::scheme::wss:
                port = 8084;
                break;
        }
    }
    auto url = url::make_broker_url(kind, raw.host.value_or("localhost"), *port, raw.ws_path.value_or(""));
    if (!url) {
        errors.push_back(url.error().message);
        return std::nullopt;
    }
    config.broker = std::move(*url);
    return kind;
}

namespace {

enum class password_source : std::uint8_t { none, flag, url, file, env };

// The first line of the file, without its line ending.
std::optional<std::string> read_first_line(const std::string& path, std::vector<std::string>& errors) {
    if (auto problem = path_problem("--pw-file", path, false)) {
        errors.push_back(*problem);
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        errors.push_back("--pw-file " + quote(path) + " cannot be read (permissions?)");
        return std::nullopt;
    }
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

}  // namespace

void resolve_credentials(const raw_connection_flags& raw, connection_config& config,
                         std::vector<std::string>& errors) {
    auto url_user = std::exchange(config.broker.username, std::nullopt);
    auto url_password = std::exchange(config.broker.password, std::nullopt);

    if (raw.username && url_user)
        errors.emplace_back("user name given twice, in -L/--url and in -u/--username; keep one");
    if (raw.password && url_password)
        errors.emplace_back("password given twice, in -L/--url and in -P/--pw; keep one");
    config.username = raw.username ? raw.username : url_user;

    // Precedence: -P (or the URL's password), then --pw-file, then WSMQTT_PASSWORD.
    password_source source = password_source::none;
    std::optional<std::string> from_file;
    if (raw.pw_file) from_file = read_first_line(*raw.pw_file, errors);
    if (raw.password) {
        config.password = raw.password;
        source = password_source::flag;
    } else if (url_password) {
        config.password = std::move(url_password);
        source = password_source::url;
    } else if (from_file) {
        config.password = std::move(from_file);
        source = password_source::file;
    } else if (const char* env = std::getenv(password_env_var); env != nullptr && !raw.pw_file) {
        config.password = std::string(env);
        source = password_source::env;
    }

    if (config.username) {
        if (!is_mqtt_utf8(*config.username))
            errors.emplace_back("the user name is not valid UTF-8 (or contains a NUL), which MQTT requires");
        if (config.username->size() > 65535) errors.emplace_back("the user name is longer than 65535 bytes");
    }
    if (config.password && config.password->size() > 65535)
        errors.emplace_back("the password is longer than 65535 bytes");

    // MQTT 3.1.1 and 3.1 have no password without a user name (MQTT-3.1.2-22). A password
    // from the environment is only a default, so it is dropped rather than refused.
    if (config.password && !config.username && config.version != protocol_version::v5) {
        if (source == password_source::env) {
            config.password.reset();
        } else {
            const char* where = source == password_source::url    ? "-L/--url"
                                : source == password_source::file ? "--pw-file"
                                                                  : "-P/--pw";
            errors.push_back(std::string("a password (") + where + ") needs a user name (-u) under " +
                             std::string(version_name(config.version)) +
                             "; only MQTT 5 (-V 5) allows a password alone");
        }
    }
}

}  // namespace wsmqtt::cli::detail
