"""The proposer's vocabulary: the component kinds it recognises in a specification, and their layer order.

Each kind is a few regular expressions (technology names and plain words) plus the rank of its layer. Issues
are proposed in rank order, the way data flows through a service: entry points, data models, messaging,
storage, processing, outputs, user interfaces, operations, and the integration tests last. Kinds of the same
rank keep the order in which the specification mentions them.
"""

from __future__ import annotations

import re

# Layer ranks (lower first). Gaps leave room for new kinds.
RANK = {
    "endpoint": 10, "cli": 11, "webhook": 12, "rate_limit": 13, "auth": 14,
    "models": 20, "parser": 25, "client": 27,
    "producer": 30,
    "db": 40, "search": 41, "files": 42, "cache": 45,
    "consumer": 50, "worker": 51,
    "report": 60, "export": 61, "notify": 62,
    "ui": 70,
    "ops": 80,
    "config": 22,
    "tests": 90,
}

# (pattern, display name) per technology family; the first pattern that matches gives the display name.
QUEUES: list[tuple[str, str]] = [
    (r"\bkafka\b(?! connect)", "Kafka"), (r"\brabbit\s?mq\b", "RabbitMQ"),
    (r"\b(?:amazon |aws )?sqs\b", "SQS"),
    (r"\bnats\b", "NATS"), (r"\bredis streams?\b", "Redis Streams"), (r"\bkinesis\b", "Kinesis"),
    (r"\bpub/?sub\b", "Pub/Sub"), (r"\bactive\s?mq\b", "ActiveMQ"), (r"\bpulsar\b", "Pulsar"),
]
DATABASES: list[tuple[str, str]] = [
    (r"\btimescale(?:db)?\b", "TimescaleDB"), (r"\bpostgres(?:ql)?\b", "PostgreSQL"),
    (r"\bmysql\b", "MySQL"), (r"\bmariadb\b", "MariaDB"), (r"\bsqlite\b", "SQLite"),
    (r"\bmongo(?:db)?\b", "MongoDB"), (r"\bdynamo(?:db)?\b", "DynamoDB"), (r"\bcassandra\b", "Cassandra"),
    (r"\bclickhouse\b", "ClickHouse"), (r"\bcockroach(?:db)?\b", "CockroachDB"),
    (r"\binfluxdb\b", "InfluxDB"), (r"\bfirestore\b", "Firestore"), (r"\bsql server\b", "SQL Server"),
]
# Document stores get collections and indexes rather than schema migrations.
DOCUMENT_STORES = {"MongoDB", "DynamoDB", "Cassandra", "Firestore"}
GENERIC_DATABASE = r"\b(?:database|db)\b"
CACHES: list[tuple[str, str]] = [(r"\bredis\b(?! streams?)", "Redis"), (r"\bmemcached?\b", "Memcached")]
GENERIC_CACHE = r"\bcach(?:e|es|ed|ing)\b"
# A thing that is there already: called or built on, not built ("the existing console", "we already run").
EXISTING = r"\b(?:existing|already|current(?:ly)?)\b"
# Programming languages and application frameworks: a tier the technology answer names by one ("Go backend",
# "Kotlin services", "a Rails API", "a Laravel app") is how the spec's components are written, not one more.
LANGUAGES = {"go", "golang", "kotlin", "java", "python", "rust", "ruby", "typescript", "javascript", "node",
             "node.js", "net", "c#", "c++", "scala", "elixir", "php", "swift", "dart", "lua", "rails",
             "laravel", "django", "flask", "fastapi", "spring", "express", "phoenix", "nestjs", "symfony",
             "sinatra", "spring boot", "ruby on rails", "asp.net core"}
