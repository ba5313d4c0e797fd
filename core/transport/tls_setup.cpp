#include "core/transport/tls_setup.hpp"

#include <algorithm>
#include <array>

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/ssl/verify_context.hpp>

#include "core/transport/errors.hpp"

namespace wsmqtt::transport::detail {
namespace ssl = boost::asio::ssl;
using boost::system::error_code;

namespace {

int openssl_reason(error_code ec) {
    if (ec.category() != boost::asio::error::get_ssl_category()) return 0;
    return ERR_GET_REASON(static_cast<unsigned long>(ec.value()));
}

std::string ip_text(const ASN1_OCTET_STRING* ip) {
    std::array<char, 64> text{};
    const int family = ASN1_STRING_length(ip) == 4 ? AF_INET : ASN1_STRING_length(ip) == 16 ? AF_INET6 : 0;
    if (family == 0 || inet_ntop(family, ASN1_STRING_get0_data(ip), text.data(), text.size()) == nullptr) return "?";
    return text.data();
}

std::vector<std::string> certificate_names(X509* cert) {
    std::vector<std::string> names;
    auto* sans = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
    if (sans != nullptr) {
        for (int i = 0; i < sk_GENERAL_NAME_num(sans); ++i) {
            const GENERAL_NAME* name = sk_GENERAL_NAME_value(sans, i);
            if (name->type == GEN_DNS) {
                const ASN1_STRING* dns = name->d.dNSName;
                names.emplace_back(reinterpret_cast<const char*>(ASN1_STRING_get0_data(dns)),
                                   static_cast<std::size_t>(ASN1_STRING_length(dns)));
            } else if (name->type == GEN_IPADD) {
                names.push_back(ip_text(name->d.iPAddress));
            }
        }
        GENERAL_NAMES_free(sans);
    }
    const X509_NAME* subject = X509_get_subject_name(cert);
    if (const int at = X509_NAME_get_index_by_NID(subject, NID_commonName, -1); at >= 0) {
        unsigned char* utf8 = nullptr;
        const int length = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, at)));
        if (length >= 0 && utf8 != nullptr) {
            std::string cn(reinterpret_cast<const char*>(utf8), static_cast<std::size_t>(length));
            if (std::ranges::find(names, cn) == names.end()) names.push_back(std::move(cn));
        }
        OPENSSL_free(utf8);
    }
    return names;
}

std::string strip_brackets(const std::string& host) {
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') return host.substr(1, host.size() - 2);
    return host;
}

std::string plain_url(const transport_config& config) {
    return url_of(config.kind == scheme::wss ? scheme::ws : scheme::tcp, config.host, config.port, config.ws_target);
}

tls_context_result failed(std::string message, error_code ec = transport_errc::bad_tls_option) {
    return {nullptr, ec, std::move(message)};
}

}  // namespace

bool is_ip_literal(const std::string& host) {
    error_code ec;
    std::ignore = boost::asio::ip::make_address(strip_brackets(host), ec);
    return !ec;
}

std::string verified_name(const transport_config& config) {
    return strip_brackets(config.tls.sni.empty() ? config.host : config.tls.sni);
}

tls_context_result make_tls_context(const tls_options& options) {
    auto context = std::make_shared<ssl::context>(ssl::context::tls_client);
    error_code ec;
    context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                             ssl::context::no_compression,
                         ec);
    SSL_CTX* handle = context->native_handle();
    context->set_verify_mode(options.insecure ? ssl::verify_none : ssl::verify_peer, ec);
    if (!options.cafile.empty()) {
        if (context->load_verify_file(options.cafile, ec); ec) return failed("cannot load --cafile " + options.cafile + ": " + ec.message(), ec);
    }
    if (!options.capath.empty()) {
        if (context->add_verify_path(options.capath, ec); ec) return failed("cannot use --capath " + options.capath + ": " + ec.message(), ec);
    }
    if (options.cafile.empty() && options.capath.empty()) {
        if (context->set_default_verify_paths(ec); ec) return failed("cannot load the system trust store: " + ec.message(), ec);
    }
    // TLS 1.2 is the floor whatever the system's openssl.cnf says; --tls-version may only raise it.
    int version = TLS1_2_VERSION;
    if (options.min_version == "tlsv1.3") version = TLS1_3_VERSION;
    else if (!options.min_version.empty() && options.min_version != "tlsv1.2")
        return failed("unknown TLS version " + options.min_version + "; use tlsv1.2 or tlsv1.3");
    if (SSL_CTX_set_min_proto_version(handle, version) != 1) return failed("cannot set the minimum TLS version");
    if (!options.ciphers.empty() && SSL_CTX_set_cipher_list(handle, options.ciphers.c_str()) != 1) {
        return failed("no usable cipher in --ciphers " + options.ciphers);
    }
    if (!options.alpn.empty()) {
        std::vector<unsigned char> wire;
        for (const std::string& protocol : options.alpn) {
            if (protocol.empty() || protocol.size() > 255) return failed("bad ALPN protocol name '" + protocol + "'");
            wire.push_back(static_cast<unsigned char>(protocol.size()));
            wire.insert(wire.end(), protocol.begin(), protocol.end());
        }
        if (SSL_CTX_set_alpn_protos(handle, wire.data(), static_cast<unsigned>(wire.size())) != 0) return failed("cannot set ALPN");
    }
    if (options.certfile.empty() && !options.keyfile.empty()) return failed("--key needs --cert");
    if (!options.certfile.empty()) {
        // Always a callback: without one OpenSSL would prompt on the terminal for an encrypted key
        // (and hang an unattended run); without --key-password the empty password fails cleanly.
        context->set_password_callback(
            [password = options.key_password](std::size_t, ssl::context::password_purpose) { return password; }, ec);
        if (context->use_certificate_chain_file(options.certfile, ec); ec) {
            return failed("cannot load --cert " + options.certfile + ": " + ec.message(), ec);
        }
        const std::string& keyfile = options.keyfile.empty() ? options.certfile : options.keyfile;
        if (context->use_private_key_file(keyfile, ssl::context::pem, ec); ec) {
            if (openssl_reason(ec) == X509_R_KEY_VALUES_MISMATCH)
                return failed("--key " + keyfile + " does not belong to --cert " + options.certfile, ec);
            return failed("cannot load --key " + keyfile + ": " + ec.message() +
                              (options.key_password.empty() ? " (if the key is encrypted, give --key-password)"
                                                            : " (wrong --key-password?)"),
                          ec);
        }
        if (SSL_CTX_check_private_key(handle) != 1) return failed("--key " + keyfile + " does not belong to --cert " + options.certfile);
    }
    return {std::move(context), {}, {}};
}

}  // namespace wsmqtt::transport::detail

