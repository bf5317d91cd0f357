"""A real HTTP server standing in for an SMS gateway in the tests (Python's
http.server): listens on 127.0.0.1:PORT and appends every request it gets
to OUT as one JSON line (method, path, query, headers, body), then answers
with the next of ANSWERS.

Usage: http_sink.py PORT OUT [ANSWERS]   (prints "ready" once it listens)

ANSWERS is a comma-separated list of `STATUS` or `STATUS:TEXT` ("500,200",
"400:Invalid destination number"), one per request, the last repeated;
absent: always 200. The first answer line of a 200 is `{"status":"queued"}`.
"""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

PORT = int(sys.argv[1])
OUT = sys.argv[2]
ANSWERS = []
for item in (sys.argv[3] if len(sys.argv) > 3 else "200").split(","):
    code, _, text = item.partition(":")
    ANSWERS.append((int(code), text))
LOCK = threading.Lock()
SEEN = [0]


class Gateway(BaseHTTPRequestHandler):
    def handle_one(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8") if length else ""
        url = urlsplit(self.path)
        record = {
            "method": self.command,
            "path": url.path,
            "query": {k: v[0] for k, v in parse_qs(url.query, keep_blank_values=True).items()},
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "body": body,
        }
        with LOCK:
            with open(OUT, "a", encoding="utf-8") as f:
                f.write(json.dumps(record) + "\n")
            code, text = ANSWERS[min(SEEN[0], len(ANSWERS) - 1)]
            SEEN[0] += 1
        answer = (text or ('{"status":"queued"}' if code < 300 else "error")) + "\n"
        data = answer.encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = handle_one
    do_POST = handle_one

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", PORT), Gateway)
print("ready", flush=True)
server.serve_forever()
