#include "core/output/json_text.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <cstddef>

namespace wsmqtt::output {
namespace {

// Length of the well-formed UTF-8 sequence starting at s[i], or 0 if the bytes there are not one.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) noexcept {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) return 1;
    std::size_t len = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    // Ranges of the second byte from RFC 3629's grammar rule out overlongs and surrogates.
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
    } else if (b0 == 0xE0) {
        len = 3, lo = 0xA0;
    } else if ((b0 >= 0xE1 && b0 <= 0xEC) || b0 == 0xEE || b0 == 0xEF) {
        len = 3;
    } else if (b0 == 0xED) {
        len = 3, hi = 0x9F;
    } else if (b0 == 0xF0) {
        len = 4, lo = 0x90;
    } else if (b0 >= 0xF1 && b0 <= 0xF3) {
        len = 4;
    } else if (b0 == 0xF4) {
        len = 4, hi = 0x8F;
    } else {
        return 0;
    }
    if (s.size() - i < len) return 0;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b1 < lo || b1 > hi) return 0;
    for (std::size_t k = 2; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if (b < 0x80 || b > 0xBF) return 0;
    }
    return len;
}

constexpr char hex_lower[] = "0123456789abcdef";
constexpr char hex_upper[] = "0123456789ABCDEF";

}  // namespace

bool is_valid_utf8(std::string_view s) noexcept {
    std::size_t i = 0;
    while (i < s.size()) {
        // ASCII runs are the common case; skip them without the table walk.
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        const std::size_t n = utf8_sequence_length(s, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

void append_json_string(std::string& out, std::string_view s) {
    out.reserve(out.size() + s.size() + 2);
    out.push_back('"');
    std::size_t run_start = 0;  // bytes that need no escaping are copied in runs
    std::size_t i = 0;
    auto flush = [&] { out.append(s.data() + run_start, i - run_start); };
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            ++i;
            continue;
        }
        if (c >= 0x80) {
            const std::size_t n = utf8_sequence_length(s, i);
            if (n != 0) {
                i += n;
                continue;
            }
            flush();
            out.append("\xEF\xBF\xBD");  // U+FFFD REPLACEMENT CHARACTER
            run_start = ++i;
            continue;
        }
        flush();
        switch (c) {
            case '"':
                out.append("\\\"");
                break;
            case '\\':
                out.append("\\\\");
                break;
            case '\n':
                out.append("\\n");
                break;
            case '\r':
                out.append("\\r");
                break;
            case '\t':
                out.append("\\t");
                break;
            case '\b':
                out.append("\\b");
                break;
            case '\f':
                out.append("\\f");
                break;
            default:
                out.append("\\u00");
                out.push_back(hex_lower[c >> 4]);
                out.push_back(hex_lower[c & 0x0F]);
        }
        run_start = ++i;
    }
    flush();
    out.push_back('"');
}

void append_base64(std::string& out, bytes_view data) {
    if (data.empty()) return;
    const std::size_t old = out.size();
    const std::size_t encoded = 4 * ((data.size() + 2) / 3);
    out.resize(old + encoded + 1);  // EVP_EncodeBlock writes a trailing NUL
    // EVP_EncodeBlock takes an int length; encode in slices so huge payloads stay correct.
    constexpr std::size_t slice = 3 * (1u << 20);
    std::size_t written = 0;
    for (std::size_t pos = 0; pos < data.size(); pos += slice) {
        const std::size_t n = std::min(slice, data.size() - pos);
        const int w = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data() + old + written),
                                      data.data() + pos, static_cast<int>(n));
        written += static_cast<std::size_t>(w);
    }
    out.resize(old + written);
}

void append_hex(std::string& out, bytes_view data, bool upper) {
    const char* digits = upper ? hex_upper : hex_lower;
    const std::size_t old = out.size();
    out.resize(old + 2 * data.size());
    char* p = out.data() + old;
    for (const std::uint8_t b : data) {
        *p++ = digits[b >> 4];
        *p++ = digits[b & 0x0F];
    }
}

void append_compact_json(std::string& out, std::string_view json) {
    out.reserve(out.size() + json.size());
    bool in_string = false;
    bool escaped = false;
    for (const char c : json) {
        if (in_string) {
            out.push_back(c);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
        if (c == '"') in_string = true;
        out.push_back(c);
    }
}

void append_pretty_json(std::string& out, std::string_view json) {
    std::size_t depth = 0;
    bool in_string = false;
    bool escaped = false;
    auto newline = [&] {
        out.push_back('\n');
        out.append(2 * depth, ' ');
    };
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (in_string) {
            out.push_back(c);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        switch (c) {
            case '"':
                in_string = true;
                out.push_back(c);
                break;
            case '{':
            case '[':
                out.push_back(c);
                // An empty container stays on one line: "{}" / "[]".
                if (i + 1 < json.size() && (json[i + 1] == '}' || json[i + 1] == ']')) {
                    out.push_back(json[++i]);
                } else {
                    ++depth;
                    newline();
                }
                break;
            case '}':
            case ']':
                if (depth > 0) --depth;
                newline();
                out.push_back(c);
                break;
            case ',':
                out.push_back(c);
                newline();
                break;
            case ':':
                out.append(": ");
                break;
            default:
                out.push_back(c);
        }
    }
}

}  // namespace wsmqtt::output
