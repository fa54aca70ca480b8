"""How long a writer waits for the language server's diagnostics after a change.

    python bench/lsp_latency.py                  # 10,000-word article, 30 edits, default debounce
    python bench/lsp_latency.py --debounce-ms 0  # the lint and transport alone

Starts ``contentlint server`` as an editor does (a subprocess, LSP over its
stdin/stdout, pygls's client), opens a ~10,000-word article (the seed articles
repeated), then makes one-word edits at different places, each after the last
one's diagnostics came back, and times each from sending ``didChange`` to
receiving ``publishDiagnostics`` for that version: the debounce pause, the lint
(rules reused across requests) and the JSON both ways. Wall clock, on whatever
else the machine is doing: the median and the worst are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

ROOT = Path(__file__).resolve().parent.parent


def article(words: int) -> str:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.md"))]
    parts: list[str] = []
    while sum(len(p.split()) for p in parts) < words:
        parts.append(seeds[len(parts) % len(seeds)])
    return "\n\n".join(parts)


async def run(words: int, edits: int, debounce_ms: int | None) -> None:
    text = article(words)
    folder = Path(tempfile.mkdtemp(prefix="cl-lsp-bench-"))
    path = folder / "long-article.md"
    path.write_text(text, encoding="utf-8")
    uri = from_fs_path(str(path))

    client = LanguageClient("lsp-latency", "1")
    arrived: dict[int, float] = {}
    counts: dict[int, int] = {}
    event = asyncio.Event()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(ls, params):
        if params.uri == uri and params.version is not None:
            arrived[params.version] = time.perf_counter()
            counts[params.version] = len(params.diagnostics)
            event.set()

    await client.start_io(sys.executable, "-m", "linter", "server", cwd=str(folder))
    options = {"debounceMs": debounce_ms} if debounce_ms is not None else None
    await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=from_fs_path(str(folder)), initialization_options=options))
    client.initialized(types.InitializedParams())

    async def wait_for(version: int) -> float:
        while version not in arrived:
            event.clear()
            await asyncio.wait_for(event.wait(), 120)
        return arrived[version]

    sent = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))
    opened = await wait_for(1) - sent

    paragraphs = [i for i, ch in enumerate(text) if ch == "\n" and text[i - 1 : i] not in ("\n", "")]
    times = []
    current = text
    for n in range(edits):
        at = paragraphs[(n * 7919) % len(paragraphs)]  # spread over the article
        current = current[:at] + (" indeed" if n % 2 == 0 else "") + current[at:]
        if n % 2 == 1:
            current = current.replace(" indeed\n", "\n", 1)
        version = n + 2
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=current)]))
        times.append(await wait_for(version) - sent)

    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()

    ms = sorted(t * 1000 for t in times)
    print(f"article: {len(text.split()):,} words, {len(text):,} characters, {counts[1]} findings")
    print(f"debounce: {'server default' if debounce_ms is None else f'{debounce_ms} ms'}")
    print(f"open -> diagnostics: {opened * 1000:.0f} ms (builds the rules)")
    print(f"change -> diagnostics over {edits} edits: median {statistics.median(ms):.0f} ms, "
          f"p90 {ms[int(0.9 * (len(ms) - 1))]:.0f} ms, worst {ms[-1]:.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=10_000)
    ap.add_argument("--edits", type=int, default=30)
    ap.add_argument("--debounce-ms", type=int, default=None, help="the server's pause after a change (default: its own)")
    args = ap.parse_args()
    asyncio.run(run(args.words, args.edits, args.debounce_ms))


if __name__ == "__main__":
    main()
