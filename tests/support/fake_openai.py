"""A fake OpenAI-compatible server on 127.0.0.1 for the drafting tests: real HTTP, never a mock of the client.

It answers ``POST /v1/chat/completions`` plain (a JSON body) or as server-sent events (``"stream": true``),
from a queue of scripted answers, one per request (the last one repeats). Each ``Answer`` is a reply text or
a fault: a status (401, 403, 404, 429 with ``retry-after``, 5xx), a stall mid-stream, malformed bytes, or
``json_schema`` refused (400, for an endpoint that only has JSON mode). Every request is recorded (body and
headers) so a test can read what was sent, and each streamed chunk's send time (``sent``: perf_counter,
characters of the reply sent so far) so a benchmark can time what the client shows against it.

``python -m tests.support.fake_openai [--port N] [--issues 30] [--rate 50]`` serves a demo reply
(``demo_reply``, with review lines) streamed at about ``rate`` tokens a second, to try the app by hand.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Answer:
    """One scripted answer: ``text`` as the assistant's content, or a fault."""

    text: str = ""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    stall_after: int | None = None  # stream: stop sending after this many chunks (and hang)
    stall_seconds: float = 30.0
    raw: bytes | None = None  # the body (or one SSE data line) as it is: malformed JSON
    no_schema: bool = False  # 400 for a json_schema response_format (JSON mode only)
    chunk: int = 12  # characters per streamed chunk
    delay: float = 0.0  # seconds between streamed chunks
    echo: bool = False  # a fault's message quotes the request's headers (a server that echoes them)


def reply_json(issues: list[dict[str, Any]], phases: list[dict[str, Any]] | None = None,
               review: list[dict[str, Any]] | None = None) -> str:
    return json.dumps({"issues": issues, "phases": phases or [], "review": review or []})


TOKEN_CHARS = 4  # about one token of English or JSON


def demo_reply(count: int = 30) -> str:
    """A reply of ``count`` issues for the demo's M5 (each with a line of scope, criteria and dependencies),
    phases, and a review of words the seed's answers and the rules' criteria use."""
    words = ("ingest endpoint", "event schema", "validation", "Kafka producer", "consumer",
             "TimescaleDB writer", "retry policy", "dead-letter queue", "metrics", "backpressure")
    issues = [{"title": f"Add {words[n % len(words)]} part {n + 1}",
               "summary": f"Scope line {n + 1} of the work", "depends_on": [n] if n else [],
               "acceptance": [f"Criterion {n + 1} holds", "Tests pass"]} for n in range(count)]
    half = max(1, count // 2)
    phases = [{"name": "Foundation", "issues": list(range(1, half + 1))},
              {"name": "Processing", "issues": list(range(half + 1, count + 1))}]
    review = [{"text": "fast", "suggestion": "p99 latency under 100 ms at 1000 events/sec"},
              {"text": "scalable", "suggestion": "handles 10x the load by adding consumers, no code change"},
              {"text": "robust", "suggestion": "no event lost when a consumer restarts"}]
    return reply_json(issues, phases if count > 1 else [], review)


class _Server(ThreadingHTTPServer):
    """Quiet about a client that hangs up early (a cap, a cancel, a timeout): that is what is tested."""

    def handle_error(self, request: object, client_address: object) -> None:
        pass


class FakeOpenAI:
    """Start with ``start()``; ``url`` is the base URL (``.../v1``); ``answers`` the script."""

    def __init__(self, answers: list[Answer] | None = None, port: int = 0) -> None:
        self.answers: list[Answer] = list(answers or [Answer(reply_json([{"title": "Add one thing"}]))])
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.sent: list[tuple[float, int]] = []  # each streamed chunk: when it was flushed, characters so far
        self.stop_event = threading.Event()
        self.server = _Server(("127.0.0.1", port), _handler(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def start(self) -> FakeOpenAI:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stop_event.set()
        self.server.shutdown()
        self.server.server_close()

    def next_answer(self) -> Answer:
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


def _handler(fake: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # quiet
            pass

        def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None,
                  kind: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:  # noqa: N802 - the http.server name
            size = int(self.headers.get("Content-Length", "0"))
            request = json.loads(self.rfile.read(size) or b"{}")
            fake.requests.append(request)
            fake.headers.append({k.lower(): v for k, v in self.headers.items()})
            if self.path != "/v1/chat/completions":
                return self._send(404, b'{"error": {"message": "no such route"}}')
            answer = fake.next_answer()
            if answer.no_schema and request.get("response_format", {}).get("type") == "json_schema":
                return self._send(400, b'{"error": {"message": "response_format json_schema unsupported"}}')
            if answer.status != 200:
                echoed = f": {dict(self.headers.items())}" if answer.echo else ""
                error = {"error": {"message": f"fault {answer.status}{echoed}", "type": "fault"}}
                return self._send(answer.status, json.dumps(error).encode(), answer.headers)
            if request.get("stream"):
                return self._stream(request, answer)
            if answer.raw is not None:
                return self._send(200, answer.raw)
            body = {"id": "c1", "object": "chat.completion", "created": 0, "model": request.get("model"),
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": answer.text}}]}
            self._send(200, json.dumps(body).encode())

        def _stream(self, request: dict[str, Any], answer: Answer) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            pieces = [answer.text[i:i + answer.chunk] for i in range(0, len(answer.text), answer.chunk)]
            fake.sent.clear()
            so_far = 0
            try:
                for n, piece in enumerate(pieces):
                    if answer.stall_after is not None and n == answer.stall_after:
                        fake.stop_event.wait(answer.stall_seconds)
                        return
                    chunk = {"id": "c1", "object": "chat.completion.chunk", "created": 0,
                             "model": request.get("model"),
                             "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
                    self._event(json.dumps(chunk).encode())
                    so_far += len(piece)
                    fake.sent.append((time.perf_counter(), so_far))
                    if answer.delay:
                        time.sleep(answer.delay)
                if answer.raw is not None:
                    self._event(answer.raw)
                self._event(b"[DONE]")
                self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading (a cap, a cancel): fine

        def _event(self, data: bytes) -> None:
            line = b"data: " + data + b"\n\n"
            self.wfile.write(f"{len(line):x}\r\n".encode() + line + b"\r\n")
            self.wfile.flush()

    return Handler


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.support.fake_openai", description=__doc__)
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: any free one)")
    parser.add_argument("--issues", type=int, default=30, help="issues in the reply (default 30)")
    parser.add_argument("--rate", type=float, default=50.0, help="tokens a second (default 50)")
    args = parser.parse_args(argv)
    fake = FakeOpenAI([Answer(demo_reply(args.issues), chunk=TOKEN_CHARS, delay=1 / args.rate)], args.port)
    fake.start()
    print(f"Fake OpenAI-compatible server: {fake.url} ({args.issues} issues at {args.rate:g} tokens/s); "
          "ctrl+c stops it", flush=True)
    print(f"  create-milestone m5 --model fake --model-url {fake.url}", flush=True)
    try:
        fake.thread.join()
    except KeyboardInterrupt:
        fake.stop()


if __name__ == "__main__":
    main()
