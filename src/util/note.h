/* note.h: signed notes with Ed25519 (C2SP signed-note, the format of Go's
 * golang.org/x/mod/sumdb/note), the checkpoints of a transparency log
 * written in them (C2SP tlog-checkpoint), and offline proofs of inclusion
 * (C2SP tlog-proof).  Keys and signatures are libsodium's.
 *
 * A key's name is printable ASCII without spaces or '+'.  Its id is the
 * first four bytes of SHA-256(name || "\n" || 0x01 || public key).  Keys
 * are text, as Go's note package writes them:
 *   signer:   PRIVATE+KEY+<name>+<id, 8 hex digits>+<base64(0x01 || seed)>
 *   verifier: <name>+<id, 8 hex digits>+<base64(0x01 || public key)>
 * A signed note is its text (lines, each ending in '\n'), an empty line,
 * and signature lines "— <name> <base64(id || signature)>\n" (U+2014). */
#ifndef WITAN_NOTE_H
#define WITAN_NOTE_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/tlog.h"

#define NOTE_NAME_MAX 128
#define NOTE_KEY_MAX 256          /* a signer or verifier key, with its NUL */

struct note_signer {
	char name[NOTE_NAME_MAX + 1];
	unsigned char id[4];
	unsigned char sk[64];      /* libsodium's secret key (seed || public key) */
};

struct note_verifier {
	char name[NOTE_NAME_MAX + 1];
	unsigned char id[4];
	unsigned char pk[32];
};

/* A new key pair named name: the signer key into skey, the verifier key
 * into vkey (each NOTE_KEY_MAX): 0, or -1 (a bad name). */
int note_keygen(const char *name, char skey[NOTE_KEY_MAX], char vkey[NOTE_KEY_MAX]);
/* Parse keys in the forms above (the id's hex digits in either case, as
 * Go reads them): 0, or -1 when malformed or when the id is not the
 * key's own. */
int note_signer_parse(const char *skey, struct note_signer *s);
int note_verifier_parse(const char *vkey, struct note_verifier *v);
/* The verifier key of a signer, into vkey (NOTE_KEY_MAX). */
void note_verifier_key(const struct note_signer *s, char vkey[NOTE_KEY_MAX]);

/* text (n bytes, non-empty lines each ending in '\n', valid UTF-8 without
 * control characters but '\n', no line starting with "—", under 1 MB less
 * room for the signature) signed: appended to out with the empty line
 * and s's signature line.  0, or -1 when text is not such a text (out
 * untouched) or out has failed. */
int note_sign(const struct note_signer *s, const char *text, size_t n, struct buf *out);
/* Whether msg (n bytes) is a signed note that v signed, read as Go's
 * note.Open reads it: 0 with the length of its text in *text_len (to the
 * last empty line, that line's '\n' excluded; the text itself may hold
 * empty lines); -1 when it is malformed (over 1 MB, not UTF-8, a control
 * character but '\n', a line after the empty one that is not a
 * signature line, more than 100 of those), has no signature line of v's
 * name and id, or the first such line does not verify.  Other keys'
 * lines (any name Go allows) are ignored, and repeats of v's. */
int note_verify(const struct note_verifier *v, const char *msg, size_t n, size_t *text_len);

/* A checkpoint's text: "<origin>\n<size>\n<base64 root>\n", appended to
 * out. */
void checkpoint_text(const char *origin, uint64_t size, const unsigned char root[TLOG_HASH], struct buf *out);
/* Its first three lines read back (more lines may follow, and are not
 * read: text may be the whole signed note): 0 with origin (UTF-8 without
 * control characters; NUL-terminated in olen bytes, so at most olen - 1)
 * size and root; -1 when malformed (an empty origin, a size with a sign
 * or leading zero, a root that is not the canonical base64 of 32 bytes). */
int checkpoint_parse(const char *text, size_t n, char *origin, size_t olen, uint64_t *size,
		     unsigned char root[TLOG_HASH]);

/* A C2SP tlog-proof: "c2sp.org/tlog-proof@v1\n", "extra <base64>\n" when
 * extra is given and not empty, "index <i>\n", the proof's hashes in
 * base64 one a line, an empty line, then the signed checkpoint as it was
 * served; appended to out. */
void tlog_proof_text(const void *extra, size_t extra_len, uint64_t index, const unsigned char proof[][TLOG_HASH],
		     int len, const char *checkpoint, size_t checkpoint_len, struct buf *out);
/* Read one back: 0 with the index, up to max proof hashes (*len), the
 * extra data's bytes (when extra is not NULL: at most extra_max; when
 * NULL they are checked and skipped) and its length (*extra_len, when
 * not NULL; 0 for none, or for the "extra " line alone that Go writes
 * for empty data), and where the signed checkpoint starts in text
 * (*checkpoint_at; it is not read, and must not be empty); -1 when
 * malformed. */
int tlog_proof_parse(const char *text, size_t n, uint64_t *index, unsigned char proof[][TLOG_HASH], int max,
		     int *len, unsigned char *extra, size_t extra_max, size_t *extra_len, size_t *checkpoint_at);

#endif
