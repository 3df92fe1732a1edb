#!/usr/bin/env python3
"""A loopback webhook for the --gate tests: answers every POST with one status code.

Usage: gate-server.py PORT_FILE STATUS LOG_FILE. Binds 127.0.0.1 on a free port, writes the port to
PORT_FILE, appends each request body (one line) to LOG_FILE, and exits when its stdin closes (the
test keeps a pipe open), so it never outlives the test.
"""
import http.server
import sys
import threading

port_file, status, log_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with open(log_file, "ab") as log:
            log.write(self.headers.get("Content-Type", "").encode() + b" " + body.replace(b"\n", b" ") + b"\n")
        reply = b"approved" if status < 300 else b"halted by the gate"
        self.send_response(status)
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
with open(port_file, "w") as f:
    f.write(f"{server.server_address[1]}\n")
threading.Thread(target=server.serve_forever, daemon=True).start()
sys.stdin.read()
server.shutdown()
