/* totp.c: one-time passwords (see totp.h). */
#include "util/totp.h"

#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "util/banned.h"

static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int hmac_sha1(const void *key, size_t keylen, const void *msg, size_t n, unsigned char out[20])
{
	unsigned int len = 20;

	if (keylen > 1024 * 1024)
		return -1;
	return HMAC(EVP_sha1(), key, (int)keylen, msg, n, out, &len) && len == 20 ? 0 : -1;
}

uint32_t hotp(const unsigned char *key, size_t keylen, uint64_t counter, int digits)
{
	unsigned char msg[8], h[20];
	uint32_t bin, mod = 1;
	int off;

	for (int i = 7; i >= 0; i--, counter >>= 8)
		msg[i] = (unsigned char)(counter & 0xff);
	if (hmac_sha1(key, keylen, msg, sizeof(msg), h) < 0)
		return UINT32_MAX;
	/* Dynamic truncation (RFC 4226, 5.3). */
	off = h[19] & 0x0f;
	bin = ((uint32_t)(h[off] & 0x7f) << 24) | ((uint32_t)h[off + 1] << 16) | ((uint32_t)h[off + 2] << 8) |
	      h[off + 3];
	for (int i = 0; i < digits; i++)
		mod *= 10;
	return bin % mod;
}

int base32_encode(const unsigned char *in, size_t n, char *out, size_t outlen)
{
	size_t o = 0;
	uint32_t acc = 0;
	int bits = 0;

	if (outlen < (n * 8 + 4) / 5 + 1)
		return -1;
	for (size_t i = 0; i < n; i++) {
		acc = (acc << 8) | in[i];
		bits += 8;
		while (bits >= 5) {
			out[o++] = b32[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0)
		out[o++] = b32[(acc << (5 - bits)) & 31];
	out[o] = '\0';
	return (int)o;
}

int base32_decode(const char *in, unsigned char *out, size_t outlen)
{
	size_t o = 0;
	uint32_t acc = 0;
	int bits = 0;

	for (const char *p = in; *p; p++) {
		char c = *p;
		const char *at;

		if (c == ' ' || c == '=' || c == '-')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (!(at = strchr(b32, c)) || !c)
			return -1;
		acc = (acc << 5) | (uint32_t)(at - b32);
		bits += 5;
		if (bits >= 8) {
			if (o >= outlen)
				return -1;
			out[o++] = (unsigned char)((acc >> (bits - 8)) & 0xff);
			bits -= 8;
		}
	}
	return (int)o;
}

int64_t totp_step(int64_t t)
{
	return t / TOTP_STEP_S;
}

int64_t totp_match(const char *secret_b32, const char *code, int64_t now_step, int64_t last_step)
{
	unsigned char key[64];
	uint32_t want = 0;
	int n, digits = 0, keylen;
	int64_t found = -1;

	for (const char *p = code ? code : ""; *p; p++) {
		if (*p == ' ')
			continue;
		if (*p < '0' || *p > '9' || ++digits > TOTP_DIGITS)
			return -1;
		want = want * 10 + (uint32_t)(*p - '0');
	}
	if (digits != TOTP_DIGITS || (keylen = base32_decode(secret_b32, key, sizeof(key))) <= 0)
		return -1;
	/* Every step of the window is computed, whichever matches. */
	for (int64_t s = now_step - 1; s <= now_step + 1; s++) {
		n = hotp(key, (size_t)keylen, (uint64_t)s, TOTP_DIGITS) == want;
		if (n && s > last_step && found < 0)
			found = s;
	}
	memset(key, 0, sizeof(key));
	return found;
}
