#pragma once

#include <boost/assert/source_location.hpp>
#include <boost/system/result.hpp>
#include <string>

namespace wsmqtt::url {

// Why a URL was refused: one line for a human, already naming the input and, where we can
// guess it, the fix ("... has no scheme; write ws://localhost:8083/mqtt"). No trailing period.
struct parse_error {
    std::string message;
};

template <class T>
using parse_result = boost::system::result<T, parse_error>;

// Found by ADL when parse_result<T>::value() is called on an error: throws
// std::invalid_argument carrying the message. Prefer checking has_value() first.
[[noreturn]] void throw_exception_from_error(const parse_error& e, const boost::source_location& loc);

}  // namespace wsmqtt::url
