"""The log: one bounded rotating file in the user's log folder; no address, name or password."""

from __future__ import annotations

import logging

from kyoso_desktop.core.common.logs import MAX_BYTES, log_exception, mask, setup_logging

SECRETS = ("taro@city.hakodate.lg.jp", "hunter2", "函館太郎", "proxyuser", "s3cret")


def test_records_go_to_one_file_in_the_log_folder_masked(user_folders):
    path = setup_logging()
    assert path == user_folders / "log" / "kyoso.log"
    log = logging.getLogger("kyoso_desktop.core.test")
    log.warning("check of taro@city.hakodate.lg.jp failed; password=hunter2 name=函館太郎 "
                "via http://proxyuser:s3cret@proxy.lg.jp:8080")
    try:
        raise OSError("cannot reach imap for taro@city.hakodate.lg.jp")
    except OSError as exc:
        assert log_exception(exc) == path
    text = path.read_text(encoding="utf-8")
    assert "kyoso_desktop.core.test" in text and "Traceback" in text and "OSError" in text
    assert "city.hakodate.lg.jp" in text and "proxy.lg.jp:8080" in text  # the rest stays
    for secret in SECRETS:
        assert secret not in text


def test_the_file_is_bounded(user_folders):
    path = setup_logging()
    log = logging.getLogger("kyoso_desktop.core.test")
    for _ in range(3 * MAX_BYTES // 1000):
        log.warning("x" * 1000)
    files = sorted(path.parent.glob("kyoso.log*"))
    assert 1 < len(files) <= 3
    assert all(f.stat().st_size <= MAX_BYTES + 2000 for f in files)


def test_nothing_reaches_the_console(capsys, user_folders):
    setup_logging()
    logging.getLogger("kyoso_desktop.core.test").error("only in the file")
    assert capsys.readouterr() == ("", "")


def test_mask_on_its_own():
    assert mask("user=yamada, token: abc123") == "user=***, token: ***"
    assert mask('{"family_name": "函館", "email": "a.b@c.lg.jp"}') == \
        '{"family_name": "***", "email": "***@c.lg.jp"}'
    assert mask("https://u:p@host/x") == "https://***@host/x"


def test_a_file_set_aside_is_recorded(user_folders):
    from kyoso_desktop.core.registration.records import ApplicationStore

    path = setup_logging()
    data = user_folders / "data"
    data.mkdir(parents=True, exist_ok=True)
    (data / "applications.json").write_text("{not json", encoding="utf-8")
    _records, problem = ApplicationStore().records()
    assert problem is not None and problem.moved_to is not None
    text = path.read_text(encoding="utf-8")
    assert "WARNING kyoso_desktop.core.common.store" in text and problem.moved_to.name in text