namespace wsmqtt::transport {

std::optional<std::string> check_tls_options(const tls_options& options) {
    detail::tls_context_result made = detail::make_tls_context(options);
    if (made.context) return std::nullopt;
    return made.message;
}

}  // namespace wsmqtt::transport

namespace wsmqtt::transport::detail {

error_code prepare_tls_session(boost::beast::ssl_stream<boost::asio::ip::tcp::socket>& stream, const transport_config& config,
                               std::shared_ptr<tls_peer_names> seen) {
    SSL* ssl = stream.native_handle();
    const std::string name = verified_name(config);
    const bool ip = is_ip_literal(name);
    // RFC 6066: SNI carries host names only, never IP literals.
    if (!ip && SSL_set_tlsext_host_name(ssl, name.c_str()) != 1) return transport_errc::bad_tls_option;
    if (config.tls.insecure) return {};
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
    if (ip) {
        if (X509_VERIFY_PARAM_set1_ip_asc(param, name.c_str()) != 1) return transport_errc::bad_tls_option;
    } else {
        X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
        if (X509_VERIFY_PARAM_set1_host(param, name.c_str(), name.size()) != 1) return transport_errc::bad_tls_option;
    }
    error_code ec;
    stream.set_verify_callback(
        [seen = std::move(seen)](bool preverified, ssl::verify_context& context) {
            X509* leaf = X509_STORE_CTX_get0_cert(context.native_handle());
            if (leaf != nullptr && seen->names.empty()) seen->names = certificate_names(leaf);
            return preverified;
        },
        ec);
    return ec;
}

bool looks_like_plain_port(error_code ec) {
    const int reason = openssl_reason(ec);
    return ec == ssl::error::stream_truncated || ec == boost::asio::error::eof ||
           ec == boost::asio::error::connection_reset || reason == SSL_R_WRONG_VERSION_NUMBER ||
           reason == SSL_R_PACKET_LENGTH_TOO_LONG ||
           reason == SSL_R_UNEXPECTED_EOF_WHILE_READING;
}

bool is_tls_alert(error_code ec) {
    // OpenSSL numbers "alert received" reasons as 1000 + the alert's code.
    const int reason = openssl_reason(ec);
    return reason >= SSL_AD_REASON_OFFSET && reason < SSL_AD_REASON_OFFSET + 256;
}

std::string describe_tls_failure(error_code ec, SSL* ssl, const tls_peer_names& seen, const transport_config& config) {
    const std::string url = url_of(config);
    if (looks_like_plain_port(ec)) {
        return url + ": the port does not speak TLS (" + ec.message() + "); use " + plain_url(config);
    }
    if (openssl_reason(ec) == SSL_R_CERTIFICATE_VERIFY_FAILED) {
        const long result = SSL_get_verify_result(ssl);
        if (result == X509_V_ERR_HOSTNAME_MISMATCH || result == X509_V_ERR_IP_ADDRESS_MISMATCH) {
            std::string held;
            for (const std::string& name : seen.names) held += (held.empty() ? "" : ", ") + name;
            if (held.empty()) held = "no names";
            return url + ": the broker's certificate does not match " + verified_name(config) + " (it holds: " + held +
                   "); connect with a name the certificate holds";
        }
        std::string message = url + ": certificate verify failed: " + X509_verify_cert_error_string(result);
        message += config.tls.cafile.empty() && config.tls.capath.empty()
                       ? "; pass --cafile with the CA that signed the broker's certificate (or --insecure to skip verification)"
                       : "; is --cafile the CA that signed the broker's certificate?";
        return message;
    }
    if (is_tls_alert(ec)) {
        std::string message = url + ": the broker refused the handshake: " + ec.message();
        const int reason = openssl_reason(ec);
        if (config.tls.certfile.empty() &&
            (reason == SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED || reason == SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE ||
             reason == SSL_R_SSLV3_ALERT_BAD_CERTIFICATE)) {
            message += "; the broker may want a client certificate: pass --cert and --key";
        }
        return message;
    }
    return url + ": " + ec.message();
}

}  // namespace wsmqtt::transport::detail
