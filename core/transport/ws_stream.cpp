// The ws and wss byte_stream (see ws_stream.hpp).
#include "core/transport/ws_stream.hpp"

#include <sys/random.h>

#include <algorithm>
#include <cstring>
#include <tuple>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/detail/sha1.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/rfc7230.hpp>
#include <boost/beast/websocket/error.hpp>

#include "core/transport/base64.hpp"
#include "core/transport/stream_end.hpp"

namespace wsmqtt::transport::detail {
namespace {

namespace beast = boost::beast;
namespace http = boost::beast::http;
using wserror = boost::beast::websocket::error;
using error_code = boost::system::error_code;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// The upgrade answer's header may be this long (Beast's parser allows 8 KiB by default).
constexpr std::size_t upgrade_header_max = 16 * 1024;

// RFC 6455 4.2.2: the accept value is base64(SHA-1(key + this GUID)).
constexpr std::string_view accept_guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

// Random bytes from the kernel, a block at a time: every frame a client sends needs a fresh,
// unpredictable masking key (RFC 6455 5.3), and one getrandom(2) per frame would cost a system
// call each. One io_context thread uses this; the pool is per thread all the same.
void random_bytes(std::uint8_t* out, std::size_t n) {
    thread_local std::array<std::uint8_t, 256> pool{};
    thread_local std::size_t used = pool.size();
    while (n > 0) {
        if (used == pool.size()) {
            std::size_t filled = 0;
            while (filled < pool.size()) {
                const ssize_t got = ::getrandom(pool.data() + filled, pool.size() - filled, 0);
                if (got > 0) filled += static_cast<std::size_t>(got);
            }
            used = 0;
        }
        const std::size_t take = std::min(n, pool.size() - used);
        std::memcpy(out, pool.data() + used, take);
        used += take;
        out += take;
        n -= take;
    }
}

ws::masking_key fresh_key() {
    ws::masking_key key{};
    random_bytes(key.data(), key.size());
    return key;
}

// Beast's own SHA-1, as its handshake uses (OpenSSL's EVP would set up its provider tables first).
std::string accept_for(const std::string& key) {
    beast::detail::sha1_context context;
    beast::detail::init(context);
    beast::detail::update(context, key.data(), key.size());
    beast::detail::update(context, accept_guid.data(), accept_guid.size());
    std::array<unsigned char, beast::detail::sha1_context::digest_size> digest{};
    beast::detail::finish(context, digest.data());
    return base64(digest.data(), digest.size());
}

bool has_token(const http::fields& fields, http::field name, std::string_view token) {
    const auto it = fields.find(name);
    return it != fields.end() && http::token_list(it->value()).exists(token);
}

}  // namespace

template <class Next>
ws_stream<Next>::~ws_stream() = default;

template <class Next>
asio::ip::tcp::socket& ws_stream<Next>::lowest() noexcept {
    if constexpr (tls) {
        return next_.next_layer();
    } else {
        return next_;
    }
}

template <class Next>
asio::awaitable<error_code> ws_stream<Next>::upgrade(const upgrade_request& request, upgrade_response& response) {
    std::array<std::uint8_t, 16> nonce{};
    random_bytes(nonce.data(), nonce.size());
    const std::string key = base64(nonce.data(), nonce.size());
    {
        // One string, one write: a thousand connections opening at once should not each leave
        // the small holes of a header container's nodes behind in the heap.
        std::string get = "GET " + request.target + " HTTP/1.1\r\nHost: " + request.host +
                          "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key +
                          "\r\nSec-WebSocket-Version: 13\r\n";
        if (!request.subprotocols.empty()) get += "Sec-WebSocket-Protocol: " + request.subprotocols + "\r\n";
        if (!request.user_agent.empty()) get += "User-Agent: " + request.user_agent + "\r\n";
        for (const auto& [name, value] : request.headers) get += name + ": " + value + "\r\n";
        get += "\r\n";
        auto [ec, n] = co_await asio::async_write(next_, asio::buffer(get), use_tuple);
        if (ec) co_return ec;
    }
    // The answer's header only: a refusal's body (a 404 page) is of no use, a 101 has none.
    beast::flat_buffer buffer(upgrade_header_max);
    http::response_parser<http::empty_body> parser;
    auto [ec, n] = co_await http::async_read_header(next_, buffer, parser, use_tuple);
    if (!ec || parser.is_header_done()) response = parser.release();
    if (ec) co_return ec;
    // RFC 6455 4.1, the client's checks of the answer, in Beast's terms.
    if (response.version() != 11 || response.result() != http::status::switching_protocols) co_return wserror::upgrade_declined;
    if (!has_token(response, http::field::connection, "upgrade")) co_return wserror::no_connection_upgrade;
    if (!has_token(response, http::field::upgrade, "websocket")) co_return wserror::no_upgrade_websocket;
    const auto accept = response.find(http::field::sec_websocket_accept);
    if (accept == response.end()) co_return wserror::no_sec_accept;
    if (accept->value() != accept_for(key)) co_return wserror::bad_sec_accept;
    // What came after the answer belongs to the first frames (normally nothing comes before our
    // CONNECT is answered).
    const auto rest = buffer.data();
    const auto* first = static_cast<const std::uint8_t*>(rest.data());
    leftover_.assign(first, first + rest.size());
    co_return error_code{};
}

// Kept lean: a coroutine's frame holds every local of its body while the read is pending, which
// for a thousand idle connections is most of the time; the work between reads is in unframe().
template <class Next>
asio::awaitable<boost::system::result<std::size_t>> ws_stream<Next>::read_some(asio::mutable_buffer into) {
    read_pending_ = true;
    error_code ec;
    std::size_t n = 0;
    for (;;) {
        // Pongs and our close answer owed from the last read go out first, while `into` holds
        // nothing of value (it may be a buffer other streams read into meanwhile).
        if (!owed_.empty() && !write_busy_) co_await flush_owed();
        if (reader_.closed()) {
            ec = asio::error::eof;
            break;
        }
        std::size_t raw = take_leftover(into);
        if (raw == 0) {
            if constexpr (tls) {
                std::tie(ec, raw) = co_await next_.async_read_some(into, use_tuple);
            } else {
                while (!read_now(next_, into, raw, ec)) {
                    std::tie(ec) = co_await next_.async_wait(asio::ip::tcp::socket::wait_read, use_tuple);
                    if (ec) break;
                }
            }
            if (ec) break;
        }
        const auto got = unframe(std::span<std::uint8_t>(static_cast<std::uint8_t*>(into.data()), raw));
        if (got.error) {
            ec = got.error;
            break;
        }
        if (got.data > 0 || into.size() == 0) {
            n = got.data;
            break;
        }
        // Only headers or control frames, or an empty message: read on.
    }
    read_pending_ = false;
    if (read_waiter_ != nullptr) read_waiter_->cancel();
    if (ec) co_return normalize_end(ec);
    co_return n;
}

template <class Next>
std::size_t ws_stream<Next>::take_leftover(asio::mutable_buffer into) {
    if (leftover_.empty()) return 0;
    const std::size_t n = std::min(into.size(), leftover_.size());
    std::memcpy(into.data(), leftover_.data(), n);
    leftover_.erase(leftover_.begin(), leftover_.begin() + static_cast<std::ptrdiff_t>(n));
    if (leftover_.empty()) leftover_ = std::vector<std::uint8_t>{};
    return n;
}

// Runs the frame reader over raw bytes and queues what they ask of us: a pong for a ping, our
// close frame for the broker's (RFC 6455 5.5.1, echoing its status code).
template <class Next>
ws::frame_reader::result ws_stream<Next>::unframe(std::span<std::uint8_t> raw) {
    const auto got = reader_.unframe(raw);
    if (auto ping = reader_.take_ping(); ping && !close_sent_) {
        owed_ += ws::encode_client_control(
            ws::opcode::pong, std::span(reinterpret_cast<const std::uint8_t*>(ping->data()), ping->size()), fresh_key());
    }
    if (reader_.closed() && !close_sent_) {
        close_sent_ = true;
        const auto code = reader_.close_code() == 1005 ? std::uint16_t{1000} : reader_.close_code();
        owed_ += ws::encode_client_control(ws::opcode::close, ws::close_payload(code), fresh_key());
    }
    return got;
}

template <class Next>
asio::awaitable<boost::system::result<void>> ws_stream<Next>::write(std::span<std::uint8_t> bytes) {
    while (write_busy_ && !aborted_) co_await wait_until(next_.get_executor(), &write_waiter_, std::chrono::steady_clock::time_point::max());
    if (aborted_) co_return asio::error::operation_aborted;
    if (close_sent_) co_return boost::system::error_code(wserror::closed);
    const auto key = fresh_key();
    const std::size_t header_size = ws::encode_client_header(ws::opcode::binary, bytes.size(), key, header_);
    ws::apply_mask(bytes, key);
    const std::array<asio::const_buffer, 2> frame{asio::buffer(header_.data(), header_size), asio::buffer(bytes.data(), bytes.size())};
    if (auto ec = co_await write_frames(frame)) co_return normalize_end(ec);
    co_return boost::system::result<void>{};
}

// Writes `buffers`, then whatever control frames the read side queued meanwhile.
template <class Next>
asio::awaitable<error_code> ws_stream<Next>::write_frames(std::span<const asio::const_buffer> buffers) {
    write_busy_ = true;
    error_code ec;
    std::size_t n = 0;
    if (!buffers.empty()) std::tie(ec, n) = co_await asio::async_write(next_, buffers, use_tuple);
    while (!ec && !owed_.empty()) {
        const std::string frames = std::move(owed_);
        owed_.clear();
        std::tie(ec, n) = co_await asio::async_write(next_, asio::buffer(frames), use_tuple);
    }
    write_busy_ = false;
    if (write_waiter_ != nullptr) write_waiter_->cancel();
    co_return ec;
}

// Control frames queued by the read side, when no write is under way (otherwise that write sends
// them after its own frame).
template <class Next>
asio::awaitable<void> ws_stream<Next>::flush_owed() {
    std::ignore = co_await write_frames({});
}

template <class Next>
asio::awaitable<void> ws_stream<Next>::close_gracefully(std::chrono::milliseconds bound) {
    const auto deadline = std::chrono::steady_clock::now() + bound;
    close_deadline_.arm(next_.get_executor(), deadline, this);
    // Our close frame, after any write under way (5.5.1), unless we answered the broker's.
    while (write_busy_ && !aborted_) co_await wait_until(next_.get_executor(), &write_waiter_, deadline);
    if (!close_sent_ && !aborted_) {
        close_sent_ = true;
        const std::string frame = ws::encode_client_control(ws::opcode::close, ws::close_payload(1000), fresh_key());
        const std::array<asio::const_buffer, 1> buffers{asio::buffer(frame)};
        std::ignore = co_await write_frames(buffers);
    }
    // Then the broker's close frame: the pending read sees it, or we read up to it here.
    if (read_pending_) {
        co_await wait_until(next_.get_executor(), &read_waiter_, deadline);
    } else {
        std::array<std::uint8_t, 512> sink{};
        for (int i = 0; i < 1024 && !aborted_ && !reader_.closed(); ++i) {
            auto got = co_await read_some(asio::buffer(sink));
            if (!got) break;
        }
    }
    // The handshake is complete: the broker has read everything we sent (it answered our close
    // frame after it) and sends nothing more, so the socket can close at once; waiting for its
    // TCP FIN, as Beast's teardown does, would only add its scheduling delay to every one-shot.
    close_deadline_.cancel();
    abort();
}

template <class Next>
void ws_stream<Next>::abort() noexcept {
    aborted_ = true;
    error_code ignored;
    lowest().cancel(ignored);
    lowest().close(ignored);
    if (write_waiter_ != nullptr) write_waiter_->cancel();
}

template class ws_stream<asio::ip::tcp::socket>;
template class ws_stream<beast::ssl_stream<asio::ip::tcp::socket>>;

}  // namespace wsmqtt::transport::detail
