"""`draft-agreement rules list|show|test`: the clause library, and a firm's own packs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from draft_agreement.cli.common import RulesOption, fail, guarded

rules_app = typer.Typer(help="List, show and test the clause library's rules.", no_args_is_help=True)


def _engines(extra: list[Path]) -> list[tuple[str, object]]:
    from draft_agreement.reviewing.engine import Engine

    return [(code, Engine.from_packs(extra, code)) for code in ("zh", "en")]


@rules_app.command("list")
def rules_list(rules: RulesOption = None) -> None:
    """Every rule: id, category, severity, title."""
    with guarded("rules"):
        for code, engine in _engines(rules or []):
            for rule in engine.rules():  # type: ignore[attr-defined]
                typer.echo(
                    f"{rule.id}\t{rule.category}\t{rule.severity}\t{rule.title.get(code) or rule.title['zh']}"
                )


@rules_app.command("show")
def rules_show(rule_id: Annotated[str, typer.Argument()], rules: RulesOption = None) -> None:
    """One rule in full: explanation, legal basis with the articles' text, examples."""
    with guarded("rules"):
        for code, engine in _engines(rules or []):
            for rule in engine.rules():  # type: ignore[attr-defined]
                if rule.id != rule_id:
                    continue
                typer.echo(f"{rule.id} [{rule.category}, {rule.severity}] ({rule.path})")
                typer.echo(rule.title.get(code) or rule.title["zh"])
                typer.echo(rule.explanation.get(code) or rule.explanation["zh"])
                for ref in rule.legal_basis:
                    c = engine.legal.cite(ref)  # type: ignore[attr-defined]
                    typer.echo(f"  {c.law} {c.article}: {c.quote}")
                for kind, examples in (("+", rule.positive), ("-", rule.negative)):
                    for example in examples:
                        typer.echo(f"  {kind} {example.text}")
                return
        fail(f"no rule with id {rule_id}")


@rules_app.command("test")
def rules_test(
    pack: Annotated[Path | None, typer.Argument(help="A rule pack to test (default: all packs).")] = None,
) -> None:
    """Run every example of every rule (or of one pack) and report failures; exit 1 if any fail."""
    with guarded(str(pack or "rules")):
        from draft_agreement.reviewing.examples import run_examples

        failures = total = 0
        for _code, engine in _engines([pack] if pack else []):
            chosen = [r for r in engine.rules() if pack is None or Path(r.path).resolve() == pack.resolve()]  # type: ignore[attr-defined]
            for result in run_examples(engine, chosen):  # type: ignore[arg-type]
                total += 1
                if not result.ok:
                    failures += 1
                    typer.echo(f"FAIL {result.rule} {result.kind}[{result.index}]: {result.detail}")
        typer.echo(f"{total - failures} passed, {failures} failed")
        if failures:
            raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the `rules` group to the command line."""
    app.add_typer(rules_app, name="rules")
