"""Peer connections with an explicit ICE configuration.

aiortc's default configuration queries a public STUN server, which leaks the host's public address
and stalls gathering where UDP is blocked. The studio asks for STUN/TURN only when configured.
"""

from __future__ import annotations

from aiortc import RTCConfiguration, RTCIceServer, RTCPeerConnection


def new_peer_connection(ice_servers: list[RTCIceServer] | None = None) -> RTCPeerConnection:
    return RTCPeerConnection(RTCConfiguration(iceServers=list(ice_servers or [])))
