"""WHIP publishing to a real WHIP server that no one here wrote: Meetecho's simple-whip-server
in front of Janus (Debian packages). POST → 201 + Location, Link ICE servers, media received (Janus
sends receiver reports), DELETE with the token; a wrong token is refused with what to fix."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from studio.outputs.base import OutputState
from tests.janus_whip import JanusWhipServer
from tests.test_whip import wait_until


@pytest.fixture
def janus(tmp_path):
    with JanusWhipServer(tmp_path) as server:
        yield server


async def test_publish_to_simple_whip_server_and_janus(start_show, janus):
    url = janus.create_endpoint("studio", "s3cret")
    studio = await start_show()
    output = studio.add_output({"kind": "whip", "name": "janus", "url": url, "token": "s3cret"})
    await wait_until(lambda: output.state == OutputState.LIVE, "the WHIP output to go live", 40)
    assert output.location == f"{janus.base}/resource/studio"
    # ICE servers from the server's Link headers (asked with OPTIONS, and again on the 201)
    assert [s.urls for s in output.link_ice_servers] == [f"stun:{janus.server_ip}:3478"]
    # Janus receives the media: its receiver reports reach our controller
    await wait_until(lambda: output.feedback.reports >= 3 and output.feedback.rtt_s is not None,
                     "receiver reports from Janus")
    assert output.feedback.loss == 0 and output.status()["state"] == "live"
    # Janus reads our transport-wide sequence numbers and sends transport-cc feedback, which we read
    await wait_until(lambda: output.feedback.delivery is not None and output.feedback.delivery.messages >= 10,
                     "transport-cc feedback from Janus")
    status = output.status()
    assert status["feedback"] == "transport-cc" and status["acked_bps"] > 100_000 and status["path_loss"] < 0.05
    await studio.remove_output("janus")
    # Our DELETE (with the token) ended the resource: a second one finds nothing.
    request = urllib.request.Request(f"{janus.base}/resource/studio", method="DELETE",
                                     headers={"Authorization": "Bearer s3cret"})
    with pytest.raises(urllib.error.HTTPError) as gone:
        urllib.request.urlopen(request, timeout=5)
    assert gone.value.code == 404


async def test_simple_whip_server_refuses_a_wrong_token(start_show, janus):
    url = janus.create_endpoint("guarded", "s3cret")
    studio = await start_show()
    output = studio.add_output({"kind": "whip", "name": "janus", "url": url, "token": "wrong"})
    await wait_until(lambda: output.state == OutputState.FAILED, "the refusal", 20)
    assert "refused the token (403)" in output.error and "check the bearer token" in output.error
