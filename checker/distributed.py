"""The per-document phase on a Dask cluster, for archives of millions of
documents.

The linter (glossary, configuration and rules) is sent to every worker
once; the files are linted in chunks as Dask tasks, each returning the
findings and the compact per-document summaries of its files; the parent
reduces the summaries with the cross-document rules exactly as a local run
does, so the output is the same. Dask is an optional extra
(``pip install 'mtlint[dask]'``) and is imported only here.
"""

from __future__ import annotations

#: Files per task: large enough that scheduling costs little per file.
CHUNK = 64


class DaskUnavailable(RuntimeError):
    """Dask is not installed, or the scheduler cannot be reached."""


def run_on_dask(linter, files: list[str], address: str, progress=None):
    """Yield ``(findings, mapped, problem)`` per file, in file order (mapped:
    :class:`checker.run.Mapped`, None for a file that could not be read)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise DaskUnavailable("--dask needs Dask: pip install 'mtlint[dask]'") from None
    cluster = None
    try:
        if address == "local":
            workers = linter.config.jobs or 2
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(address, timeout="30s")
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise DaskUnavailable(f"cannot reach the Dask scheduler {address}: {exc}") from None
    try:
        shared = client.scatter(linter, broadcast=True)
        chunks = [files[i:i + CHUNK] for i in range(0, len(files), CHUNK)]
        futures = [client.submit(_lint_chunk, shared, chunk, pure=False) for chunk in chunks]
        done = 0
        for future in futures:  # in order: the output must not depend on scheduling
            results = future.result()
            yield from results
            done += len(results)
            if progress:
                progress(done, len(files))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _lint_chunk(linter, paths):
    return [linter._lint_path(path) for path in paths]
