/* test_totp.c: unit tests for util/totp: HMAC-SHA1 (RFC 2202), HOTP (RFC
 * 4226, appendix D), TOTP (RFC 6238, appendix B, SHA-1), base32 (RFC
 * 4648), and the window and replay rule of totp_match. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "util/totp.h"

static void hex(const unsigned char *in, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", in[i]);
}

static void hmac_rfc2202(void **state)
{
	unsigned char key[80], out[20];
	char h[41];

	memset(key, 0x0b, 20);
	assert_int_equal(hmac_sha1(key, 20, "Hi There", 8, out), 0);
	hex(out, 20, h);
	assert_string_equal(h, "b617318655057264e28bc0b6fb378c8ef146be00");
	assert_int_equal(hmac_sha1("Jefe", 4, "what do ya want for nothing?", 28, out), 0);
	hex(out, 20, h);
	assert_string_equal(h, "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
	memset(key, 0xaa, 80);
	assert_int_equal(hmac_sha1(key, 80, "Test Using Larger Than Block-Size Key - Hash Key First", 54, out), 0);
	hex(out, 20, h);
	assert_string_equal(h, "aa4ae5e15272d00e95705637ce8a3b55ed402112");
	assert_int_equal(hmac_sha1(key, 80, "Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data",
				   73, out), 0);
	hex(out, 20, h);
	assert_string_equal(h, "e8e99d0f45237d786d6bbaa7965c7808bbff1a91");
}

static const unsigned char rfc_key[] = "12345678901234567890";

static void hotp_rfc4226(void **state)
{
	static const uint32_t want[] = { 755224, 287082, 359152, 969429, 338314, 254676, 287922, 162583, 399871, 520489 };

	for (uint64_t c = 0; c < 10; c++)
		assert_int_equal(hotp(rfc_key, 20, c, 6), want[c]);
}

static void totp_rfc6238(void **state)
{
	static const struct { int64_t t; uint32_t code; } v[] = {
		{ 59, 94287082 }, { 1111111109, 7081804 }, { 1111111111, 14050471 },
		{ 1234567890, 89005924 }, { 2000000000, 69279037 }, { 20000000000, 65353130 },
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		assert_int_equal(hotp(rfc_key, 20, (uint64_t)totp_step(v[i].t), 8), v[i].code);
}

static void base32_rfc4648(void **state)
{
	char out[64];
	unsigned char back[64];

	assert_int_equal(base32_encode((const unsigned char *)"foobar", 6, out, sizeof(out)), 10);
	assert_string_equal(out, "MZXW6YTBOI");
	assert_int_equal(base32_encode((const unsigned char *)"f", 1, out, sizeof(out)), 2);
	assert_string_equal(out, "MY");
	assert_int_equal(base32_encode(rfc_key, 20, out, sizeof(out)), 32);
	assert_string_equal(out, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	assert_int_equal(base32_decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", back, sizeof(back)), 20);
	assert_memory_equal(back, rfc_key, 20);
	assert_int_equal(base32_decode("MZXW6YTBOI======", back, sizeof(back)), 6);
	assert_memory_equal(back, "foobar", 6);
	assert_int_equal(base32_decode("MZ1W", back, sizeof(back)), -1);
	assert_int_equal(base32_decode("GEZDGNBVGY3TQOJQ", back, 4), -1);
	assert_int_equal(base32_encode(rfc_key, 20, out, 32), -1);
}

static void match_window_and_replay(void **state)
{
	const char *secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
	char code[8];
	int64_t now = totp_step(1111111111);

	snprintf(code, sizeof(code), "%06u", hotp(rfc_key, 20, (uint64_t)now, 6));
	assert_int_equal(totp_match(secret, code, now, -1), now);
	assert_int_equal(totp_match(secret, code, now, now), -1);            /* used before */
	assert_int_equal(totp_match(secret, code, now + 1, -1), now);        /* a step late */
	assert_int_equal(totp_match(secret, code, now - 1, -1), now);        /* a step early */
	assert_int_equal(totp_match(secret, code, now + 2, -1), -1);         /* too late */
	assert_int_equal(totp_match(secret, code, now - 2, -1), -1);
	snprintf(code, sizeof(code), "%03u %03u", hotp(rfc_key, 20, (uint64_t)now, 6) / 1000,
		 hotp(rfc_key, 20, (uint64_t)now, 6) % 1000);
	assert_int_equal(totp_match(secret, code, now, -1), now);            /* "123 456" */
	assert_int_equal(totp_match(secret, "12345", now, -1), -1);
	assert_int_equal(totp_match(secret, "1234567", now, -1), -1);
	assert_int_equal(totp_match(secret, "12345a", now, -1), -1);
	assert_int_equal(totp_match(secret, "", now, -1), -1);
	assert_int_equal(totp_match(secret, NULL, now, -1), -1);
	assert_int_equal(totp_match("not base32!", "123456", now, -1), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hmac_rfc2202),
		cmocka_unit_test(hotp_rfc4226),
		cmocka_unit_test(totp_rfc6238),
		cmocka_unit_test(base32_rfc4648),
		cmocka_unit_test(match_window_and_replay),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
