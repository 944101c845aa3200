"""The `kyoso` command as other tools use it: JSON contract, exit codes, CSV, languages."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import textwrap

import pytest

from tests.integration.dns_server import LoopbackDns

CONTRACT_KEYS = {"input", "address", "verdict", "category", "organization", "reasons",
                 "warnings", "suggestions", "online"}


def kyoso(*args: str, stdin: bytes | None = None, env: dict | None = None):
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "kyoso_desktop", *args], input=stdin,
                          capture_output=True, timeout=60, env=full_env)


def test_json_contract_and_exit_status():
    run = kyoso("check-email", "--json", "--offline", "taro@city.hakodate.lg.jp",
                "taro@city.yokohama.jp")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert [set(item) for item in data] == [CONTRACT_KEYS] * 2
    assert data[0]["organization"] == {"code": "012025", "name": "函館市", "prefecture": "北海道"}
    assert [d["verdict"] for d in data] == ["accepted", "accepted"]  # 地域型: since 2025-06-18
    assert all(d["online"] is None for d in data)
    assert set(data[0]["reasons"][0]) == {"code", "message"}


def test_rejected_gives_exit_1_and_english_on_request():
    run = kyoso("check-email", "--json", "--offline", "--lang", "en", "taro@gmail.com",
                "taro@city.hakodate.lg.jo")
    assert run.returncode == 1
    data = json.loads(run.stdout)
    assert data[0]["reasons"][0]["code"] == "free_mail"
    assert "personal" in data[0]["reasons"][0]["message"]
    assert data[1]["suggestions"] == ["taro@city.hakodate.lg.jp"]


def test_text_output_in_japanese_by_default():
    run = kyoso("check-email", "--offline", "taro@city.hakodate.lg.jo")
    text = run.stdout.decode("utf-8")
    assert run.returncode == 1 and "登録できません" in text and "もしかして" in text


@pytest.mark.parametrize("args", [
    ("check-email",), ("check-email", "--org", "123456", "a@b.lg.jp"),
    ("check-email", "--csv", "missing.csv"), ("check-email", "--bogus"), ("nonsense",),
    ("check-email", "--column", "x", "a@b.lg.jp"),
])
def test_usage_errors_exit_2_without_traceback(args):
    run = kyoso(*args)
    assert run.returncode == 2
    assert b"Traceback" not in run.stderr and run.stderr


def test_help_follows_language():
    ja = kyoso("--help", env={"LANG": "ja_JP.UTF-8"}).stdout.decode()
    en = kyoso("--help", env={"LANG": "en_US.UTF-8"}).stdout.decode()
    assert "使い方" in ja and "check-email" in ja
    assert "usage:" in en and "使い方" not in en
    assert "usage:" in kyoso("--lang", "en", "check-email", "--help").stdout.decode()


def test_version():
    from kyoso_desktop import __version__

    run = kyoso("--version")
    assert run.returncode == 0 and __version__ in run.stdout.decode()


def test_csv_batch_utf8_to_file(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("氏名,メールアドレス\n函館 太郎,taro@city.hakodate.lg.jp\n"
                      "山田 花子,hanako@gmail.com\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    run = kyoso("check-email", "--offline", "--csv", str(source), "--out", str(out))
    assert run.returncode == 1
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("氏名,メールアドレス,verdict,category")
    assert ",accepted,lg_jp," in lines[1] and ",rejected,free_mail," in lines[2]
    assert "2" in run.stderr.decode()


def test_an_unreadable_or_unwritable_csv_is_told_in_the_users_words(tmp_path):
    missing = kyoso("check-email", "--offline", "--lang", "ja", "--csv", str(tmp_path / "no.csv"))
    assert missing.returncode == 2
    assert "ファイルがない" in missing.stderr.decode() and "No such file" not in \
        missing.stderr.decode()
    source = tmp_path / "in.csv"
    source.write_text("taro@city.hakodate.lg.jp\n", encoding="utf-8")
    into_folder = kyoso("check-email", "--offline", "--lang", "en", "--csv", str(source),
                        "--out", str(tmp_path))
    assert into_folder.returncode == 2
    assert "a folder, not a file" in into_folder.stderr.decode()
    assert "Errno" not in into_folder.stderr.decode()


def test_csv_from_stdin_in_shift_jis_with_named_column():
    data = "番号,連絡先\n1,taro@pref.kanagawa.jp\n".encode("cp932")
    run = kyoso("check-email", "--offline", "--json", "--csv", "-", "--column", "連絡先",
                stdin=data)
    assert run.returncode == 0
    assert json.loads(run.stdout)[0]["verdict"] == "accepted"


def test_surrogates_from_the_command_line_stay_valid_json():
    run = subprocess.run(
        [sys.executable, "-c", "import sys; from kyoso_desktop.cli import main; "
         "sys.exit(main(['check-email', '--json', '--offline', 'ta\\udcffro@x.lg.jp']))"],
        capture_output=True, timeout=60)
    assert run.returncode == 1
    assert json.loads(run.stdout)[0]["input"] == "ta\udcffro@x.lg.jp"


def test_online_check_uses_the_configured_resolver():
    with LoopbackDns() as server:
        run = kyoso("check-email", "--json", "--dns-server", server.address,
                    "taro@city.hakodate.lg.jp", "taro@nullmx.lg.jp")
    data = json.loads(run.stdout)
    assert [d["online"] for d in data] == ["mx_found", "no_mx"]
    assert data[1]["verdict"] != "rejected"


AUDIT = textwrap.dedent("""
    import sys
    opened = []
    def hook(event, args):
        if event.startswith("socket.") and event != "socket.__new__" or event == "socket.__new__":
            if event.startswith("socket."):
                opened.append(event)
    sys.addaudithook(hook)
    from kyoso_desktop.cli import main
    status = main(sys.argv[1:])
    sys.stderr.write("SOCKET-EVENTS:" + ",".join(opened))
    sys.exit(status)
