"""The release's human summary (SUMMARY.md): what is in it, what was refused and why."""

from __future__ import annotations

from .manifest import Manifest


def _kib(size: int) -> str:
    return f"{size / 1024:.0f} KiB" if size >= 1024 else f"{size} B"


def render_summary(manifest: Manifest) -> str:
    """Markdown a person reads before publishing; derived only from the manifest (so it is reproducible)."""
    m = manifest.normalized()
    sizes = {f.path: f.bytes for f in m.files}
    lines = [f"# medprint release {m.release}", ""]
    total = len(m.documents) + len(m.failures)
    lines.append(f"{len(m.documents)} of {total} document(s) released; {len(m.failures)} failed.")
    if m.shard:
        lines.append(f"This is shard {m.shard}; merge all shards with `medprint release --merge {m.release}`.")
    if m.options.get("allow_overdue"):
        overdue = [d.source for d in m.documents if d.overdue]
        lines.append("")
        lines.append("**Released with --allow-overdue**: next-review dates in the past were accepted"
                     + (f" for {', '.join(overdue)}." if overdue else " (none was overdue)."))
    lines += ["", "## Documents", "", "| document | version | reviewed | next review | files |",
              "| --- | --- | --- | --- | --- |"]
    for d in m.documents:
        files = ", ".join(f"{f} ({_kib(sizes.get(f, 0))})" for f in d.files)
        title = d.title.replace("|", "\\|") + (" (overdue)" if d.overdue else "")
        lines.append(f"| {title}<br>`{d.source}` | {d.version or '-'} | {d.reviewed or '-'} | "
                     f"{d.next_review or '-'} | {files} |")
    if m.failures:
        lines += ["", "## Failed (not in this release)", ""]
        for f in m.failures:
            lines.append(f"- `{f.source}`: {f.error}")
    lines += ["", "## Tools", ""]
    lines += [f"- {name} {version}" for name, version in m.tools.items()]
    opts = ", ".join(f"{k}={v}" for k, v in m.options.items())
    lines += ["", f"Options: {opts}", "",
              f"Check it with `medprint release --verify {m.release}` (rebuilds and compares every byte).", ""]
    return "\n".join(lines)
