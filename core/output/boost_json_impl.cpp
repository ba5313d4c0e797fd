// Boost.JSON compiled once for the whole program (STYLE.md): every other translation unit only
// includes its headers. Link wsmqtt_output to get it.
#include <boost/json/src.hpp>
