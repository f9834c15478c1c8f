"""Artifacts: render the session to markdown with jinja2 templates, and parse markdown back into a session.

Templates ship in ``milestone_tui/templates`` and can be overridden per repository in
``<root>/.milestone-tui/templates/`` (same file names; ``docs/templates.md`` lists the variables). User text
is data, never template source: it only ever reaches a template as a variable, and every template, shipped or
not, renders in jinja2's sandbox. Escaping user text (so ``## Users`` typed in an answer stays an answer)
lives in :mod:`milestone_tui.core.artifacts.markdown`; parsing lives in
:mod:`milestone_tui.core.artifacts.parse`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment

from milestone_tui.core import planning as planmod
from milestone_tui.core import secrets
from milestone_tui.core.artifacts import markdown as mdtext
from milestone_tui.core.artifacts.parse import GOAL_EXTRA, NO_ISSUES, split_frontmatter
from milestone_tui.core.artifacts.sandbox import FolderLoader, freeze, template_line
from milestone_tui.core.layout import EPIC_FILE, PLAN_FILE, SPEC_FILE
from milestone_tui.core.model import Issue, Session
from milestone_tui.core.phases import Phase
from milestone_tui.errors import ArtifactError

MILESTONES_DIR = "docs/03-build-notes/milestones"
SHIPPED_TEMPLATES = Path(__file__).parent / "templates"

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def frontmatter(session: Session, issue: Issue) -> str:
    """The issue's YAML frontmatter (without the ``---`` lines); safe_dump keeps it valid for any text."""
    data = {
        "id": f"{session.milestone_id}-{issue.key}",
        "number": issue.number,
        "title": issue.title,
        "slug": issue.slug,
        "milestone": session.display_id,
        "phase": issue.phase,
        "depends_on": list(issue.depends_on),
        "labels": list(issue.labels),
        "github_issue": issue.github_issue,
    }
    if issue.source:  # only when the proposer recorded one, so older specs render unchanged
        data["source"] = issue.source
    # only when set, so the files of milestones never synced (or synced before ids were kept) do not change
    if issue.github_id is not None:
        data["github_id"] = issue.github_id
    if issue.issue_type:
        data["type"] = issue.issue_type
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=None,
                     width=4096)