""")


def audited(*args: str, env: dict | None = None) -> tuple[int, str]:
    run = subprocess.run([sys.executable, "-c", AUDIT, *args], capture_output=True,
                         timeout=60, env={**os.environ, **(env or {})})
    return run.returncode, run.stderr.decode().rsplit("SOCKET-EVENTS:", 1)[1]


def test_offline_flag_opens_no_socket():
    status, events = audited("check-email", "--offline", "--json", "taro@city.hakodate.lg.jp",
                             "x@gmail.com", "taro@city.yokohama.jp")
    assert status == 1 and events == ""


def test_offline_setting_opens_no_socket(tmp_path):
    config = tmp_path / "cfg"
    config.mkdir()
    (config / "settings.json").write_text('{"format": 1, "offline": true}')
    status, events = audited("check-email", "taro@city.hakodate.lg.jp",
                             env={"KYOSO_CONFIG_DIR": str(config)})
    assert status == 0 and events == ""


def test_the_audit_hook_does_see_sockets():
    """Guard against a hook that can never fail: online mode does open sockets."""
    with LoopbackDns() as server:
        _status, events = audited("check-email", "--dns-server", server.address,
                                  "taro@city.hakodate.lg.jp")
    assert "socket" in events


def test_status_lists_recorded_applications(tmp_path):
    from datetime import date

    from kyoso_desktop.core.common.store import DocumentStore
    from kyoso_desktop.core.registration.flow import Draft
    from kyoso_desktop.core.registration.records import ApplicationStore

    data = tmp_path / "data"
    store = ApplicationStore(DocumentStore(data))
    store.add(Draft(eligibility="local_government", organization_code="012025",
                    family_name="函館", given_name="太郎"), date(2026, 11, 27),
              email="taro@city.hakodate.lg.jp", organization_name="北海道函館市")
    env = {"KYOSO_DATA_DIR": str(data)}
    run = kyoso("status", "--json", env=env)
    assert run.returncode == 0
    (item,) = json.loads(run.stdout)
    assert {"id", "created_at", "applied_at", "email", "organization_code", "name",
            "state"} <= set(item)
    from kyoso_desktop.core.common.policy import default_policy
    from kyoso_desktop.core.invitation.timeline import current_state

    expected_state = current_state(store.records()[0][0], date.today(), default_policy())
    assert (item["applied_at"], item["email"], item["name"], item["state"]) == (
        "2026-11-27", "taro@city.hakodate.lg.jp", "函館 太郎", expected_state)
    text = kyoso("status", env=env).stdout.decode()
    assert "2026年11月27日" in text and "状態" in text
    empty = kyoso("status", env={"KYOSO_DATA_DIR": str(tmp_path / "none")})
    assert "まだ申請の記録がありません" in empty.stdout.decode()


def test_check_invitation_contract_and_exit_codes(tmp_path):
    from tests import mailcorpus as corpus

    genuine, phish, junk = tmp_path / "a.eml", tmp_path / "b.eml", tmp_path / "c.eml"
    genuine.write_bytes(corpus.invitation())
    phish.write_bytes(corpus.phishing("reply_to"))
    junk.write_bytes(bytes(range(256)) * 10)
    run = kyoso("check-invitation", "--json", "--trusted-authserv", "mx.city.example.lg.jp",
                str(genuine))
    assert run.returncode == 0
    (item,) = json.loads(run.stdout)
    assert set(item) == {"file", "verdict", "sender", "subject", "received_at", "workspace",
                         "join_url", "reasons"}
    assert (item["verdict"], item["workspace"]) == ("genuine", "kyoso-pf")
    assert kyoso("check-invitation", str(genuine), str(phish)).returncode == 1
    assert kyoso("check-invitation", str(genuine), str(junk)).returncode == 4
    assert kyoso("check-invitation").returncode == 2
    chunks = kyoso("check-invitation", str(genuine)).stdout.decode()
    assert "http s:// join .sla" in chunks and "0 = ゼロ（数字）" in chunks
    text = kyoso("check-invitation", str(phish)).stdout.decode()
    assert "no-reply" not in text and "slack-support.example" in text


def test_status_actions(tmp_path):
    from datetime import date

    from kyoso_desktop.core.common.store import DocumentStore
    from kyoso_desktop.core.registration.flow import Draft
    from kyoso_desktop.core.registration.records import ApplicationStore

    data = tmp_path / "data"
    record = ApplicationStore(DocumentStore(data)).add(
        Draft(family_name="函館", given_name="太郎"), date(2026, 11, 20),
        email="taro@city.hakodate.lg.jp", organization_name="北海道函館市")
    env = {"KYOSO_DATA_DIR": str(data)}
    run = kyoso("status", "mark-applied", record.id[:6], "--date", "2026-11-24", "--json",
                env=env)
    assert run.returncode == 0 and json.loads(run.stdout)[0]["applied_at"] == "2026-11-24"
    item = json.loads(kyoso("status", "--json", env=env).stdout)[0]
    assert {"expected_by", "business_days_waited", "invitation", "next_step"} <= set(item)
    assert item["expected_by"] == "2026-11-27" and set(item["next_step"]) == {"code", "message"}
    assert kyoso("status", "mark-joined", record.id, env=env).returncode == 0
    refused = kyoso("status", "withdraw", record.id, env=env)
    assert refused.returncode == 2 and b"Traceback" not in refused.stderr
    assert kyoso("status", "withdraw", "nope", env=env).returncode == 2
    assert kyoso("status", "mark-joined", env=env).returncode == 2
    assert kyoso("status", "--date", "yesterday", env=env).returncode == 2


def test_managed_offline_opens_no_socket_and_a_broken_file_is_told(tmp_path):
    managed = tmp_path / "managed.toml"
    managed.write_text("offline = true\n", encoding="utf-8")
    status, events = audited("check-email", "taro@city.hakodate.lg.jp",
                             env={"KYOSO_MANAGED_CONFIG": str(managed)})
    assert status == 0 and events == ""
    refused = kyoso("diagnose", env={"KYOSO_MANAGED_CONFIG": str(managed)})
    assert refused.returncode == 2
    managed.write_text("offline = \n", encoding="utf-8")
    told = kyoso("check-email", "--offline", "taro@city.hakodate.lg.jp",
                 env={"KYOSO_MANAGED_CONFIG": str(managed)})
    assert told.returncode == 0 and f"{managed}:1" in told.stderr.decode()


def test_managed_organisation_code_is_the_default_org(tmp_path):
    managed = tmp_path / "managed.toml"
    managed.write_text('organization_code = "011002"\n', encoding="utf-8")
    run = kyoso("check-email", "--json", "--offline", "taro@city.hakodate.lg.jp",
                env={"KYOSO_MANAGED_CONFIG": str(managed)})
    codes = [w["code"] for w in json.loads(run.stdout)[0]["warnings"]]
    assert "organization_mismatch" in codes


def test_an_it_set_dns_server_that_is_not_an_address(tmp_path):
    """Reported as a problem of the IT file (with its line); the check runs without it and no
    option nobody typed is blamed."""
    managed = tmp_path / "managed.toml"
    managed.write_text('dns_server = "dns.city.example"\noffline = true\n', encoding="utf-8")
    run = kyoso("check-email", "taro@city.hakodate.lg.jp",
                env={"KYOSO_MANAGED_CONFIG": str(managed)})
    stderr = run.stderr.decode("utf-8")
    assert run.returncode == 0, stderr
    assert "managed.toml:1" in stderr and "dns.city.example" in stderr
    assert "--dns-server" not in stderr


def test_an_lgwan_side_resolver_gives_could_not_be_checked():
    with LoopbackDns(rcode="NXDOMAIN") as server:
        run = kyoso("check-email", "--json", "--dns-server", server.address,
                    "taro@city.sapporo.lg.jp", "x@gmail.com")
        text = kyoso("check-email", "--dns-server", server.address, "taro@city.sapporo.lg.jp")
    data = json.loads(run.stdout)
    assert [d["online"] for d in data] == ["dns_unavailable", "dns_unavailable"]
    assert not any(w["code"] == "no_internet_mail" for w in data[0]["warnings"])
    assert text.returncode == 0 and "このパソコンからは確認できません" in text.stdout.decode()


def test_implausible_dates_are_refused_and_never_poison_the_history(tmp_path):
    """--date 9999-12-31 used to make every later command exit 70; 0001-01-01 took 30 s."""
    import time

    data = tmp_path / "data"
    data.mkdir()
    env = {"KYOSO_DATA_DIR": str(data)}
    (data / "applications.json").write_text(json.dumps({"format": 1, "applications": [
        {"id": "a1", "email": "a@city.hakodate.lg.jp", "state": "applied",
         "applied_at": "9999-12-31"},
        {"id": "b2", "email": "b@city.hakodate.lg.jp", "state": "applied",
         "applied_at": "0001-01-01"},
        {"id": "c3", "email": "c@city.hakodate.lg.jp", "state": "invitation_received",
         "applied_at": "2026-11-20", "invitation_received_at": "not a date"}]}))
    started = time.monotonic()
    run = kyoso("status", "--json", env=env)
    assert run.returncode == 0, run.stderr.decode()
    assert time.monotonic() - started < 10
    rows = json.loads(run.stdout)
    assert [r["applied_at"] for r in rows] == ["9999-12-31", "0001-01-01", "2026-11-20"]  # kept
    assert rows[0]["expected_by"] is None and rows[0]["business_days_waited"] is None
    for value in ("9999-12-31", "0001-01-01", "2031-01-01"):
        refused = kyoso("status", "mark-applied", "a1", "--date", value, env=env)
        assert refused.returncode == 2 and "--date" in refused.stderr.decode("utf-8")
    assert kyoso("diagnose", "--decode", "2400MC0-C20488T", env=env).returncode == 0


def test_a_stray_quote_in_a_roster_is_a_usage_error_naming_the_line():
    rows = ["名前,メールアドレス"] + [f"職員{n},s{n}@city.hakodate.lg.jp" for n in range(3000)]
    rows[11] = '職員10,"s10@city.hakodate.lg.jp'  # the quote is never closed
    run = kyoso("check-email", "--offline", "--json", "--csv", "-",
                stdin="\n".join(rows).encode())
    assert run.returncode == 2 and run.stdout == b""
    assert "12" in run.stderr.decode("utf-8")  # the line where the quote opens


def test_an_oversized_cell_and_a_missing_address_column_are_usage_errors():
    huge = "名前,メール\n" + "x" * 200_000 + ",a@city.hakodate.lg.jp\n"
    run = kyoso("check-email", "--offline", "--csv", "-", stdin=huge.encode())
    assert run.returncode == 2
    roster = "番号,氏名,所属\n1,函館 太郎,総務課\n"
    run = kyoso("check-email", "--offline", "--csv", "-", stdin=roster.encode())
    text = run.stderr.decode("utf-8")
    assert run.returncode == 2 and "番号, 氏名, 所属" in text and "--column" in text


def test_a_large_roster_is_streamed_as_json():
    rows = "メール\n" + "\n".join(f"s{n}@city.hakodate.lg.jp" for n in range(2000)) + "\n"
    run = kyoso("check-email", "--offline", "--json", "--csv", "-", stdin=rows.encode())
    data = json.loads(run.stdout)
    assert run.returncode == 0 and len(data) == 2000 and set(data[0]) == CONTRACT_KEYS


@pytest.mark.parametrize("encoding, option", [("cp932", "auto"), ("utf-8-sig", "auto"),
                                              ("utf-8", "auto"), ("cp932", "shift_jis"),
                                              ("utf-8", "utf-8")])
def test_csv_round_trip_in_the_encodings_offices_use(tmp_path, encoding, option):
    """Excel's Shift_JIS (CP932), UTF-8 with BOM and without: Japanese headers and names
    come back intact, with the organisation and the reason in the chosen language, in UTF-8
    with BOM (what Excel opens by a double click)."""
    source = tmp_path / "名簿.csv"
    source.write_bytes("氏名,所属,メールアドレス\r\n"
                       "髙橋 一郎,函館市 総務部,taro@city.hakodate.lg.jp\r\n"
                       "山田 花子,人事課,hanako@gmail.com\r\n".encode(encoding))
    out = tmp_path / "結果.csv"
    run = kyoso("check-email", "--offline", "--lang", "ja", "--csv", str(source),
                "--encoding", option, "--out", str(out))
    assert run.returncode == 1, run.stderr.decode()
    written = out.read_bytes()
    assert written.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.reader(io.StringIO(written.decode("utf-8-sig"))))
    assert rows[0][:3] == ["氏名", "所属", "メールアドレス"]
    assert rows[1][:2] == ["髙橋 一郎", "函館市 総務部"] and "函館市" in rows[1]
    assert rows[2][0] == "山田 花子" and any("フリーメール" in cell or "無料" in cell
                                          for cell in rows[2]), rows[2]


def test_a_csv_in_another_encoding_than_asked_is_told(tmp_path):
    source = tmp_path / "in.csv"
    source.write_bytes("氏名,メールアドレス\r\n髙橋,taro@city.hakodate.lg.jp\r\n".encode("cp932"))
    run = kyoso("check-email", "--offline", "--lang", "en", "--csv", str(source),
                "--encoding", "utf-8")
    assert run.returncode == 2 and b"UTF-8" in run.stderr


def test_helpdesk_console_says_what_to_say():
    run = kyoso("helpdesk", "2400MC0-C20488T", "--json", "--lang", "en")
    assert run.returncode == 0, run.stderr
    answer = json.loads(run.stdout)
    assert set(answer) >= {"code", "version", "place", "email", "invitation", "connection",
                           "script"}
    assert answer["invitation"]["state"] == "applied" and answer["script"][-1].startswith(
        "Contact")
    assert answer["version"] == 1 and answer["place"] is None  # an old code still decodes
    text = kyoso("helpdesk", "2400MC0-C20488T", "--lang", "ja").stdout.decode()
    assert "相談者に伝える内容" in text and "本日申請済み" in text
    from kyoso_desktop.core.netdiag.supportcode import Situation, encode

    code = encode(None, Situation("step_apply", "accepted", "lg_jp", "draft", None))
    current = json.loads(kyoso("helpdesk", code, "--json", "--lang", "ja").stdout)
    assert current["place"] == "step_apply" and current["email"] == {
        "verdict": "accepted", "category": "lg_jp"}
    assert current["invitation"] == {"state": "draft", "business_days_waited": None}
    assert current["connection"]["checked"] is False
    assert "ステップ6" in current["script"][0]
    wrong = kyoso("helpdesk", "HELLO", "--lang", "ja")
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr.decode()
