from conftest import activity_of, new_client_id, received


def test_post_reaches_board(make_session, sock):
    session = make_session()
    board, board_ack = sock(session, role="board")
    assert board_ack["ok"], board_ack
    phone, ack = sock(session, name="Anna")
    assert ack["ok"] and ack["token"]
    activity = activity_of(ack)
    board.get_received()
    result = phone.emit(
        "note:add", {"activity_id": activity["id"], "client_id": new_client_id(), "text": "Onze triage"}, callback=True
    )
    assert result["ok"], result
    got = received(board, "note:added")
    assert [n["note"]["text"] for n in got] == ["Onze triage"]
