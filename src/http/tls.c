/* tls.c: the TLS context of serve --tls-cert/--tls-key (see tls.h). */
#include "http/tls.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <h2o/socket.h>

#include "util/banned.h"

/* In the server's order of preference.  h2o keeps the pointer, and
 * speaks HTTP/2 when "h2" is chosen, HTTP/1.1 otherwise. */
static const h2o_iovec_t alpn[] = {
	{ H2O_STRLIT("h2") },
	{ H2O_STRLIT("http/1.1") },
	{ NULL, 0 },
};

/* TLS 1.2's ciphers (TLS 1.3 has its own, all AEAD): ECDHE with AES-GCM
 * or ChaCha20-Poly1305, Mozilla's "intermediate" list without DHE.  None
 * is on HTTP/2's list of ciphers a client may refuse (RFC 7540, A). */
#define TLS12_CIPHERS "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:" \
	"ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:" \
	"ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"

/* An encrypted key would make OpenSSL prompt on the terminal: refuse. */
static int no_passphrase(char *buf, int size, int rwflag, void *u)
{
	(void)buf;
	(void)size;
	(void)rwflag;
	(void)u;
	return -1;
}

/* OpenSSL's reason for the last failure, its queue emptied. */
static const char *ssl_reason(void)
{
	unsigned long e = ERR_peek_last_error();
	const char *why = e ? ERR_reason_error_string(e) : NULL;

	ERR_clear_error();
	return why ? why : "not understood";
}

/* 0 if path can be opened for reading; -1 with the reason in err. */
static int readable(const char *opt, const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");

	if (!f) {
		snprintf(err, errlen, "%s %s: %s", opt, path, strerror(errno));
		return -1;
	}
	fclose(f);
	return 0;
}

/* The private key in the PEM file path; NULL with the reason in err. */
static EVP_PKEY *read_key(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "r");
	EVP_PKEY *k;

	if (!f) {
		snprintf(err, errlen, "--tls-key %s: %s", path, strerror(errno));
		return NULL;
	}
	k = PEM_read_PrivateKey(f, NULL, no_passphrase, NULL);
	fclose(f);
	if (!k)
		snprintf(err, errlen, "--tls-key %s: not a PEM private key without a passphrase: %s",
			 path, ssl_reason());
	return k;
}

SSL_CTX *tls_ctx_new(const char *cert, const char *key, char *err, size_t errlen)
{
	SSL_CTX *ctx = NULL, *ret = NULL;
	EVP_PKEY *pkey = NULL;

	if (readable("--tls-cert", cert, err, errlen) < 0 || !(pkey = read_key(key, err, errlen)))
		goto out;
	if (!(ctx = SSL_CTX_new(TLS_server_method()))) {
		snprintf(err, errlen, "cannot make a TLS context: %s", ssl_reason());
		goto out;
	}
	if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1 ||
	    SSL_CTX_set_cipher_list(ctx, TLS12_CIPHERS) != 1) {
		snprintf(err, errlen, "cannot set the TLS versions and ciphers: %s", ssl_reason());
		goto out;
	}
	SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION |
				 SSL_OP_CIPHER_SERVER_PREFERENCE);
	if (SSL_CTX_use_certificate_chain_file(ctx, cert) != 1) {
		snprintf(err, errlen, "--tls-cert %s: not a PEM certificate (chain): %s", cert, ssl_reason());
		goto out;
	}
	/* OpenSSL refuses a key of the certificate's type that does not
	 * match it at once; one of another type, at the check. */
	if (SSL_CTX_use_PrivateKey(ctx, pkey) != 1 || SSL_CTX_check_private_key(ctx) != 1) {
		ERR_clear_error(); /* its reason differs by key type; ours says it */
		snprintf(err, errlen, "--tls-key %s does not match the certificate of --tls-cert %s",
			 key, cert);
		goto out;
	}
	h2o_ssl_register_alpn_protocols(ctx, alpn);
	ret = ctx;
	ctx = NULL;
out:
	EVP_PKEY_free(pkey);
	SSL_CTX_free(ctx);
	return ret;
}

void tls_ctx_free(SSL_CTX *ctx)
{
	SSL_CTX_free(ctx);
}
