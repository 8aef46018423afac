/* sniff.c: telling an upload's type from its magic bytes (and, for office
 * documents, the names inside the ZIP container). */
#include "docs/sniff.h"

#include "util/buf.h"

#include <stdint.h>
#include <string.h>

#include "util/banned.h"

#define M_PDF  "application/pdf"
#define M_PNG  "image/png"
#define M_JPEG "image/jpeg"
#define M_GIF  "image/gif"
#define M_WEBP "image/webp"
#define M_DOCX "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#define M_XLSX "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define M_PPTX "application/vnd.openxmlformats-officedocument.presentationml.presentation"
#define M_ODT  "application/vnd.oasis.opendocument.text"
#define M_ODS  "application/vnd.oasis.opendocument.spreadsheet"
#define M_ODP  "application/vnd.oasis.opendocument.presentation"

static const struct {
	const char *mime, *ext;
} types[] = {
	{ M_PDF, ".pdf" },   { M_PNG, ".png" },   { M_JPEG, ".jpg" },  { M_GIF, ".gif" },
	{ M_WEBP, ".webp" }, { M_DOCX, ".docx" }, { M_XLSX, ".xlsx" }, { M_PPTX, ".pptx" },
	{ M_ODT, ".odt" },   { M_ODS, ".ods" },   { M_ODP, ".odp" },
};

/* ZIP records (APPNOTE.TXT 4.3): little-endian, fixed parts then names. */
#define LFH_SIZE 30   /* local file header */
#define CDH_SIZE 46   /* central directory file header */
#define EOCD_SIZE 22  /* end of central directory record */
#define ZIP_FLAG_DESCRIPTOR 0x0008
#define ZIP_STORED 0

static unsigned le16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int starts(const unsigned char *d, size_t len, const char *magic, size_t n)
{
	return len >= n && memcmp(d, magic, n) == 0;
}

/* A type told by what its bytes start with; a list ends with NULLs. */
struct magic {
	const char *start, *mime;
};

static const char *magic_type(const struct magic *m, const unsigned char *d, size_t len)
{
	for (; m->start; m++)
		if (starts(d, len, m->start, strlen(m->start)))
			return m->mime;
	return NULL;
}

/* The Office Open XML type an entry's name implies, or NULL. */
static const char *ooxml_type(const unsigned char *name, size_t n)
{
	static const struct magic dirs[] = {
		{ "word/", M_DOCX }, { "xl/", M_XLSX }, { "ppt/", M_PPTX }, { NULL, NULL },
	};

	return magic_type(dirs, name, n);
}

/* The OpenDocument type from the stored content of a "mimetype" entry. */
static const char *odf_type(const unsigned char *s, size_t n)
{
	static const char *const odf[] = { M_ODT, M_ODS, M_ODP };

	for (size_t i = 0; i < sizeof(odf) / sizeof(odf[0]); i++)
		if (n == strlen(odf[i]) && memcmp(s, odf[i], n) == 0)
			return odf[i];
	return NULL;
}

/* Walk the central directory, found from the end of central directory
 * record in the last 64 KiB + 22 bytes (its comment is at most 65535). */
static const char *zip_central(const unsigned char *d, size_t len)
{
	size_t eocd, off, size, lo;
	unsigned count;

	if (len < EOCD_SIZE)
		return NULL;
	lo = len - EOCD_SIZE > 65535 ? len - EOCD_SIZE - 65535 : 0;
	for (eocd = len - EOCD_SIZE;; eocd--) {
		if (memcmp(d + eocd, "PK\5\6", 4) == 0)
			break;
		if (eocd == lo)
			return NULL;
	}
	count = le16(d + eocd + 10);
	size = le32(d + eocd + 12);
	off = le32(d + eocd + 16);
	if (off > eocd || size > eocd - off)
		return NULL;
	for (unsigned i = 0; i < count; i++) {
		size_t nlen, rest;
		const char *t;

		if (eocd - off < CDH_SIZE || memcmp(d + off, "PK\1\2", 4) != 0)
			return NULL;
		nlen = le16(d + off + 28);
		rest = nlen + le16(d + off + 30) + le16(d + off + 32);
		if (eocd - off - CDH_SIZE < nlen)
			return NULL;
		if ((t = ooxml_type(d + off + CDH_SIZE, nlen)))
			return t;
		if (eocd - off - CDH_SIZE < rest)
			return NULL;
		off += CDH_SIZE + rest;
	}
	return NULL;
}