class Renderer:
    """Renders artifacts; ``templates_dir`` holds user overrides (optional). One environment per renderer and
    compiled templates cached, so rendering a 100-issue milestone takes milliseconds."""

    def __init__(self, templates_dir: Path | None = None) -> None:
        self.templates_dir = templates_dir
        shipped = jinja2.FileSystemLoader(str(SHIPPED_TEMPLATES))
        loader: jinja2.BaseLoader = shipped
        if templates_dir is not None:  # an override wins; a name it lacks falls back to the shipped one
            loader = jinja2.ChoiceLoader([FolderLoader(templates_dir), shipped])
        # the folders whose files are templates: a runtime error is reported at its line in one of them
        self._folders = tuple(p.absolute() for p in (templates_dir, SHIPPED_TEMPLATES) if p is not None)
        self.env = ImmutableSandboxedEnvironment(
            loader=loader,
            autoescape=False,  # markdown, not HTML
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            auto_reload=False,
        )
        self.env.filters.update(
            block=mdtext.escape_block,
            goal=lambda text: mdtext.escape_block(text, GOAL_EXTRA, placeholder=None),
            item=mdtext.escape_item,
            line=mdtext.one_line,
            code=mdtext.code_span,
            cell=mdtext.table_cell,
        )
        # ``x is answered``: the text a block would show is not empty (what a written file leaves out).
        self.env.tests["answered"] = lambda text: bool(mdtext.normalize_block(str(text)))
        self._templates: dict[str, jinja2.Template] = {}

    # -- plumbing --------------------------------------------------------------------------------------------
    def _render(self, name: str, **context: Any) -> str:
        try:
            template = self._templates.get(name)
            if template is None:
                template = self._templates[name] = self.env.get_template(name)
            # A read-only view: a template can neither change the session nor call its methods.
            text = template.render(**{key: freeze(value) for key, value in context.items()})
        except ArtifactError:
            raise  # a refused template file: already one line
        except jinja2.TemplateNotFound as exc:
            raise ArtifactError(f"template not found: {exc.name}") from None
        except jinja2.TemplateSyntaxError as exc:
            where = Path(exc.filename).name if exc.filename else name
            raise ArtifactError(f"template {where}, line {exc.lineno}: {exc.message}") from None
        except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError, LookupError,
                AttributeError, RecursionError) as exc:  # undefined variables, sandbox refusals, bad filters
            found = template_line(exc, self._folders)
            where = f"{found[0]}, line {found[1]}" if found else name
            detail = " ".join(str(exc).split()) or type(exc).__name__
            raise ArtifactError(f"template {where}: {secrets.scrub(detail)[:300]}") from None
        if secrets.leaked(text):  # the last line of defence: never write or send a token
            raise ArtifactError(f"template {name}: the rendered text contains the GitHub token; refusing to "
                                "write or send it (check the template and the answers)")
        return text

    def _base(self, session: Session, preview: bool = False) -> dict[str, Any]:
        rm = session.roadmap
        milestone = {
            "id": session.display_id,
            "key": session.milestone_id,
            "title": session.title,
            "display_title": session.milestone_title,
            "scope": list(rm.scope) if rm else [],
            "dependencies": list(rm.dependencies) if rm else [],
            "description": rm.description if rm else "",
            "fields": dict(rm.fields) if rm else {},
            "folder": f"{MILESTONES_DIR}/{session.milestone_id}",
        }
        # ``preview``: the live preview, where an unanswered section stays as an aid ("_Not answered yet._");
        # the written files and GitHub bodies leave it out.
        return {"session": session, "milestone": milestone, "placeholder": mdtext.PLACEHOLDER,
                "preview": preview}

    @staticmethod
    def _issue_row(issue: Issue) -> dict[str, Any]:
        return {"number": issue.number, "key": issue.key, "title": issue.title, "filename": issue.filename,
                "github_issue": issue.github_issue, "phase": issue.phase, "labels": list(issue.labels),
                "depends_on": list(issue.depends_on),
                "deps": ", ".join(f"#{n:02d}" for n in issue.depends_on)}

    # -- the artifacts ---------------------------------------------------------------------------------------
    def epic(self, session: Session, preview: bool = False) -> str:
        return self._render("epic.md.j2", **self._base(session, preview), epic=session.epic)

    def spec(self, session: Session, preview: bool = False) -> str:
        return self._render("spec.md.j2", **self._base(session, preview), spec=session.spec)

    def issue(self, session: Session, issue: Issue, github: bool = False,
              index: dict[int, Issue] | None = None, preview: bool = False) -> str:
        """One ``NN-slug.md``; ``github`` renders the flavour for a GitHub body (real #numbers)."""
        index = index if index is not None else {i.number: i for i in session.issues}
        deps = []
        for number in issue.depends_on:
            dep = index.get(number)
            gh = dep.github_issue if dep else None
            # on GitHub "#02" would link an unrelated issue: there only real numbers get a "#"
            ref = (f"#{gh}" if gh else f"{number:02d}") if github else f"#{number:02d}"
            deps.append({"number": number, "key": f"{number:02d}", "ref": ref, "github_issue": gh,
                         "pending": github and not gh, "title": dep.title if dep else ""})
        phases = session.plan.phases
        phase = phases[issue.phase - 1] if issue.phase and issue.phase <= len(phases) else None
        acceptance = [s for s in (mdtext.normalize_item(a) for a in issue.acceptance) if s]
        return self._render("issue.md.j2", **self._base(session, preview), issue=issue, github=github,
                            frontmatter=frontmatter(session, issue), acceptance=acceptance,
                            dependencies=deps, phase=phase)

    def plan(self, session: Session, preview: bool = False) -> str:
        phases = []
        count = len(session.plan.phases)
        for n, phase in enumerate(session.plan.phases, start=1):
            phases.append({"number": n, "name": phase.name, "goal": phase.goal,
                           "issues": [self._issue_row(i) for i in session.issues if i.phase == n]})
        unassigned = [self._issue_row(i) for i in session.issues if not i.phase or i.phase > count]
        graph = planmod.mermaid(session)
        longest = max((len(r) for r in re.findall(r"`{3,}", graph)), default=0)
        tags = [t for t in (mdtext.one_line(t) for t in session.plan.scope_tags) if t]
        return self._render("plan.md.j2", **self._base(session, preview), plan=session.plan, phases=phases,
                            unassigned=unassigned, issues=[self._issue_row(i) for i in session.issues],
                            branch=mdtext.one_line(session.plan.branch), scope_tags=tags,
                            problems=planmod.dependency_problems(session), mermaid=graph.strip("\n"),
                            fence="`" * max(3, longest + 1), no_issues=NO_ISSUES)

    def breakdown(self, session: Session) -> str:
        """The breakdown preview (not a file): numbered list/table of the proposed issues."""
        return self._render("breakdown.md.j2", **self._base(session),
                            issues=[self._issue_row(i) for i in session.issues])

    def github(self, session: Session) -> str:
        """The GitHub preview: milestone, labels, and each issue with its number or ``new``."""
        labels = planmod.milestone_labels(session)  # the names the sync ensures before creating issues
        return self._render("github.md.j2", **self._base(session), github=session.github, labels=labels,
                            issues=[self._issue_row(i) for i in session.issues])

    def summary(self, session: Session) -> str:
        """The summary preview: artifacts (written or still to come) and the next steps."""
        wanted = [(EPIC_FILE, Phase.EPIC), (SPEC_FILE, Phase.SPEC)]
        wanted += [(i.filename, Phase.ISSUES) for i in session.issues]
        wanted.append((PLAN_FILE, Phase.PLAN))
        artifacts = [{"name": name, "done": session.is_done(phase)} for name, phase in wanted]
        numbers = sorted(i.github_issue for i in session.issues if i.github_issue)
        return self._render("summary.md.j2", **self._base(session), artifacts=artifacts, plan=session.plan,
                            github=session.github, github_numbers=numbers,
                            branch=mdtext.one_line(session.plan.branch))

    def preview(self, session: Session, phase: Phase, issue_number: int | None = None) -> str:
        """What the live preview shows for a phase (epic, spec, breakdown, one issue, plan, github,
        summary)."""
        if phase is Phase.EPIC:
            return self.epic(session, preview=True)
        if phase is Phase.SPEC:
            return self.spec(session, preview=True)
        if phase is Phase.BREAKDOWN:
            return self.breakdown(session)
        if phase is Phase.ISSUES:
            if not session.issues:
                return "_No issues yet: confirm a breakdown first._\n"
            chosen = next((i for i in session.issues if i.number == issue_number), session.issues[0])
            return self.issue(session, chosen, preview=True)
        if phase is Phase.PLAN:
            return self.plan(session, preview=True)
        if phase is Phase.GITHUB:
            return self.github(session)
        return self.summary(session)

    def all(self, session: Session) -> dict[str, str]:
        """filename -> text for every artifact whose phase is done (epic, spec, issues, plan)."""
        files: dict[str, str] = {}
        if session.is_done(Phase.EPIC):
            files[EPIC_FILE] = self.epic(session)
        if session.is_done(Phase.SPEC):
            files[SPEC_FILE] = self.spec(session)
        if session.is_done(Phase.ISSUES):
            index = {i.number: i for i in session.issues}
            for issue in session.issues:
                files[issue.filename] = self.issue(session, issue, index=index)
        if session.is_done(Phase.PLAN):
            files[PLAN_FILE] = self.plan(session)
        return files


