/* tls.h: the TLS of `serve --tls-cert FILE --tls-key FILE`.  It owns the
 * one SSL_CTX that every event loop hands to h2o: the certificate chain
 * and private key (checked to match), TLS 1.2 at least, forward-secret
 * AEAD ciphers only (which HTTP/2 requires), and ALPN offering "h2", then
 * "http/1.1".  A client that asks for neither gets HTTP/1.1. */
#ifndef WITAN_TLS_H
#define WITAN_TLS_H

#include <stddef.h>

#include <openssl/ssl.h>

/* A server context for the PEM certificate chain in cert and the PEM
 * private key in key (not encrypted: there is no one to ask for a
 * passphrase).  NULL, with a message naming the file and the problem in
 * err, if a file cannot be read, is not what it should be, or the key
 * does not match the certificate. */
SSL_CTX *tls_ctx_new(const char *cert, const char *key, char *err, size_t errlen);

/* Drop our reference (NULL is fine); connections still open keep theirs. */
void tls_ctx_free(SSL_CTX *ctx);

#endif
