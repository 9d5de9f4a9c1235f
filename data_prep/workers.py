"""Isolated worker processes for batch jobs over untrusted files.

A task that kills its process (a codec segfault) or never returns (a decoder stuck in a loop)
costs that task alone: the pool reports it, starts a fresh worker and goes on. Workers exit
on their own when the main process dies (SIGKILL included), so a killed run leaves nothing
behind. Workers come from a forkserver that imported the `preload` modules once: no state
inherited from the caller (threads, JAX), no per-worker import cost.
"""

import multiprocessing
import multiprocessing.connection as mpc
import multiprocessing.forkserver
import os
import resource
import signal
import threading
import time

_POLL_S = 0.5


def _exit_when_orphaned(main_pid: int, parent_pid: int) -> None:
  """Daemon thread of a worker: exit as soon as the main process (or our forkserver parent) is gone."""
  while True:
    time.sleep(_POLL_S)
    try:
      os.kill(main_pid, 0)
    except ProcessLookupError:
      os._exit(1)
    if os.getppid() != parent_pid:
      os._exit(1)


def _serve(conn, main_pid: int) -> None:
  threading.Thread(target=_exit_when_orphaned, args=(main_pid, os.getppid()), daemon=True).start()
  while True:
    try:
      job = conn.recv()
    except (EOFError, OSError):
      return
    if job is None:
      return
    fn, args = job
    cpu = time.process_time()
    try:
      status, value = "ok", fn(*args)
    except Exception as e:  # reported to the caller as this task's failure
      status, value = "error", f"{type(e).__name__}: {str(e)[:200]}"
    conn.send((status, value, time.process_time() - cpu, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))


def start_server(preload=(), env=None) -> None:
  """Starts the forkserver now without waiting for it: it imports `preload` (~1 s) while the
  caller goes on with its own start-up work, and a Pool made later forks its workers at once.
  env: variables the server (and so every worker) sees on top of ours; ours stay as they are."""
  multiprocessing.get_context("forkserver").set_forkserver_preload(list(preload))
  saved = {k: os.environ.get(k) for k in env or {}}
  os.environ.update(env or {})
  try:
    multiprocessing.forkserver.ensure_running()
  finally:
    for k, v in saved.items():
      if v is None:
        os.environ.pop(k, None)
      else:
        os.environ[k] = v


def server_cpu_s():
  """CPU seconds the forkserver has spent itself (its imports and preload; Linux), else None."""
  pid = getattr(multiprocessing.forkserver._forkserver, "_forkserver_pid", None)
  try:
    with open(f"/proc/{pid}/stat") as f:
      fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
  except (OSError, ValueError, IndexError, TypeError):
    return None


class Pool:
  """`workers` isolated processes; `run` maps a top-level function over argument tuples.

  The workers are started by a thread, since each start waits until the server has imported
  its preload: the caller goes on meanwhile (`ready` says when they are up; `run` waits).
  """

  def __init__(self, workers: int, timeout_s: float, preload=()):
    self._ctx = multiprocessing.get_context("forkserver")
    self._ctx.set_forkserver_preload(list(preload))
    self._timeout_s = timeout_s
    self.cpu_s = 0.0  # CPU seconds the tasks took in the workers
    self.peak_rss_kb = 0  # largest peak resident set of any worker
    self._slots, self._start_error = [], None
    self.ready_at = None  # time.time() when the last worker was up
    self._starting = threading.Thread(target=self._start_all, args=(workers,), daemon=True)
    self._starting.start()

  def _start_all(self, workers: int) -> None:
    try:
      for _ in range(workers):
        self._slots.append(self._start())
      self.ready_at = time.time()
    except BaseException as e:  # re-raised by the caller's next wait for the workers
      self._start_error = e

  def ready(self) -> bool:
    """Whether the workers are up."""
    return not self._starting.is_alive()

  def wait_ready(self) -> None:
    """Until the workers are up (raises what stopped them starting)."""
    self._starting.join()
    if self._start_error is not None:
      raise self._start_error

  def _start(self) -> dict:
    ours, theirs = self._ctx.Pipe()
    proc = self._ctx.Process(target=_serve, args=(theirs, os.getpid()), daemon=True)
    proc.start()
    theirs.close()
    return {"proc": proc, "conn": ours, "job": None, "since": 0.0}

  def run(self, fn, tasks):
    """Yields (task index, status, value) as tasks finish: status 'ok' (value: the result),
    'error' (an exception in fn), 'crashed' (the process died) or 'timeout' (value: why)."""
    self.wait_ready()
    todo = list(range(len(tasks)))[::-1]
    while todo or any(s["job"] is not None for s in self._slots):
      for i, slot in enumerate(self._slots):
        if slot["job"] is None and todo:
          if not slot["proc"].is_alive():  # died while idle (killed from outside): replace it
            slot = self._slots[i] = self._start()
          slot["job"], slot["since"] = todo.pop(), time.monotonic()
          slot["conn"].send((fn, tasks[slot["job"]]))
      busy = [s for s in self._slots if s["job"] is not None]
      mpc.wait([s["conn"] for s in busy] + [s["proc"].sentinel for s in busy], timeout=_POLL_S)
      for i, slot in enumerate(self._slots):
        if slot["job"] is not None:
          outcome = self._outcome(slot)
          if outcome is not None:
            yield (slot["job"],) + outcome
            slot["job"] = None
            if outcome[0] in ("crashed", "timeout"):
              self._slots[i] = self._start()

  def _outcome(self, slot):
    conn, proc = slot["conn"], slot["proc"]
    if conn.poll():
      try:
        status, value, cpu_s, rss_kb = conn.recv()
        self.cpu_s += cpu_s
        self.peak_rss_kb = max(self.peak_rss_kb, rss_kb)
        return status, value
      except (EOFError, OSError):
        pass
    elif proc.is_alive():
      if time.monotonic() - slot["since"] <= self._timeout_s:
        return None
      proc.kill()
      proc.join()
      return "timeout", f"no result after {self._timeout_s:g} s (worker process stopped)"
    proc.join()
    code = proc.exitcode
    how = f"signal {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit code {code}"
    return "crashed", f"worker process died ({how})"

  def close(self) -> None:
    self._starting.join()
    for slot in self._slots:
      try:
        slot["conn"].send(None)
      except OSError:
        pass
    for slot in self._slots:
      slot["proc"].join(timeout=5)
      if slot["proc"].is_alive():
        slot["proc"].kill()
        slot["proc"].join()
