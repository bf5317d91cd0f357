"""A real SMTP server for the tests (aiosmtpd): listens on 127.0.0.1:PORT and
appends every message it receives to OUT as one JSON line (envelope sender
and recipients, decoded subject and plain-text body, attachments saved
beside OUT: name, content type, path).

Usage: smtp_sink.py PORT OUT   (prints "ready" once it accepts connections)
"""
import email
import email.policy
import json
import os
import sys
import time

from aiosmtpd.controller import Controller

PORT = int(sys.argv[1])
OUT = sys.argv[2]


class Sink:
    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        body = msg.get_body(preferencelist=("plain",))
        files = []
        for part in msg.iter_attachments():
            n = sum(1 for _ in open(OUT, "rb")) if os.path.exists(OUT) else 0
            path = f"{OUT}.{n}.{part.get_filename()}"
            with open(path, "wb") as f:
                f.write(part.get_content())
            files.append({"name": part.get_filename(), "type": part.get_content_type(), "path": path})
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "from": str(msg["from"]),
            "to": str(msg["to"]),
            "subject": str(msg["subject"]),
            "body": body.get_content() if body is not None else "",
            "attachments": files,
        }
        with open(OUT, "a", encoding="utf-8") as f:
            f.write(json.dumps(record) + "\n")
        return "250 Message accepted for delivery"


controller = Controller(Sink(), hostname="127.0.0.1", port=PORT)
controller.start()
print("ready", flush=True)
try:
    while True:
        time.sleep(3600)
finally:
    controller.stop()
