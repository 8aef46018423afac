/* log.h: the publication log's addresses (api/log.c; docs/LOG.md). */
#ifndef WITAN_API_LOG_H
#define WITAN_API_LOG_H

#include "http/req.h"

int page_log_checkpoint(struct req *r);   /* /log/checkpoint */
int page_log_key(struct req *r);          /* /log/key */
int page_log_tile(struct req *r);         /* /log/tile/{path} */
int page_document_proof(struct req *r);   /* /documents/{id}.tlog-proof */
int page_minutes_proof(struct req *r);    /* /meetings/{id}/minutes.tlog-proof */

#endif
