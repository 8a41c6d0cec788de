"""`studio` command line: the window by default, or the same show headless."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import logging
import signal
import sys
from typing import TYPE_CHECKING

from .config import ConfigError, StudioConfig

if TYPE_CHECKING:
    from .show import Studio

log = logging.getLogger("studio")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="studio", description="Host Studio: live commerce streaming.")
    parser.add_argument("--headless", action="store_true", help="run the show with no window")
    parser.add_argument("--config", help="TOML or JSON file of settings (see docs)")
    parser.add_argument("--source", choices=["testcard", "camera", "file", "image"], help="video source")
    parser.add_argument("--camera", type=int, help="camera device index")
    parser.add_argument("--file", help="media file or image path for --source file/image")
    parser.add_argument("--audio", choices=["tone", "microphone", "file", "none"],
                        help="audio source (file: the audio of --file)")
    parser.add_argument("--mic", help="microphone device index or name")
    parser.add_argument("--orientation", choices=["landscape", "portrait"])
    parser.add_argument("--fps", type=float)
    parser.add_argument("--bitrate", type=int, help="video bitrate in bit/s")
    parser.add_argument("--host", help="address to bind (default 127.0.0.1; 0.0.0.0 exposes the show)")
    parser.add_argument("--port", type=int, help="embedded server port (default 8080)")
    parser.add_argument("--mirror", action="store_true", help="add the mirror filter")
    parser.add_argument("--safe-mode", action="store_true", help="start with no third-party plugins")
    parser.add_argument("--event-log", help="the show's event log (SQLite); a restart with the same file "
                                            "picks the show up where it was")
    parser.add_argument("--join", metavar="LINK", help="join a host's show as a co-host guest through their invite "
                                                       "link (http://HOST:PORT/join/…); your own camera, mic and "
                                                       "filters; the embedded server takes a free port")
    parser.add_argument("--name", default="", help="with --join: the name the host sees")
    parser.add_argument("--duration", type=float, help="headless: stop after this many seconds")
    parser.add_argument("--stats-interval", type=float, default=5.0, help="headless: seconds between stats")
    parser.add_argument("-v", "--verbose", action="store_true")
    return parser


def config_from_args(args: argparse.Namespace) -> StudioConfig:
    config = StudioConfig.load(args.config) if args.config else StudioConfig()
    data = config.to_dict()
    if args.source:
        data["video_source"] = args.source
        data["video_options"] = {}
    if args.camera is not None:
        data["video_options"]["index"] = args.camera
    if args.file:
        data["video_options"]["path"] = args.file
    if args.audio:
        data["audio_source"] = args.audio
        data["audio_options"] = {}
    if data["audio_source"] == "file" and args.file:
        data["audio_options"]["path"] = args.file
    if args.mic is not None:
        data["audio_options"]["device"] = int(args.mic) if args.mic.isdigit() else args.mic
    for flag, key in (("orientation", "orientation"), ("fps", "fps"), ("bitrate", "video_bitrate"),
                      ("host", "host"), ("port", "port")):
        if getattr(args, flag) is not None:
            data[key] = getattr(args, flag)
    if args.safe_mode:
        data["safe_mode"] = True
    if args.event_log:
        data["event_log"] = args.event_log
    if args.mirror and not any(f.get("name") == "mirror" for f in data["filters"]):
        data["filters"].append({"name": "mirror"})
    if args.join and args.port is None:
        data["port"] = 0  # a guest must not take the port of a host on the same machine
    return StudioConfig.from_dict(data)


async def run_headless(config: StudioConfig, duration: float | None, stats_interval: float,
                       join: str | None = None, name: str = "") -> None:
    from .registry import RegistryError
    from .show import Studio

    try:
        studio = Studio(config)
    except RegistryError as exc:
        raise ConfigError("config.bad_value", problem=exc) from exc
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await studio.start()
    except OSError as exc:
        await studio.close()
        raise ConfigError("config.cannot_serve", host=config.host, port=config.port, problem=exc.strerror) from exc
    if join is not None:
        await run_guest(studio, join, name, stop, duration, stats_interval)
        return
    await studio.go_live()
    print(f"Host Studio live: open {studio.viewer_url}", flush=True)
    started = loop.time()
    try:
        while not stop.is_set():
            timeout = stats_interval
            if duration is not None:
                timeout = min(timeout, max(0.0, duration - (loop.time() - started)))
            try:
                await asyncio.wait_for(stop.wait(), timeout)
            except TimeoutError:
                print(json.dumps(studio.stats(), ensure_ascii=False), flush=True)
            if duration is not None and loop.time() - started >= duration:
                break
    finally:
        await studio.close()


async def run_guest(studio: Studio, link: str, name: str, stop: asyncio.Event, duration: float | None,
                    stats_interval: float) -> None:
    """A started studio on another host's show as a guest (not live to its own viewers): a line
    whenever where it stands changes, its status as JSON every ``stats_interval``; it leaves on
    Ctrl+C or after ``duration``. JoinError if the link does not open."""
    from .guests.join import JoinedCall, JoinError

    loop = asyncio.get_running_loop()
    try:
        call = JoinedCall(studio, link, name)
    except JoinError:
        await studio.close()
        raise
    said = ""  # the last line printed of where the guest stands
    try:
        print(f"Host Studio guest: joining {call.base} as {name or 'the name on the invite'}", flush=True)
        joining, stopped = asyncio.ensure_future(call.join()), asyncio.ensure_future(stop.wait())
        await asyncio.wait({joining, stopped}, return_when=asyncio.FIRST_COMPLETED)
        stopped.cancel()
        if not joining.done():  # Ctrl+C while connecting: leave() below stops what was started
            joining.cancel()
            await asyncio.gather(joining, return_exceptions=True)
            return
        joining.result()  # JoinRefused / JoinError: main() says why
        started = next_stats = loop.time()
        while not stop.is_set() and not call.ended.is_set():
            if call.describe() != said:
                said = call.describe()
                print(f"guest: {said}", flush=True)
            if loop.time() >= next_stats + stats_interval:
                next_stats = loop.time()
                print(json.dumps(call.status(), ensure_ascii=False), flush=True)
            if duration is not None and loop.time() - started >= duration:
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 0.25)
    finally:
        await call.leave()
        if said and call.describe() != said:
            print(f"guest: {call.describe()}", flush=True)
        await studio.close()


def plugin_command(argv: list[str]) -> int:
    from pathlib import Path

    from .scaffold import new_plugin

    parser = argparse.ArgumentParser(prog="studio plugin", description="Plugin developer tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    new = sub.add_parser("new", help="scaffold an installable plugin with a filter and a test")
    new.add_argument("name", help="plugin name, e.g. shop-logo")
    new.add_argument("--dir", default=".", help="where to create it (default: here)")
    args = parser.parse_args(argv)
    try:
        root = new_plugin(args.name, Path(args.dir))
    except (ValueError, FileExistsError) as exc:
        print(f"studio plugin: {exc}", file=sys.stderr)
        return 2
    print(f"created {root}\nnext: pip install -e {root} && pytest {root}/tests")
    return 0


def verify_lottery_command(argv: list[str]) -> int:
    from pathlib import Path

    from .commerce.lottery import VerificationError, verify

    parser = argparse.ArgumentParser(prog="studio verify-lottery",
                                     description="Recompute a lottery draw from its published record alone.")
    parser.add_argument("record", help="the published record (JSON file, or - for standard input)")
    args = parser.parse_args(argv)
    try:
        text = sys.stdin.read() if args.record == "-" else Path(args.record).read_text(encoding="utf-8")
        winners = verify(json.loads(text))
    except (OSError, json.JSONDecodeError) as exc:
        print(f"studio verify-lottery: cannot read the record: {exc}", file=sys.stderr)
        return 2
    except VerificationError as exc:
        print(f"NOT VERIFIED: {exc}", file=sys.stderr)
        return 1
    print("verified: winners " + ", ".join(winners) if winners else "verified: no entrants, no winners")
    return 0


def desktop_entry_command(argv: list[str]) -> int:
    from . import desktop_entry

    parser = argparse.ArgumentParser(prog="studio desktop-entry",
                                     description="Put Host Studio in the desktop's application menu, or take it out.")
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--install", action="store_true", help="add the menu entry and its icon for this user")
    action.add_argument("--remove", action="store_true", help="remove them")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    try:
        paths = desktop_entry.install() if args.install else desktop_entry.remove()
    except OSError as exc:
        print(f"studio desktop-entry: {exc}", file=sys.stderr)
        return 2
    if not args.quiet:
        verb = "installed" if args.install else "removed"
        print("\n".join(f"{verb} {path}" for path in paths) or "nothing to remove")
    return 0


def export_show_command(argv: list[str]) -> int:
    from pathlib import Path

    from .eventlog import EventLog, export_csv, export_json

    parser = argparse.ArgumentParser(prog="studio export-show", description="Export a show's event log.")
    parser.add_argument("log", help="the show's event log (SQLite file)")
    parser.add_argument("--format", choices=["json", "csv"], default="json")
    parser.add_argument("--out", help="file to write (default: standard output)")
    args = parser.parse_args(argv)
    path = Path(args.log)
    if not path.is_file():
        print(f"studio export-show: no event log at {path}", file=sys.stderr)
        return 2
    log_ = EventLog(path)
    try:
        out = open(args.out, "w", encoding="utf-8", newline="") if args.out else sys.stdout  # noqa: SIM115
        try:
            count = (export_json if args.format == "json" else export_csv)(log_, out)
        finally:
            if args.out:
                out.close()
    except OSError as exc:
        print(f"studio export-show: {exc}", file=sys.stderr)
        return 2
    finally:
        log_.close()
    print(f"exported {count} events", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["plugin"]:
        return plugin_command(argv[1:])
    if argv[:1] == ["verify-lottery"]:
        return verify_lottery_command(argv[1:])
    if argv[:1] == ["export-show"]:
        return export_show_command(argv[1:])
    if argv[:1] == ["desktop-entry"]:
        return desktop_entry_command(argv[1:])
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        config = config_from_args(args)
    except ConfigError as exc:
        print(f"studio: {exc}", file=sys.stderr)
        return 2
    from .guests.join import JoinError, parse_link

    if args.join:
        try:
            parse_link(args.join)  # a link of the wrong shape is told before anything starts
        except JoinError as exc:
            print(f"studio: {exc}", file=sys.stderr)
            return 2
    if args.headless:
        try:
            asyncio.run(run_headless(config, args.duration, args.stats_interval, args.join, args.name))
        except ConfigError as exc:
            print(f"studio: {exc}", file=sys.stderr)
            return 2
        except JoinError as exc:  # only with --join: the link was refused, or the host is out of reach
            print(f"studio: {exc}", file=sys.stderr)
            return 2
        return 0
    from ui.app import run_window

    return run_window(config, args.join, args.name)


if __name__ == "__main__":
    sys.exit(main())
