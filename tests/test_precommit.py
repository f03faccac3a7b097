"""The pre-commit hooks, run by the real pre-commit (from PyPI) in a
temporary git repository: a commit adding seed 000 is refused with the
findings, a commit adding a native seed goes through.

pre-commit installs mtlint into its own virtualenv from a snapshot of this
working tree (tracked and new files, as ``git ls-files`` sees them), with
its dependencies from PyPI: about a minute the first time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINI_GLOSSARY, NATIVE_SEEDS, ROOT, SEED_000

pytestmark = pytest.mark.slow

TIMEOUT = 300


def run(args, cwd, env, check=True):
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, args))} failed ({result.returncode}):\n"
                             f"{result.stdout}\n{result.stderr}")
    return result


def _pre_commit() -> list[str]:
    exe = Path(sys.executable).with_name("pre-commit")
    if exe.exists():
        return [str(exe)]
    return [sys.executable, "-m", "pre_commit"]


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    gitconfig = home / ".gitconfig"
    gitconfig.write_text("[user]\n\tname = mtlint test\n\temail = test@example.invalid\n"
                         "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n", encoding="utf-8")
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    environment.update({
        "GIT_CONFIG_GLOBAL": str(gitconfig), "GIT_CONFIG_NOSYSTEM": "1",
        "PRE_COMMIT_HOME": str(home / "pre-commit-cache"),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    })
    return environment


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory, env):
    """A commit of this working tree, for `repo:` to point at."""
    if shutil.which("git") is None:
        pytest.fail("git is needed to test the pre-commit hook")
    listed = run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], ROOT, env).stdout
    snapshot = tmp_path_factory.mktemp("mtlint-repo")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            target = snapshot / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    run(["git", "init", "-q"], snapshot, env)
    run(["git", "add", "-A"], snapshot, env)
    run(["git", "commit", "-q", "-m", "snapshot"], snapshot, env)
    rev = run(["git", "rev-parse", "HEAD"], snapshot, env).stdout.strip()
    return snapshot, rev


@pytest.fixture(scope="module")
def project(tmp_path_factory, env, hook_repo):
    """A team's repository using the hook, configured by .mtlint.toml."""
    snapshot, rev = hook_repo
    work = tmp_path_factory.mktemp("team-repo")
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n"
        f"  - repo: {snapshot.as_posix()}\n"
        f"    rev: {rev}\n"
        f"    hooks:\n"
        f"      - id: mtlint\n"
        f"      - id: mtlint-all\n"
        f"        stages: [manual]\n", encoding="utf-8")
    (work / "terms").mkdir()
    shutil.copyfile(MINI_GLOSSARY, work / "terms" / "mini.yaml")
    (work / ".mtlint.toml").write_text(
        'default-glossary = false\nglossaries = ["terms/mini.yaml"]\nexclude = ["terms/"]\n', encoding="utf-8")
    run(["git", "init", "-q"], work, env)
    run(["git", "add", "-A"], work, env)
    run(["git", "commit", "-q", "-m", "set up"], work, env)
    run([*_pre_commit(), "install"], work, env)
    return work


def test_commit_adding_seed_000_is_refused_with_the_findings(project, env):
    docs = project / "docs"
    docs.mkdir(exist_ok=True)
    shutil.copyfile(SEED_000, docs / "forum.txt")
    run(["git", "add", "docs/forum.txt"], project, env)
    result = run(["git", "commit", "-m", "add machine translation"], project, env, check=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "mtlint (translation consistency)" in output and "Failed" in output
    assert "docs/forum.txt:22:464: error [term-variant] 'Sơn Ma'" in output
    assert "docs/forum.txt:232:8: error [term-variant] 'Công ty B'" in output
    # nothing was committed
    log = run(["git", "log", "--oneline"], project, env).stdout
    assert "add machine translation" not in log
    run(["git", "rm", "-q", "--cached", "docs/forum.txt"], project, env)
    (docs / "forum.txt").unlink()


def test_commit_adding_a_native_seed_passes(project, env):
    docs = project / "docs"
    docs.mkdir(exist_ok=True)
    for seed in NATIVE_SEEDS:
        shutil.copyfile(seed, docs / seed.name)
    (docs / "notes.py").write_text("PLACE = 'tỉnh Sơn Ma'\n", encoding="utf-8")  # not a hooked type
    run(["git", "add", "docs"], project, env)
    result = run(["git", "commit", "-m", "add native text"], project, env, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "mtlint (translation consistency)" in output and "Passed" in output


def test_second_hook_lints_the_configured_set(project, env):
    """mtlint-all (pass_filenames: false) lints every file under the
    configuration's folder, not only the changed ones."""
    docs = project / "docs"
    docs.mkdir(exist_ok=True)
    if not (docs / NATIVE_SEEDS[0].name).exists():  # a tracked text file, so the hook runs at all
        shutil.copyfile(NATIVE_SEEDS[0], docs / NATIVE_SEEDS[0].name)
        run(["git", "add", "docs"], project, env)
        run(["git", "commit", "-q", "--no-verify", "-m", "native text"], project, env)
    manual = [*_pre_commit(), "run", "--hook-stage", "manual", "mtlint-all", "--all-files"]
    clean = run(manual, project, env, check=False)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    # an untracked machine translation in the configured folder is still seen
    shutil.copyfile(SEED_000, project / "docs" / "draft.txt")
    try:
        dirty = run(manual, project, env, check=False)
    finally:
        (project / "docs" / "draft.txt").unlink()
    assert dirty.returncode != 0
    assert "docs/draft.txt:22:464: error [term-variant]" in dirty.stdout + dirty.stderr
