"""The Redis message queue between workers, routed by session.

python-socketio's ``RedisManager`` publishes every emit on one channel, so every worker
receives and decodes every event of every session, also those of rooms it has no socket in:
a second worker added CPU per note instead of capacity (issue 22, ``docs/scaling.md``).

Here every room of a session (``s:<code>``, ``s:<code>:board``, ``s:<code>:p:<id>``, …) is
published on a channel of that session (``flipover:s:<code>``), and a worker subscribes to a
session's channel only while it has a socket of that session (:meth:`SessionQueue.hold` /
:meth:`SessionQueue.release`, called by the hub as sockets join and leave). With the load
balancer routing by the join code (``docs/deploy.md``), all sockets of a session are on one
worker, and the queue carries only what truly crosses workers: an HTTP action served by
another worker, a facilitator's laptop that landed elsewhere. Without that routing it is still
correct: every worker with a socket of the session is subscribed, so each gets the session's
messages, and nothing else.

- **No gap at a join.** :meth:`~SessionQueue.hold` returns once Redis confirms the
  subscription. The join builds its state from the database after that: an event committed
  before the read is in the state; one published after the subscription arrives. (One in
  between may arrive twice; clients merge by id.)
- **A worker's own messages** come back on the channels it holds. Each message starts with the
  sender's ``host_id``, so the listener drops its own without decoding the JSON (the sender has
  delivered them to its own sockets already).
- Messages that are not for a session's room (ack callbacks, disconnects and room changes of
  another worker's sockets) stay on the shared channel every worker listens to.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from typing import Any

import socketio

log = logging.getLogger(__name__)

HOST_ID_LENGTH = 32  # uuid4().hex, python-socketio's host_id
CONFIRM_TIMEOUT = 2.0  # seconds a join waits for Redis to confirm a new subscription


def session_of(room: object) -> str | None:
    """The session code of a session's room (``s:<code>`` or ``s:<code>:…``), else None."""
    if isinstance(room, str) and room.startswith("s:"):
        return room.split(":", 2)[1] or None
    return None


class SessionQueue(socketio.RedisManager):
    name = "flipover-session-redis"

    def __init__(self, url: str, channel: str = "flipover", **kwargs: Any) -> None:
        super().__init__(url, channel=channel, **kwargs)
        self._held: dict[str, int] = {}  # session code → sockets of it on this worker
        self._confirmed: set[bytes] = set()  # channels Redis has confirmed on the current connection
        self._waiters: dict[bytes, list[Any]] = {}  # channel → events of joins waiting for it
        self._lock = threading.Lock()  # green under eventlet's monkey patching

    def session_channel(self, code: str) -> str:
        return f"{self.channel}:s:{code}"

    def held(self) -> dict[str, int]:
        with self._lock:
            return dict(self._held)

    # --- subscriptions --------------------------------------------------------------

    def hold(self, code: str) -> None:
        """A socket of session ``code`` is on this worker: receive the session's messages.
        Returns once Redis confirms the subscription (or after :data:`CONFIRM_TIMEOUT`)."""
        channel = self.session_channel(code)
        key = channel.encode()
        with self._lock:
            first = self._held.get(code, 0) == 0
            self._held[code] = self._held.get(code, 0) + 1
            if key in self._confirmed:
                return
            done = self.server.eio.create_event()
            self._waiters.setdefault(key, []).append(done)
            if first and self._ready():
                self._subscribe(channel)
        if not done.wait(CONFIRM_TIMEOUT):
            log.warning("Redis did not confirm the subscription to %s within %ss", channel, CONFIRM_TIMEOUT)

    def release(self, code: str) -> None:
        """The last socket of ``code`` on this worker left: stop receiving the session's messages."""
        channel = self.session_channel(code)
        with self._lock:
            left = self._held.get(code, 0) - 1
            if left > 0:
                self._held[code] = left
                return
            self._held.pop(code, None)
            self._confirmed.discard(channel.encode())
            if self._ready():
                try:
                    self.pubsub.unsubscribe(channel)
                except Exception:  # the listener resubscribes what is held after a reconnect
                    log.exception("unsubscribe from %s failed", channel)

    def _ready(self) -> bool:
        # The listener has connected and subscribed; until then (and after a lost connection)
        # it subscribes to every held channel itself when it connects.
        return self._listening

    def _subscribe(self, *channels: str) -> None:
        try:
            self.pubsub.subscribe(*channels)
        except Exception:
            log.exception("subscribe to %s failed", channels)

    def _confirm(self, channel: bytes) -> None:
        with self._lock:
            if channel.decode().startswith(f"{self.channel}:s:"):
                code = channel.decode().split(":s:", 1)[1]
                if code not in self._held:
                    return  # released while the confirmation was on its way
            self._confirmed.add(channel)
            waiters = self._waiters.pop(channel, [])
        for done in waiters:
            done.set()

    # --- publishing -------------------------------------------------------------------

    def _redis_connect(self) -> None:
        """The publishing connection only: the listener keeps its own (:meth:`_listener`), so
        a failed publish that reconnects never swaps the pubsub the listener reads."""
        self.redis = self._get_redis_module().Redis.from_url(self.redis_url, **self.redis_options)
        self.connected = True

    def _publish(self, data: dict[str, Any]) -> Any:
        code = session_of(data.get("room")) if data.get("method") in ("emit", "close_room") else None
        channel = self.session_channel(code) if code else self.channel
        payload = self.host_id + self.json.dumps(data)
        for attempt in (1, 2):
            try:
                if not self.connected:
                    self._redis_connect()
                return self.redis.publish(channel, payload)
            except Exception as exc:
                log.error("cannot publish to Redis (attempt %s of 2): %s", attempt, exc)
                self.connected = False
        return None

    # --- listening --------------------------------------------------------------------

    _listening = False

    def _listener(self) -> Any:
        client = self._get_redis_module().Redis.from_url(self.redis_url, **self.redis_options)
        # The confirmations tell a waiting join that its session's channel is live.
        return client.pubsub(ignore_subscribe_messages=False)

    def _redis_listen_with_retries(self) -> Iterator[dict[str, Any]]:
        retry = 1.0
        while True:
            try:
                with self._lock:
                    self._listening = False
                    self._confirmed.clear()
                    self.pubsub = self._listener()
                    channels = [self.channel, *(self.session_channel(code) for code in self._held)]
                    self.pubsub.subscribe(*channels)
                    self._listening = True
                retry = 1.0
                yield from self.pubsub.listen()
            except Exception as exc:
                log.error("cannot receive from Redis, retrying in %ss: %s", retry, exc)
                with self._lock:
                    self._listening = False
                time.sleep(retry)
                retry = min(retry * 2, 60.0)

    def _listen(self) -> Iterator[bytes]:
        own = self.host_id.encode()
        for message in self._redis_listen_with_retries():
            kind = message.get("type")
            if kind == "subscribe":
                self._confirm(message["channel"])
            elif kind == "message":
                data = message.get("data")
                if isinstance(data, bytes) and data[:HOST_ID_LENGTH] != own:
                    yield data[HOST_ID_LENGTH:]
