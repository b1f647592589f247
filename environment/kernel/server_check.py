#!/usr/bin/env python3
"""Open the causal-heads kernel through a real Jupyter Notebook server, as a browser does.

    $(cat target/python-path) environment/kernel/server_check.py

Starts `jupyter notebook` headless (free port, a token, --no-browser) on an empty folder in
target/, creates a session on the "causal-heads" kernel through the REST API, opens the kernel's
websocket and sends ONE kernel_info_request (as the Notebook page does; never resent), executes
a cell that uses the library and checks its result, then stops the server and checks that the
kernel process is gone. Fails (exit 1, one line saying why) if the reply does not come within
60 s, the cell's result is wrong, the server log reports a kernel_info timeout, or the kernel
outlives the server. The kernelspec is a private copy written for this checkout
(environment/kernel/write_spec.sh, first on JUPYTER_PATH). The server log is kept in
target/kernel-logs/notebook-server.log.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

from tornado import gen, ioloop, websocket

HOME = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REPLY_SECONDS = 60
CELL = 'String.valueOf(40 + 2) + " " + org.causalheads.notebook.Plots.class.getSimpleName()'
EXPECTED = '42 Plots'


class Failed(Exception):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(base, token, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"{base}{path}", data=data, method=method,
                                 headers={"Authorization": f"token {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        text = r.read().decode()
        return json.loads(text) if text else None


def message(msg_type, session, channel, content):
    return {"header": {"msg_id": uuid.uuid4().hex, "username": "check", "session": session,
                       "msg_type": msg_type, "version": "5.3",
                       "date": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())},
            "parent_header": {}, "metadata": {}, "content": content, "channel": channel, "buffers": []}


@gen.coroutine
def talk(url):
    """Kernel-info round trip then one cell, over the kernel websocket. Returns the timings."""
    session = uuid.uuid4().hex
    t0 = time.monotonic()  # the server itself asks the kernel for kernel_info before it opens the socket
    conn = yield websocket.websocket_connect(f"{url}&session_id={session}", connect_timeout=REPLY_SECONDS + 10)
    info = message("kernel_info_request", session, "shell", {})
    conn.write_message(json.dumps(info))
    info_seconds = None
    deadline = t0 + REPLY_SECONDS
    while info_seconds is None:
        left = deadline - time.monotonic()
        if left <= 0:
            raise Failed(f"no kernel_info_reply within {REPLY_SECONDS} s of the one request")
        try:
            raw = yield gen.with_timeout(ioloop.IOLoop.current().time() + left, conn.read_message())
        except gen.TimeoutError:
            raise Failed(f"no kernel_info_reply within {REPLY_SECONDS} s of the one request")
        if raw is None:
            raise Failed("the server closed the kernel websocket")
        msg = json.loads(raw)
        if msg.get("parent_header", {}).get("msg_id") == info["header"]["msg_id"] and \
                msg["header"]["msg_type"] == "kernel_info_reply":
            info_seconds = time.monotonic() - t0

    execute = message("execute_request", session, "shell",
                      {"code": CELL, "silent": False, "store_history": True, "user_expressions": {},
                       "allow_stdin": False, "stop_on_error": True})
    conn.write_message(json.dumps(execute))
    result, status = None, None
    t1 = time.monotonic()
    while status is None:
        try:
            raw = yield gen.with_timeout(ioloop.IOLoop.current().time() + 120, conn.read_message())
        except gen.TimeoutError:
            raise Failed("no execute_reply within 120 s")
        if raw is None:
            raise Failed("the server closed the kernel websocket during the cell")
        msg = json.loads(raw)
        if msg.get("parent_header", {}).get("msg_id") != execute["header"]["msg_id"]:
            continue
        kind = msg["header"]["msg_type"]
        if kind == "execute_result":
            data = msg["content"]["data"]
            result = data.get("text/plain") or data.get("text/html") or json.dumps(data)
        elif kind == "error":
            raise Failed(f"the cell failed: {msg['content'].get('ename')}: {msg['content'].get('evalue')}")
        elif kind == "execute_reply":
            status = msg["content"]["status"]
    conn.close()
    if status != "ok" or result is None or EXPECTED not in result:
        raise Failed(f"cell {CELL!r} gave status {status!r} and result {result!r}, expected {EXPECTED!r}")
    return info_seconds, time.monotonic() - t1


def kernel_processes(kernel_id):
    out = subprocess.run(["pgrep", "-f", f"kernel-{kernel_id}.json"], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def main():
    logs = os.path.join(HOME, "target", "kernel-logs")
    os.makedirs(logs, exist_ok=True)
    log_path = os.path.join(logs, "notebook-server.log")
    tmp = tempfile.mkdtemp(prefix="causal-heads-server-")
    spec = os.path.join(tmp, "data", "kernels", "causal-heads")
    subprocess.run(["sh", os.path.join(HOME, "environment", "kernel", "write_spec.sh"), spec, HOME], check=True)
    root = os.path.join(tmp, "notebooks")
    os.makedirs(root)
    port, token = free_port(), uuid.uuid4().hex
    env = {**os.environ, "JUPYTER_PATH": os.path.join(tmp, "data"), "CAUSAL_HEADS_HOME": HOME,
           "JUPYTER_RUNTIME_DIR": os.path.join(tmp, "runtime"),
           "CAUSAL_HEADS_KERNEL_LOG": os.path.join(logs, "notebook-server-kernel.log")}
    cmd = [sys.executable, "-m", "notebook", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
           "--NotebookApp.port_retries=0", f"--NotebookApp.token={token}", f"--notebook-dir={root}",
           "--MultiKernelManager.default_kernel_name=causal-heads"]
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    base = f"http://127.0.0.1:{port}"
    kernel_id = None
    with open(log_path, "w") as log:
        server = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=root,
                                  start_new_session=True)
        try:
            for _ in range(120):
                if server.poll() is not None:
                    raise Failed(f"the notebook server exited with status {server.returncode} (log: {log_path})")
                try:
                    request(base, token, "GET", "/api/status")
                    break
                except OSError:
                    time.sleep(0.5)
            else:
                raise Failed(f"the notebook server did not answer on port {port} within 60 s")
            t_session = time.monotonic()
            s = request(base, token, "POST", "/api/sessions",
                        {"path": "check.ipynb", "type": "notebook", "name": "check.ipynb",
                         "kernel": {"name": "causal-heads"}})
            kernel_id = s["kernel"]["id"]
            url = f"ws://127.0.0.1:{port}/api/kernels/{kernel_id}/channels?token={token}"
            info_seconds, cell_seconds = ioloop.IOLoop.current().run_sync(lambda: talk(url))
            since_session = time.monotonic() - t_session
            request(base, token, "DELETE", f"/api/sessions/{s['id']}")
        finally:
            if server.poll() is None:
                server.send_signal(signal.SIGTERM)  # Notebook shuts its kernels down, then exits
                try:
                    server.wait(30)
                except subprocess.TimeoutExpired:
                    os.killpg(server.pid, signal.SIGKILL)
                    server.wait()
    try:
        with open(log_path) as f:
            text = f.read()
        if "Timeout waiting for kernel_info reply" in text:
            raise Failed(f"the server log reports a kernel_info timeout ({log_path})")
        for _ in range(20):
            if not kernel_processes(kernel_id):
                break
            time.sleep(0.5)
        else:
            left = kernel_processes(kernel_id)
            for pid in left:
                os.kill(pid, signal.SIGKILL)
            raise Failed(f"kernel process(es) {left} outlived the server (killed now)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"ok: kernel_info_reply {info_seconds:.1f} s after opening the websocket ({since_session:.1f} s "
          f"from session creation to the cell's result), cell {EXPECTED!r} in {cell_seconds:.1f} s; "
          f"server and kernel stopped")


if __name__ == "__main__":
    try:
        main()
    except Failed as e:
        print(f"FAILED: {e}", file=sys.stderr)
        sys.exit(1)