UI_FRAMEWORKS: list[tuple[str, str]] = [
    # React Native is a mobile app's framework and react-intl a library: neither is a web UI
    (r"\breact\b(?![\s-]+native\b|-)", "React"), (r"\bvue(?:\.js)?\b", "Vue"), (r"\bsvelte\b", "Svelte"),
    (r"\bangular\b", "Angular"), (r"\bnext\.?js\b", "Next.js"), (r"\bhtmx\b", "htmx"),
]
UI_WORDS = r"\b(?:dashboard|frontend|front-end|web ui|web app|user interface|single[- ]page)\b"
SEARCH: list[tuple[str, str]] = [
    (r"\belasticsearch\b", "Elasticsearch"), (r"\bopensearch\b", "OpenSearch"),
    (r"\bmeilisearch\b", "Meilisearch"), (r"\btypesense\b", "Typesense"), (r"\bfull[- ]text search\b", ""),
]
FILE_STORES: list[tuple[str, str]] = [
    (r"\bs3\b", "S3"), (r"\bgcs\b", "GCS"), (r"\bminio\b", "MinIO"),
    (r"\b(?:object|blob) storage\b", "object"),
]

ENDPOINT = r"\b(?:https?|rest|endpoints?|graphql|grpc|api|fastapi|flask|django|express|rails|web server)\b"
CLI = r"\b(?:cli|command[- ]line|subcommands?)\b"
WEBHOOK = r"\bwebhooks?\b"
RATE_LIMIT = r"\brate[- ]limit"
AUTH = r"\b(?:auth\w*|log ?in|oauth2?|jwt|sso|sign[- ]in|api keys?)\b"
VALIDATION = r"\bvalidat"
CONSUMER = r"\b(?:consumer|consumes?|subscriber|subscribes?|reads? from)\b"
STORES_DATA = r"\b(?:writes?|stores?|persists?|saves?|inserts?|storage)\b"
WORKER = r"\b(?:workers?|background jobs?|cron|scheduler|scheduled jobs?)\b"
FORMATS = r"\b(csv|json|yaml|xml|parquet|xlsx|excel|markdown|html|pdf)\b"
READS = r"\b(?:reads?|parses?|imports?|loads?|ingests?)\b"
REPORT = r"\breports?\b"
EXPORT = r"\bexport(?:ing)?\b|\bexports (?:to|as|into)\b"  # not "reads bank exports"
NOTIFY = r"\b(?:e-?mails?|smtp|sendgrid|notifications?|notif(?:y|ies)|slack)\b"
EMAIL = r"\b(?:e-?mails?|smtp|sendgrid)\b"
# External APIs the service calls: a capitalised name in front of "API" that is not a protocol word.
EXTERNAL_API = re.compile(r"\b([A-Z][A-Za-z0-9]+)\s+API\b")
NOT_EXTERNAL = {"REST", "HTTP", "HTTPS", "JSON", "Web", "Public", "Internal", "Our", "The", "An", "A",
                "GraphQL", "Admin", "Query", "Ingest", "Search", "Main", "Core", "New", "Private"}

# Success-metric words: performance numbers want metrics, availability numbers want a health check.
PERF = r"(?:\bthroughput\b|\blatency\b|\bp9\d\b|/\s?s(?:ec)?\b|\bper second\b|\b[rq]ps\b|\bresponse time|" \
       r"\bprometheus\b|\bgrafana\b|\bmetrics\b|\bmonitoring\b|\bobservability\b)"
HEALTH = r"(?:\buptime\b|\bavailab|\b99\.\d+\s?%|\bsla\b|\bhealth)"

# Words of a milestone title that name its kind rather than its subject ("Detection Ingest Pipeline").
TITLE_GENERIC = {"pipeline", "engine", "system", "service", "platform", "layer", "module", "app",
                 "application", "tool", "tooling", "api", "integration", "support", "mvp", "v1", "v2",
                 "phase", "project"}
TITLE_ADJECTIVES = {"real", "time", "realtime", "new", "basic", "core", "advanced", "initial", "improved",
                    "the", "a", "an"}


def find(pattern: str, text: str) -> int | None:
    """Position of the first case-insensitive match, or None."""
    match = re.search(pattern, text, re.IGNORECASE)
    return match.start() if match else None


def find_named(table: list[tuple[str, str]], text: str) -> list[tuple[int, str]]:
    """``(position, display name)`` of each technology of ``table`` mentioned in ``text``, in text order."""
    found: dict[str, int] = {}
    for pattern, name in table:
        pos = find(pattern, text)
        if pos is not None and (name not in found or pos < found[name]):
            found[name] = pos
    return sorted((pos, name) for name, pos in found.items())