def marker(session: Session, issue: Issue, repo: str | None = None) -> str:
    """The hidden marker in a GitHub issue body: ``<!-- milestone-tui:m5/01 octo-org/detections -->``; the
    repository (the sync's, else the session's) makes an issue copied or transferred from another repository
    not ours. Without any repository: ``<!-- milestone-tui:m5/01 -->`` (the marker of older versions)."""
    repo = repo or session.github.repo
    where = f" {repo.lower()}" if repo else ""
    return f"<!-- milestone-tui:{session.milestone_id}/{issue.key}{where} -->"


def strip_frontmatter(text: str) -> str:
    """The text after a leading ``---`` YAML block (unchanged when there is none)."""
    return split_frontmatter(text)[1]


def github_body(session: Session, issue: Issue, renderer: Renderer | None = None,
                repo: str | None = None) -> str:
    """The GitHub issue body: the issue spec without frontmatter, dependencies as real #numbers, the
    marker (naming ``repo``, the repository synced to)."""
    text = strip_frontmatter((renderer or Renderer()).issue(session, issue, github=True)).lstrip("\n")
    lines = text.split("\n")
    if lines and lines[0].startswith("# "):  # GitHub shows the title itself
        text = "\n".join(lines[1:]).lstrip("\n")
    return f"{text.rstrip()}\n\n{marker(session, issue, repo)}\n"
