"""The release's human summary (SUMMARY.md): what is in it, what changed since the previous release,
what was refused and why, and how to verify it."""

from __future__ import annotations

from .changes import SHARED, own_changes, same_version
from .manifest import DocumentEntry, Manifest


def _kib(size: int) -> str:
    return f"{size / 1024:.0f} KiB" if size >= 1024 else f"{size} B"


def render_summary(manifest: Manifest) -> str:
    """Markdown a person reads before publishing; derived only from the manifest (so it is reproducible)."""
    m = manifest.normalized()
    sizes = {f.path: f.bytes for f in m.files}
    lines = [f"# medprint release {m.release}", ""]
    total = len(m.documents) + len(m.failures)
    lines.append(f"{len(m.documents)} of {total} document(s) released; {len(m.failures)} failed.")
    lines += ["", change_line(m)]
    if m.failures and m.options.get("partial"):
        lines.append("")
        lines.append("**Released with --partial**: the documents under \"Failed\" are not in this release.")
    same = [d.source for d in m.documents if same_version(d)]
    if same:
        lines.append("")
        lines.append(f"**Released with --allow-same-version**: the text of {', '.join(same)} changed but its "
                     "version did not.")
    if m.shard:
        lines.append(f"This is shard {m.shard}; merge all shards with `medprint release --merge {m.release}`.")
    if m.options.get("allow_overdue"):
        overdue = [d.source for d in m.documents if d.overdue]
        lines.append("")
        lines.append("**Released with --allow-overdue**: next-review dates in the past were accepted"
                     + (f" for {', '.join(overdue)}." if overdue else " (none was overdue)."))
    since = f"since {m.previous}" if m.previous else "since the previous release"
    lines += ["", "## Documents", "", f"| document | version | {since} | reviewed | next review | files |",
              "| --- | --- | --- | --- | --- | --- |"]
    for d in m.documents:
        files = ", ".join(f"{f} ({_kib(sizes.get(f, 0))})" for f in d.files)
        title = d.title.replace("|", "\\|") + (" (overdue)" if d.overdue else "")
        lines.append(f"| {title}<br>`{d.source}` | {d.version or '-'} | {change_cell(d)} | {d.reviewed or '-'} | "
                     f"{d.next_review or '-'} | {files} |")
    if m.removed:
        lines += ["", f"## Removed since {m.previous}", ""]
        lines += [f"- `{source}`" for source in m.removed]
    if m.failures:
        lines += ["", "## Failed (not in this release)", ""]
        for f in m.failures:
            lines.append(f"- `{f.source}`: {f.error}")
    lines += ["", "## Tools", ""]
    lines += [f"- {name} {version}" for name, version in m.tools.items()]
    opts = ", ".join(f"{k}={v}" for k, v in m.options.items())
    carried = (f"It carries the {len(m.inputs)} input file(s) it was built from under `inputs/`, so it verifies "
               "on any later checkout." if m.inputs else "")
    lines += ["", f"Options: {opts}", "",
              f"Check it with `medprint release --verify {m.release}` (rebuilds and compares every byte). {carried}"
              .rstrip(), ""]
    return "\n".join(lines)


def change_line(m: Manifest) -> str:
    """``Since 1.0: 1 new, 1 changed, 4 unchanged, 1 removed.`` (or that this is the first release)."""
    if not m.previous:
        return "First release: every document is new."
    counts = [(sum(1 for d in m.documents if d.change == kind), kind) for kind in ("new", "changed", "unchanged")]
    counts.append((len(m.removed), "removed"))
    return f"Since {m.previous}: " + ", ".join(f"{n} {kind}" for n, kind in counts) + "."


def changed_files(d: DocumentEntry) -> str:
    """The inputs that changed, the shared styles folded into one mention."""
    own = own_changes(d)
    shared = len(d.changed_inputs) - len(own)
    return ", ".join(own + ([f"{SHARED} ({shared} file(s))"] if shared else []))


def change_cell(d: DocumentEntry) -> str:
    if d.change == "changed":
        version = f"{d.previous_version or '-'} → {d.version or '-'}" if d.version != d.previous_version \
            else f"same version {d.version or '-'}"
        return f"changed ({version}): {changed_files(d)}"
    return d.change or "-"