static const char *sniff_zip(const unsigned char *d, size_t len)
{
	size_t off = 0;

	for (int i = 0;; i++) {
		size_t nlen, xlen, csize, rest;
		unsigned flags, method;
		const unsigned char *name;
		const char *t;

		if (len - off < LFH_SIZE || memcmp(d + off, "PK\3\4", 4) != 0)
			break;
		flags = le16(d + off + 6);
		method = le16(d + off + 8);
		csize = le32(d + off + 18);
		nlen = le16(d + off + 26);
		xlen = le16(d + off + 28);
		rest = len - off - LFH_SIZE;
		if (rest < nlen)
			break;
		name = d + off + LFH_SIZE;
		if (i == 0 && nlen == 8 && memcmp(name, "mimetype", 8) == 0) {
			/* OpenDocument: first, stored, sizes in the header. */
			if (method != ZIP_STORED || (flags & ZIP_FLAG_DESCRIPTOR) ||
			    rest - nlen < xlen || rest - nlen - xlen < csize)
				return NULL;
			return odf_type(name + nlen + xlen, csize);
		}
		if ((t = ooxml_type(name, nlen)))
			return t;
		/* Sizes in a data descriptor after the data, or in a ZIP64
		 * extra field: the local headers cannot be walked further. */
		if ((flags & ZIP_FLAG_DESCRIPTOR) || csize == 0xffffffff)
			break;
		if (rest - nlen < xlen || rest - nlen - xlen < csize)
			break;
		off += LFH_SIZE + nlen + xlen + csize;
	}
	return zip_central(d, len);
}

const char *sniff_mime(const void *data, size_t len)
{
	static const struct magic files[] = {
		{ "%PDF-", M_PDF }, { "\x89PNG\r\n\x1a\n", M_PNG }, { "\xff\xd8\xff", M_JPEG },
		{ "GIF87a", M_GIF }, { "GIF89a", M_GIF }, { NULL, NULL },
	};
	const unsigned char *d = data;
	const char *t;

	if (!d)
		return NULL;
	if ((t = magic_type(files, d, len)))
		return t;
	if (len >= 12 && memcmp(d, "RIFF", 4) == 0 && memcmp(d + 8, "WEBP", 4) == 0)
		return M_WEBP;
	if (starts(d, len, "PK\3\4", 4))
		return sniff_zip(d, len);
	return NULL;
}

const char *mime_extension(const char *mime)
{
	if (!mime)
		return NULL;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(mime, types[i].mime) == 0)
			return types[i].ext;
	return NULL;
}

/* A safe name for the URL: lower-case letters, digits and hyphens, with
 * the extension of the detected type. */
void safe_filename(struct buf *out, const char *name, const char *mime)
{
	const char *dot = strrchr(name, '.');
	size_t stem = dot && dot != name ? (size_t)(dot - name) : strlen(name);
	int dash = 0;
	size_t start = out->len;

	for (size_t i = 0; i < stem && out->len - start < 80; i++) {
		unsigned char c = (unsigned char)name[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && out->len > start)
				buf_putc(out, '-');
			buf_putc(out, (char)c);
			dash = 0;
		} else {
			dash = 1;
		}
	}
	if (out->len == start)
		buf_puts(out, "document");
	buf_puts(out, mime_extension(mime));
}
