#!/usr/bin/python3
"""smtp-sink.py: a local SMTP server for the alerts tests (Debian's
python3-aiosmtpd).  Usage: smtp-sink.py DIR

Listens on 127.0.0.1 on a free port, prints "READY <port>" on stdout, and
writes every message it accepts to DIR/NNNN.eml (the envelope in
DIR/NNNN.env as JSON: mail_from, rcpt_tos).  Scripted refusals, by the
recipient's local part:
  bounce...    550 at RCPT (the mailbox does not exist)
  reject...    554 at DATA (refused for good)
  tempfail...  451 at RCPT the first two times, then accepted
Runs until killed."""
import asyncio
import json
import os
import socket
import sys

from aiosmtpd.controller import Controller

OUT = sys.argv[1]
os.makedirs(OUT, exist_ok=True)
tries = {}


class Sink:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split('@')[0].lower()
        if local.startswith('bounce'):
            return '550 5.1.1 No such mailbox'
        if local.startswith('tempfail'):
            tries[address] = tries.get(address, 0) + 1
            if tries[address] <= 2:
                return '451 4.3.0 Try again later'
        envelope.rcpt_tos.append(address)
        return '250 OK'

    async def handle_DATA(self, server, session, envelope):
        if any(a.split('@')[0].lower().startswith('reject') for a in envelope.rcpt_tos):
            return '554 5.7.1 Refused'
        n = len([f for f in os.listdir(OUT) if f.endswith('.eml')]) + 1
        base = os.path.join(OUT, '%04d' % n)
        with open(base + '.tmp', 'wb') as f:
            f.write(envelope.original_content)
        with open(base + '.env', 'w') as f:
            json.dump({'mail_from': envelope.mail_from, 'rcpt_tos': envelope.rcpt_tos}, f)
        os.rename(base + '.tmp', base + '.eml')
        return '250 Message accepted'


def free_port():
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    port = free_port()
    c = Controller(Sink(), hostname='127.0.0.1', port=port)
    c.start()
    print('READY %d' % port, flush=True)
    try:
        asyncio.get_event_loop().run_forever()
    except KeyboardInterrupt:
        pass
    finally:
        c.stop()


if __name__ == '__main__':
    main()
