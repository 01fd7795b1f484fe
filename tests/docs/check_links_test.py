#!/usr/bin/env python3
"""Every Markdown link in README.md and docs/*.md stays inside the repository.

A link fails when it points outside the repository (http(s), mailto, an
absolute path, or a relative path that leaves the repository: the docs are
read offline from a clone), to a file that does not exist, or to an anchor
(#section) that no heading of the target file makes (GitHub's rule: lowercase,
punctuation except '-' and '_' removed, spaces to '-', duplicates suffixed -1, -2…).
Links inside code blocks and code spans are not links.

Usage: check_links_test.py [REPO]   (default: the repository holding this file)
Exit 0 when every link is good, 1 otherwise (each bad link printed as FILE:LINE).
With --self-test it first checks that its own rules catch known bad links.
"""

import pathlib
import re
import sys
import tempfile

INLINE_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
HTML_ANCHOR = re.compile(r"<a\s+(?:name|id)=\"([^\"]+)\"")


def strip_code(lines, spans=True):
    """Lines with fenced blocks blanked and (with spans) code spans removed; line numbers kept."""
    out, fence = [], None
    for line in lines:
        m = re.match(r"^\s{0,3}(`{3,}|~{3,})", line)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            out.append("")
            continue
        if m:
            fence = m.group(1)
            out.append("")
            continue
        out.append(re.sub(r"(`+)(?:(?!\1).)+?\1", "", line) if spans else line)
    return out


def slug(text):
    text = re.sub(r"<[^>]+>", "", text)              # inline HTML
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links keep their text
    text = text.replace("`", "").strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)             # GitHub keeps letters, digits, '_', '-', spaces
    return text.replace(" ", "-")


def anchors(path, cache={}):
    if path not in cache:
        found, seen = set(), {}
        for line in strip_code(path.read_text(encoding="utf-8").splitlines(), spans=False):
            m = HEADING.match(line)
            if m:
                base = slug(m.group(2))
                n = seen.get(base, 0)
                seen[base] = n + 1
                found.add(base if n == 0 else f"{base}-{n}")
            found.update(HTML_ANCHOR.findall(line))
        cache[path] = found
    return cache[path]


def check_file(repo, md):
    problems = []
    lines = strip_code(md.read_text(encoding="utf-8").splitlines())
    for number, line in enumerate(lines, 1):
        targets = INLINE_LINK.findall(line)
        m = REFERENCE_DEF.match(line)
        if m:
            targets.append(m.group(1))
        for target in targets:
            why = check_target(repo, md, target)
            if why:
                problems.append(f"{md.relative_to(repo)}:{number}: link {target!r}: {why}")
    return problems


def check_target(repo, md, target):
    if not target:
        return "empty link"
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target):
        return "points outside the repository (the documentation is read offline)"
    if target.startswith("/"):
        return "absolute path (use a path relative to the file)"
    path_part, _, anchor = target.partition("#")
    dest = (md.parent / path_part).resolve() if path_part else md.resolve()
    try:
        dest.relative_to(repo.resolve())
    except ValueError:
        return "points outside the repository"
    if not dest.exists():
        return "no such file"
    if anchor:
        if dest.is_dir() or dest.suffix.lower() != ".md":
            return "anchor on a file that is not Markdown"
        if anchor not in anchors(dest):
            return f"no heading makes the anchor #{anchor} in {dest.relative_to(repo.resolve())}"
    return None


def self_test():
    with tempfile.TemporaryDirectory() as tmp:
        repo = pathlib.Path(tmp)
        (repo / "docs").mkdir()
        (repo / "docs" / "a.md").write_text("# Top `code` title\n## Exit codes: 0, 1\n## Dup\n## Dup\n", "utf-8")
        good = ["docs/a.md", "docs/a.md#top-code-title", "docs/a.md#exit-codes-0-1", "docs/a.md#dup-1", "docs/"]
        bad = ["../x.md", "https://example.com", "/etc/passwd", "docs/b.md", "docs/a.md#nope", "mailto:x@y",
               "docs/../../x.md"]
        text = "".join(f"[l]({t})\n" for t in good + bad) + "```\n[no](../inside-code.md)\n```\n`[no](../span)`\n"
        (repo / "README.md").write_text(text, "utf-8")
        problems = check_file(repo, repo / "README.md")
        if len(problems) != len(bad):
            print("self-test failed: expected", len(bad), "problems, got:", *problems, sep="\n  ")
            return False
    return True


def main(argv):
    args = [a for a in argv[1:] if a != "--self-test"]
    if "--self-test" in argv and not self_test():
        return 1
    repo = pathlib.Path(args[0] if args else pathlib.Path(__file__).resolve().parents[2]).resolve()
    files = [repo / "README.md"] + sorted((repo / "docs").glob("*.md"))
    problems, links = [], 0
    for md in files:
        if not md.exists():
            problems.append(f"{md.relative_to(repo)}: missing")
            continue
        problems += check_file(repo, md)
        links += sum(len(INLINE_LINK.findall(l)) for l in strip_code(md.read_text("utf-8").splitlines()))
    for p in problems:
        print(p)
    print(f"{len(files)} files, {links} links, {len(problems)} bad")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
