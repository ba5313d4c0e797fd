#pragma once
// What --version prints after "<program> <version>": the git revision the build was configured
// from and the versions of the libraries compiled in, so a bug report says exactly what ran.
#include <string>

namespace wsmqtt::cli {

// "git <describe>; built with Boost 1.81.0, OpenSSL 3.0.11, fmt 9.1.0" (git "unknown" when the
// tree was not a git checkout at configure time).
std::string build_description();

}  // namespace wsmqtt::cli
