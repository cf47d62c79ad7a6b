"""The 整改通知 list is read off the GUI thread: "正在读取…" while it is read, the rows shown
so far stay until the new ones arrive, and when the list is asked for again meanwhile only the
newest request's rows are ever shown, with their count."""

from __future__ import annotations

from domain.clock import utc_now
from local_db.notices import NoticeFilter, list_notices
from local_db.reference import set_local_person
from local_db.store import Store
from tests.core.fixture_states import build


def test_read_in_a_job_and_the_newest_request_wins(qtbot, launch, tmp_path):
    store = Store.open(tmp_path)
    build(store, utc_now())  # 21 notices, one in each lifecycle state, due before and after now
    set_local_person(store, "王磊", "13900000001")
    store.close()
    window = launch(tmp_path)
    notices = window.notices
    assert notices.model.rowCount() == 0 and not notices.loading()

    with qtbot.waitSignal(notices.loaded):
        window.tabs.setCurrentWidget(notices)
        assert notices.loading() and notices.reading.isVisible()
        assert notices.reading.text() == "正在读取…"
    assert not notices.reading.isVisible() and notices.model.rowCount() == 21
    assert notices.count.text().startswith("共 21 份通知")
    first = notices.current()["id"]

    shown: list[list[str]] = []
    notices.loaded.connect(
        lambda: shown.append(
            [notices.model.row_data(r)["id"] for r in range(notices.model.rowCount())]
        )
    )
    notices.overdue.setChecked(True)  # a read starts; the 21 rows stay while it runs
    assert notices.loading() and notices.reading.isVisible()
    assert notices.model.rowCount() == 21 and notices.current()["id"] == first
    notices.state.setCurrentIndex(notices.state.findData("rework"))  # asked again meanwhile
    qtbot.waitUntil(lambda: not notices.loading())

    store = window.context.store
    wanted = [n["id"] for n in list_notices(store, NoticeFilter(state="rework", overdue_only=True))]
    assert wanted and len(wanted) < 21
    assert shown == [wanted]  # the overtaken read's rows never showed
    assert not notices.reading.isVisible()
    assert notices.count.text() == f"共 {len(wanted)} 份通知，逾期 {len(wanted)} 份"

    # A notice asked for while the list is read is selected when the rows arrive.
    notices.overdue.setChecked(False)
    notices.state.setCurrentIndex(0)
    last = list_notices(store)[-1]["id"]
    with qtbot.waitSignal(notices.loaded):
        notices.select_notice(last)
    assert notices.current()["id"] == last
