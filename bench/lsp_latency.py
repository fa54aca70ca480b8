"""How long a writer waits for the language server's diagnostics after a change.

    python bench/lsp_latency.py                  # 10,000-word article, 30 edits, default debounce
    python bench/lsp_latency.py --debounce-ms 0  # the lint and transport alone
    python bench/lsp_latency.py --hover-while 200000   # a hover while another article is linted

Starts ``contentlint server`` as an editor does (a subprocess, LSP over its
stdin/stdout, pygls's client), opens a ~10,000-word article (the seed articles
repeated), then makes one-word edits at different places, each after the last
one's diagnostics came back, and times each from sending ``didChange`` to
receiving ``publishDiagnostics`` for that version: the debounce pause, the lint
(rules reused across requests) and the JSON both ways. Wall clock, on whatever
else the machine is doing: the median and the worst are printed, never asserted.

``--hover-while WORDS``: then, in as many rounds as edits, an edit to a second
article of that many words, and at once a hover on a finding of the first; the
time from sending the hover to its answer, and from the edit to the second
article's diagnostics (the server lints in its main thread while its event loop
answers: the hover need not wait for the long lint).
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


async def run(words: int, edits: int, debounce_ms: int | None, hover_while: int = 0) -> None:
    text = article(words)
    folder = Path(tempfile.mkdtemp(prefix="cl-lsp-bench-"))
    path = folder / "long-article.md"
    path.write_text(text, encoding="utf-8")
    uri = from_fs_path(str(path))

    client = LanguageClient("lsp-latency", "1")
    arrived: dict[tuple, float] = {}  # (uri, version) -> when its diagnostics came
    counts: dict[tuple, int] = {}
    event = asyncio.Event()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(ls, params):
        if params.version is not None:
            arrived[(params.uri, params.version)] = time.perf_counter()
            counts[(params.uri, params.version)] = len(params.diagnostics)
            event.set()

    await client.start_io(sys.executable, "-m", "linter", "server", cwd=str(folder))
    options = {"debounceMs": debounce_ms} if debounce_ms is not None else None
    await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=from_fs_path(str(folder)), initialization_options=options))
    client.initialized(types.InitializedParams())

    async def wait_for(version: int, of: str = uri) -> float:
        """When the diagnostics of document ``of`` at ``version`` came."""
        while (of, version) not in arrived:
            event.clear()
            await asyncio.wait_for(event.wait(), 300)
        return arrived[(of, version)]

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

    busy = []  # (hover answered, long article's diagnostics), seconds after sending
    if hover_while:
        long_text = article(hover_while)
        long_uri = from_fs_path(str(folder / "longer-article.md"))
        base = 10_000
        client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=long_uri, language_id="markdown", version=base, text=long_text)))
        await wait_for(base, long_uri)
        # a finding of the first article, where the hovers point
        where = types.Position(line=0, character=0)
        for n in range(edits):
            version = base + n + 1
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=long_uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=long_text + f"\nEdit {n}.\n")]))
            sent = time.perf_counter()
            await client.text_document_hover_async(types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri), position=where))
            answered = time.perf_counter() - sent
            busy.append((answered, await wait_for(version, long_uri) - sent))

    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()

    ms = sorted(t * 1000 for t in times)
    print(f"article: {len(text.split()):,} words, {len(text):,} characters, {counts[(uri, 1)]} findings")
    print(f"debounce: {'server default' if debounce_ms is None else f'{debounce_ms} ms'}")
    print(f"open -> diagnostics: {opened * 1000:.0f} ms (builds the rules)")
    print(f"change -> diagnostics over {edits} edits: median {statistics.median(ms):.0f} ms, "
          f"p90 {ms[int(0.9 * (len(ms) - 1))]:.0f} ms, worst {ms[-1]:.0f} ms")
    if busy:
        hover = sorted(a * 1000 for a, _ in busy)
        lint = sorted(b * 1000 for _, b in busy)
        print(f"a hover while a {hover_while:,}-word article is linted, over {len(busy)} rounds: median "
              f"{statistics.median(hover):.0f} ms, worst {hover[-1]:.0f} ms; that article's diagnostics: "
              f"median {statistics.median(lint):.0f} ms after the hover was sent")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=10_000)
    ap.add_argument("--edits", type=int, default=30)
    ap.add_argument("--debounce-ms", type=int, default=None, help="the server's pause after a change (default: its own)")
    ap.add_argument("--hover-while", type=int, default=0, metavar="WORDS",
                    help="also time a hover while another article of WORDS words is linted")
    args = ap.parse_args()
    asyncio.run(run(args.words, args.edits, args.debounce_ms, args.hover_while))


if __name__ == "__main__":
    main()
