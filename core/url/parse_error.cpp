#include "core/url/parse_error.hpp"

#include <stdexcept>

namespace wsmqtt::url {

void throw_exception_from_error(const parse_error& e, const boost::source_location&) {
    throw std::invalid_argument(e.message);
}

}  // namespace wsmqtt::url
