// The one translation unit that compiles Asio, Asio SSL and Beast (separate compilation, see
// the root CMakeLists.txt): everything else includes their headers only.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
