/* fuzz_form.c: libFuzzer target for form bodies (http/form) and upload
 * sniffing (docs/sniff).
 *
 * The first byte's low bits choose the content type: urlencoded, multipart
 * with a boundary of 1..8 characters taken from the next bytes (quoted or
 * not), or a raw Content-Type taken from the input up to a NUL.  The rest
 * is the body, in an exact-size copy so that ASan sees any read past its
 * end.  With bit 2 set, a multipart body is written in shorthand so that
 * the fuzzer reaches whole parts quickly: bytes 1..6 expand to a delimiter
 * and Content-Disposition up to the name, the blank line, the close
 * delimiter, a filename parameter, a Content-Type header, and a bare
 * delimiter.  A successful parse is checked against form.h's promises.
 * sniff_mime() gets the input, and the input inside ZIP framing.
 *   make fuzz FUZZ_SECONDS=60 */
/* FUZZ_SRCS: src/http/form.c src/http/router.c src/util/utf8.c src/docs/sniff.c src/util/buf.c */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docs/sniff.h"
#include "http/form.h"
#include "util/utf8.h"

#define NMACRO 6

static void check(const struct form *f, const char *body, size_t len)
{
	for (size_t i = 0; i < f->n; i++) {
		const struct form_field *fl = &f->fields[i];
		size_t nlen = strlen(fl->name);

		if (nlen == 0 || nlen > FORM_MAX_NAME || !utf8_valid(fl->name, nlen))
			abort();
		if (fl->is_file) {
			if (fl->value || !fl->file.filename)
				abort();
			if (fl->file.len && (fl->file.data < body || fl->file.len > len ||
					     fl->file.data - body > (ptrdiff_t)(len - fl->file.len)))
				abort();
			form_filename_ok(fl->file.filename);
			sniff_mime(fl->file.data, fl->file.len);
		} else {
			if (!fl->value || strlen(fl->value) != fl->len ||
			    !utf8_valid(fl->value, fl->len))
				abort();
			if (form_get(f, fl->name) == NULL || form_count(f, fl->name) == 0)
				abort();
		}
	}
	if (f->n > FORM_MAX_FIELDS)
		abort();
}

/* The shorthand of the header comment, written out in an exact-size
 * allocation. */
static char *expand_body(const uint8_t *p, size_t n, const char *bnd, size_t *outlen)
{
	char part[96], delim[16], close[16];
	const char *macro[NMACRO + 1] = {
		NULL, part, "\r\n\r\n", close, "; filename=", "\r\nContent-Type: ", delim,
	};
	size_t len = 0;
	char *out, *o;

	snprintf(part, sizeof(part), "\r\n--%s\r\nContent-Disposition: form-data; name=", bnd);
	snprintf(delim, sizeof(delim), "\r\n--%s", bnd);
	snprintf(close, sizeof(close), "\r\n--%s--", bnd);
	for (size_t i = 0; i < n; i++)
		len += p[i] >= 1 && p[i] <= NMACRO ? strlen(macro[p[i]]) : 1;
	if (!(out = malloc(len ? len : 1)))
		return NULL;
	o = out;
	for (size_t i = 0; i < n; i++) {
		if (p[i] >= 1 && p[i] <= NMACRO) {
			size_t k = strlen(macro[p[i]]);
			memcpy(o, macro[p[i]], k);
			o += k;
		} else {
			*o++ = (char)p[i];
		}
	}
	*outlen = len;
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char alphabet[] = "-_abcXYZ019'()+,./:=? ";
	char ct[160], bnd[16], err[128];
	const uint8_t *p = data;
	size_t n = size;
	struct form f;
	int expand = 0;
	char *body, *zip;

	if (n < 1)
		return 0;
	switch (*p % 4) {
	case 0:
		snprintf(ct, sizeof(ct), "application/x-www-form-urlencoded");
		p++, n--;
		break;
	case 1:
	case 2: {
		size_t blen;
		int quoted = *p % 4 == 2;
		expand = (*p & 4) != 0;
		p++, n--;
		if (n < 1)
			return 0;
		blen = (size_t)(*p % 8) + 1;
		p++, n--;
		if (n < blen)
			return 0;
		for (size_t i = 0; i < blen; i++)
			bnd[i] = alphabet[p[i] % (sizeof(alphabet) - 1)];
		bnd[blen] = '\0';
		p += blen, n -= blen;
		snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%s%s%s", quoted ? "\"" : "",
			 bnd, quoted ? "\"" : "");
		break;
	}
	default: {
		const uint8_t *nul = memchr(p + 1, '\0', n - 1 < sizeof(ct) - 1 ? n - 1 : sizeof(ct) - 1);
		size_t clen;
		if (!nul)
			return 0;
		clen = (size_t)(nul - (p + 1));
		memcpy(ct, p + 1, clen);
		ct[clen] = '\0';
		n -= (size_t)(nul + 1 - p);
		p = nul + 1;
		break;
	}
	}

	body = expand ? expand_body(p, n, bnd, &n) : malloc(n ? n : 1);
	if (!body)
		return 0;
	if (!expand)
		memcpy(body, p, n);
	if (form_parse(&f, ct, body, n, err, sizeof(err)) == 0) {
		check(&f, body, n);
	} else if (f.n != 0 || err[0] == '\0') {
		abort();
	}
	form_release(&f);
	free(body);

	/* Sniffing: the input as it is; after a ZIP local header signature,
	 * so that every input walks the local headers; and between that and
	 * an end of central directory record that puts the central directory
	 * at the input, so that every input walks that too. */
	mime_extension(sniff_mime(data, size));
	if (size <= UINT32_MAX - 4 && (zip = malloc(size + 4 + 22))) {
		uint32_t len32 = (uint32_t)size;
		unsigned char *e = (unsigned char *)zip + 4 + size;
		memcpy(zip, "PK\3\4", 4);
		memcpy(zip + 4, data, size);
		mime_extension(sniff_mime(zip, size + 4));
		memcpy(e, "PK\5\6\0\0\0\0\xff\xff\xff\xff", 12);
		for (int i = 0; i < 4; i++) {
			e[12 + i] = (unsigned char)(len32 >> (8 * i)); /* size */
			e[16 + i] = i == 0 ? 4 : 0;                    /* offset */
		}
		e[20] = e[21] = 0;
		mime_extension(sniff_mime(zip, size + 4 + 22));
		free(zip);
	}
	return 0;
}
