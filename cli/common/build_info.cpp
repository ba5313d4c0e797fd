#include "cli/common/build_info.hpp"

#include <boost/version.hpp>
#include <fmt/format.h>
#include <openssl/opensslv.h>

#include "cli/common/git_revision.hpp"

namespace wsmqtt::cli {

std::string build_description() {
    return fmt::format("git {}; built with Boost {}.{}.{}, OpenSSL {}, fmt {}.{}.{}", wsmqtt_git_revision,
                       BOOST_VERSION / 100000, BOOST_VERSION / 100 % 1000, BOOST_VERSION % 100,
                       OPENSSL_VERSION_STR, FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100);
}

}  // namespace wsmqtt::cli
