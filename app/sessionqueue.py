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
import re
import threading
import time
from collections.abc import Iterator
from typing import Any

import socketio

log = logging.getLogger(__name__)

HOST_ID_LENGTH = 32  # uuid4().hex, python-socketio's host_id
HOST_ID = re.compile(rb"[0-9a-f]{32}")
CONFIRM_TIMEOUT = 2.0  # seconds a join waits for Redis to confirm a new subscription


def session_of(room: object) -> str | None:
    """The session code of a session's room (``s:<code>`` or ``s:<code>:…``), else None."""
    if isinstance(room, str) and room.startswith("s:"):
        return room.split(":", 2)[1] or None
    return None


class SessionQueue(socketio.RedisManager):
    name = "flipover-session-redis"
    connected: bool  # the publishing connection's state (RedisManager's)

    def __init__(self, url: str, channel: str = "flipover", **kwargs: Any) -> None:
        super().__init__(url, channel=channel, **kwargs)
        self._held: dict[str, int] = {}  # session code → sockets of it on this worker
        self._confirmed: set[bytes] = set()  # channels Redis has confirmed on the current connection
        self._subscribing: set[bytes] = set()  # channels whose SUBSCRIBE is on its way
        self._waiters: dict[bytes, list[Any]] = {}  # channel → events of joins waiting for it
        # Sessions whose last publish reached no other worker: their emits skip Redis until
        # another worker says hello (a join there), so a session routed to one worker costs
        # no round trip through Redis at all.
        self._alone: set[str] = set()
        self._hellos = 0  # hellos heard so far: a publish that overlapped one proves nothing
        self._acks: dict[str, list[Any]] = {}  # code → [acks still due, event] of our own hello
        # Two green locks: ``_lock`` guards the sets above and is never held during network I/O
        # (a slow Redis must not stall every join and disconnect behind it); ``_io`` puts
        # SUBSCRIBE and UNSUBSCRIBE on the wire in the order they were decided, so a release
        # and a join of one session cannot overtake each other.
        self._lock = threading.Lock()
        self._io = threading.Lock()
        self._warned_foreign = False

    def session_channel(self, code: str) -> str:
        return f"{self.channel}:s:{code}"

    # --- subscriptions --------------------------------------------------------------

    def hold(self, code: str) -> None:
        """A socket of session ``code`` is on this worker: receive the session's messages.
        Returns once Redis confirms the subscription (or after :data:`CONFIRM_TIMEOUT`)."""
        channel = self.session_channel(code)
        key = channel.encode()
        with self._io:
            with self._lock:
                self._held[code] = self._held.get(code, 0) + 1
                if key in self._confirmed:
                    return
                done = self.server.eio.create_event()
                self._waiters.setdefault(key, []).append(done)
                # Until the listener is connected it subscribes every held channel itself.
                send = self._listening and key not in self._subscribing
                if send:
                    self._subscribing.add(key)
            if send and not self._command("subscribe", channel):
                with self._lock:
                    self._subscribing.discard(key)  # the next join of the session tries again
        if not done.wait(CONFIRM_TIMEOUT):
            log.warning("Redis did not confirm the subscription to %s within %ss", channel, CONFIRM_TIMEOUT)
            with self._lock:
                waiting = self._waiters.get(key, [])
                if done in waiting:
                    waiting.remove(done)
                if not waiting:
                    self._waiters.pop(key, None)

    def release(self, code: str) -> None:
        """The last socket of ``code`` on this worker left: stop receiving the session's messages."""
        channel = self.session_channel(code)
        key = channel.encode()
        with self._io:
            with self._lock:
                left = self._held.get(code, 0) - 1
                if left > 0:
                    self._held[code] = left
                    return
                self._held.pop(code, None)
                self._alone.discard(code)
                self._confirmed.discard(key)
                self._subscribing.discard(key)
                self._waiters.pop(key, None)
                send = self._listening
            if send:
                self._command("unsubscribe", channel)  # if it fails, a reconnect subscribes only what is held

    def _command(self, name: str, *channels: str) -> bool:
        try:
            getattr(self.pubsub, name)(*channels)
            return True
        except Exception:
            log.exception("%s %s failed", name, channels)
            return False

    def _confirm(self, channel: bytes) -> None:
        with self._lock:
            self._subscribing.discard(channel)
            if channel.startswith(f"{self.channel}:s:".encode()):
                code = channel.decode().split(":s:", 1)[1]
                if code not in self._held:
                    self._waiters.pop(channel, None)
                    return  # released while the confirmation was on its way
                # Not live yet for the join: first every other worker of the session must
                # publish its emits again (it may have stopped, being alone). In a task of its
                # own, because the acks arrive through this listener.
                self.server.start_background_task(self._greet, code, channel)
                return
        self._live(channel, None)

    def _greet(self, code: str, channel: bytes) -> None:
        """Tell the session's other workers that this one listens too, and wait until each
        has answered: from then on they publish the session's emits, so the join that waits
        (and reads its state after this) misses nothing they emit."""
        try:
            if not self.connected:
                self._redis_connect()
            others = int(dict(self.redis.pubsub_numsub(channel.decode())).get(channel, 0)) - 1
        except Exception:
            self.connected = False
            log.exception("PUBSUB NUMSUB %s failed", channel)
            others = 0
        if others > 0:
            answered = self.server.eio.create_event()
            with self._lock:
                self._acks[code] = [others, answered]
            self._control(channel.decode(), f"hello:{code}")
            if not answered.wait(CONFIRM_TIMEOUT):
                log.warning("not every worker of session %s answered its hello within %ss", code, CONFIRM_TIMEOUT)
            with self._lock:
                self._acks.pop(code, None)
        self._live(channel, code)

    def _live(self, channel: bytes, code: str | None) -> None:
        """The channel is live for joins: mark it and wake the joins waiting for it (unless
        ``code``, its session, was released meanwhile: checked under the same lock)."""
        with self._lock:
            if code is not None and code not in self._held:
                self._waiters.pop(channel, None)
                return
            self._confirmed.add(channel)
            waiters = self._waiters.pop(channel, [])
        for done in waiters:
            done.set()

    def _control(self, channel: str, body: str) -> None:
        try:
            if not self.connected:
                self._redis_connect()
            self.redis.publish(channel, f"{self.host_id}!{body}")
        except Exception:
            self.connected = False
            log.exception("publishing %s on %s failed", body, channel)

    def _heard(self, sender: str, body: str) -> None:
        """A control message of another worker: ``hello:<code>`` (it listens to the session
        now: publish its emits again, then answer) or ``ack:<code>:<host>`` (an answer)."""
        kind, _, rest = body.partition(":")
        if kind == "hello":
            with self._lock:
                self._hellos += 1
                self._alone.discard(rest)
            self._control(self.session_channel(rest), f"ack:{rest}:{sender}")
        elif kind == "ack":
            code, _, target = rest.partition(":")
            if target != self.host_id:
                return
            with self._lock:
                due = self._acks.get(code)
                if due is None:
                    return
                due[0] -= 1
                done = due[0] <= 0
            if done:
                due[1].set()

    # --- publishing -------------------------------------------------------------------

    def _redis_connect(self) -> None:
        """The publishing connection only: the listener keeps its own (:meth:`_listener`), so
        a failed publish that reconnects never swaps the pubsub the listener reads."""
        self.redis = self._get_redis_module().Redis.from_url(self.redis_url, **self.redis_options)
        self.connected = True

    def _publish(self, data: dict[str, Any]) -> Any:
        code = session_of(data.get("room")) if data.get("method") in ("emit", "close_room") else None
        channel = self.session_channel(code) if code else self.channel
        listening = False
        if code is not None:
            with self._lock:
                if code in self._alone:
                    return 1  # delivered here already (PubSubManager.emit), and nobody else listens
                hellos = self._hellos
                listening = channel.encode() in self._confirmed
        payload = self.host_id + self.json.dumps(data)
        for attempt in (1, 2):
            try:
                if not self.connected:
                    self._redis_connect()
                receivers = self.redis.publish(channel, payload)
                if listening and receivers == 1:
                    # Only this worker heard it. Unless a hello came in meanwhile (a worker
                    # joining the session), skip Redis for this session from now on.
                    with self._lock:
                        if self._hellos == hellos and code in self._held:
                            self._alone.add(code)
                return receivers
            except Exception as exc:
                log.error("cannot publish to Redis (attempt %s of 2): %s", attempt, exc)
                self.connected = False
        return None

    # --- listening --------------------------------------------------------------------

    _listening = False

    def _listener(self) -> Any:
        # Imported here: a single process (no --message-queue) never needs the redis package.
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        module = self._get_redis_module()
        client = module.Redis.from_url(
            self.redis_url,
            **{
                # Every failure reaches the clean rebuild in _redis_listen_with_retries (redis-py
                # would otherwise reconnect and resubscribe by itself, behind our bookkeeping),
                # and a Redis that does not answer fails the connect in seconds, not minutes.
                "retry": Retry(NoBackoff(), 0),
                "socket_connect_timeout": 5,
                "socket_keepalive": True,
                **self.redis_options,
            },
        )
        # The confirmations tell a waiting join that its session's channel is live.
        return client.pubsub(ignore_subscribe_messages=False)

    def _redis_listen_with_retries(self) -> Iterator[dict[str, Any]]:
        retry = 1.0
        while True:
            try:
                with self._io:
                    with self._lock:
                        self._listening = False
                        self._confirmed.clear()
                        # Publish everything again until relearned: a worker that joined a
                        # session while this one was cut off could not say hello to it.
                        self._alone.clear()
                        self._hellos += 1
                        held = [self.session_channel(code) for code in self._held]
                        self._subscribing = {channel.encode() for channel in held}
                    pubsub = self._listener()
                    pubsub.subscribe(self.channel, *held)
                    with self._lock:
                        self.pubsub = pubsub
                        self._listening = True
                retry = 1.0
                yield from pubsub.listen()
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
                if not isinstance(data, bytes):
                    continue
                sender = data[:HOST_ID_LENGTH]
                if sender == own:
                    continue
                if not HOST_ID.fullmatch(sender):
                    self._foreign()
                    continue
                body = data[HOST_ID_LENGTH:]
                if body.startswith(b"!"):
                    self._heard(sender.decode(), body[1:].decode())
                    continue
                yield body

    def _foreign(self) -> None:
        if not self._warned_foreign:
            self._warned_foreign = True
            log.warning(
                "a message on %s did not come from a Flipover worker of this version (another program, or an "
                "older Flipover on the same Redis database?): ignored",
                self.channel,
            )
