#include "cli/common/argv_scrub.hpp"

#include <cstring>
#include <string_view>

namespace wsmqtt::cli {
namespace {

void blank(char* from, char* to) noexcept {
    for (; from < to && *from != '\0'; ++from) *from = '*';
}

void blank(char* from) noexcept {
    for (; *from != '\0'; ++from) *from = '*';
}

// scheme://user:password@host...: blanks "password".
void blank_url_password(char* arg) noexcept {
    char* authority = std::strstr(arg, "://");
    if (authority == nullptr) return;
    authority += 3;
    char* end = authority + std::strcspn(authority, "/?#");
    char* at = nullptr;
    for (char* p = authority; p < end; ++p) {
        if (*p == '@') at = p;  // the last '@' ends the user info
    }
    if (at == nullptr) return;
    for (char* p = authority; p < at; ++p) {
        if (*p == ':') {
            blank(p + 1, at);
            return;
        }
    }
}

}  // namespace

void scrub_secret_arguments(int argc, char** argv) noexcept {
    for (int i = 1; i < argc; ++i) {
        char* arg = argv[i];
        const std::string_view a{arg};
        if (a == "--") break;
        if (a == "-P" || a == "--pw" || a == "--key-password") {
            if (i + 1 < argc) blank(argv[++i]);
        } else if (a.starts_with("--pw=")) {
            blank(arg + 5);
        } else if (a.starts_with("--key-password=")) {
            blank(arg + 15);
        } else if (a.size() > 2 && a.starts_with("-P")) {
            blank(arg + 2);
        } else {
            blank_url_password(arg);
        }
    }
}

}  // namespace wsmqtt::cli
