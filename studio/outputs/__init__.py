"""Where the show goes: WHIP, RTMP, recording (see base.Output)."""
