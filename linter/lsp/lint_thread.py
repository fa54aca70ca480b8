"""Where the language server lints: in the main thread, while pygls's event loop
runs in another one.

A lint is CPU work of up to seconds (a long article; a slow rule runs until its
time limit stops it). Run on the event loop, it would hold every other request
until it ends: a hover in one document would wait for another document's lint.
The loop hands each lint (and each code action, which may lint again to apply
fixes) to this thread instead, which runs them one at a time, and goes on
reading and answering requests while one runs. The main thread, because a rule's
time limit is a SIGPROF timer whose handler Python runs only there
(``engine.time_limit``).

Jobs are plain callables; what they return (or raise) settles an asyncio future
on the loop that handed them in. A job must not talk to the client: the loop
thread does that with what the job returns.
"""

from __future__ import annotations

import asyncio
import queue


class LintThread:
    """The jobs queue and the loop that runs them (``serve``, in the main thread).
    Until ``serve`` is running, a job runs at once where it is handed in (the
    server used in-process, without ``serve_stdio``: as it always did)."""

    def __init__(self):
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self.serving = False

    def run(self, job) -> asyncio.Future:
        """A future (on the running loop) of ``job()``."""
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        if not self.serving:
            try:
                future.set_result(job())
            except Exception as exc:  # noqa: BLE001 - the awaiting handler gets it, as it would have
                future.set_exception(exc)
            return future
        self._jobs.put((job, future, loop))
        return future

    def serve(self) -> None:
        """Run jobs as they come, until ``stop``."""
        self.serving = True
        try:
            while True:
                item = self._jobs.get()
                if item is None:
                    return
                job, future, loop = item
                if future.cancelled():  # the request was cancelled before its turn came
                    continue
                try:
                    result, error = job(), None
                except Exception as exc:  # noqa: BLE001 - handed to the awaiting handler
                    result, error = None, exc
                try:
                    loop.call_soon_threadsafe(_settle, future, result, error)
                except RuntimeError:  # the loop has closed: the client is gone
                    return
        finally:
            self.serving = False

    def stop(self) -> None:
        """End ``serve`` after the job it runs (called from the loop's thread as it ends)."""
        self._jobs.put(None)


def _settle(future: asyncio.Future, result, error) -> None:
    if future.done():  # cancelled while the job ran
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)
