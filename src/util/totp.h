/* totp.h: time-based one-time passwords (RFC 6238) as authenticator apps
 * make them: HMAC-SHA1 (RFC 2104, OpenSSL's, already linked for h2o),
 * HOTP (RFC 4226), 30-second steps, 6 digits; and the secret's base32
 * (RFC 4648, without padding) that the apps are given. */
#ifndef WITAN_TOTP_H
#define WITAN_TOTP_H

#include <stddef.h>
#include <stdint.h>

#define TOTP_STEP_S 30
#define TOTP_DIGITS 6
#define TOTP_SECRET_BYTES 20                      /* 160 bits, as RFC 4226 recommends */
#define TOTP_SECRET_B32 ((TOTP_SECRET_BYTES * 8 + 4) / 5 + 1) /* 32 characters and NUL */

/* HMAC-SHA1 of msg under key into out: 0, or -1. */
int hmac_sha1(const void *key, size_t keylen, const void *msg, size_t n, unsigned char out[20]);
/* The HOTP value of counter: digits (6 to 8) decimal digits, as a number. */
uint32_t hotp(const unsigned char *key, size_t keylen, uint64_t counter, int digits);

/* in as base32 (A-Z2-7, no padding) into out; the length, or -1 if out
 * (with its NUL) is too small. */
int base32_encode(const unsigned char *in, size_t n, char *out, size_t outlen);
/* Base32 text (case, spaces and padding ignored) into out: the number of
 * bytes, or -1 if it is not base32 or out is too small. */
int base32_decode(const char *in, unsigned char *out, size_t outlen);

/* The step of time t (seconds since the epoch). */
int64_t totp_step(int64_t t);
/* A code as typed (6 digits; spaces allowed) checked against the secret
 * (base32) for the steps now-1 .. now+1 (clock drift) that come after
 * last_step (a code used before is refused: -1 for none): the step it
 * matched, or -1. */
int64_t totp_match(const char *secret_b32, const char *code, int64_t now_step, int64_t last_step);

#endif
