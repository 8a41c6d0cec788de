<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>BeautyDock</name>
    <message>
        <location filename="../../ui/beauty_dock.py" line="128"/>
        <source>Beauty and HD</source>
        <translation>Beauty and HD</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="129"/>
        <source>Beauty</source>
        <translation>Beauty</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="130"/>
        <source>HD enhancement</source>
        <translation>HD enhancement</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="131"/>
        <source>Virtual background</source>
        <translation>Virtual background</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="132"/>
        <source>Preset</source>
        <translation>Preset</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="133"/>
        <source>Save as my preset</source>
        <translation>Save as my preset</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="134"/>
        <source>Upscale a low-resolution camera to HD</source>
        <translation>Upscale a low-resolution camera to HD</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="135"/>
        <source>Background</source>
        <translation>Background</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="136"/>
        <location filename="../../ui/beauty_dock.py" line="146"/>
        <source>Picture</source>
        <translation>Picture</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="137"/>
        <source>True-colour product mode</source>
        <translation>True-colour product mode</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="139"/>
        <source>Products keep their real colours: outside faces, the picture is only denoised and sharpened.</source>
        <translation>Products keep their real colours: outside faces, the picture is only denoised and sharpened.</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="140"/>
        <source>Before / after split preview</source>
        <translation>Before / after split preview</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="146"/>
        <source>Off</source>
        <translation>Off</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="146"/>
        <source>Blur</source>
        <translation>Blur</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="155"/>
        <source>Natural</source>
        <translation>Natural</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="155"/>
        <source>Glam</source>
        <translation>Glam</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="155"/>
        <source>My preset</source>
        <translation>My preset</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="158"/>
        <source>Custom</source>
        <translation>Custom</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="206"/>
        <source>Choose a background picture</source>
        <translation>Choose a background picture</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="207"/>
        <source>Pictures (*.png *.jpg *.jpeg)</source>
        <translation>Pictures (*.png *.jpg *.jpeg)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="266"/>
        <location filename="../../ui/main_window.py" line="323"/>
        <source>System default</source>
        <translation>System default</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="294"/>
        <source>Host Studio</source>
        <translation>Host Studio</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="295"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="296"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="297"/>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="298"/>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="299"/>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="301"/>
        <source>Viewer link</source>
        <translation>Viewer link</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="302"/>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="303"/>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="304"/>
        <location filename="../../ui/main_window.py" line="318"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="304"/>
        <location filename="../../ui/main_window.py" line="308"/>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="304"/>
        <source>Resolution</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="304"/>
        <source>Frame rate</source>
        <translation>Frame rate</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="305"/>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="305"/>
        <source>Orientation</source>
        <translation>Orientation</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="308"/>
        <source>Test card</source>
        <translation>Test card</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="308"/>
        <source>Media file</source>
        <translation>Media file</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="309"/>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="311"/>
        <source>Look for cameras and microphones again</source>
        <translation>Look for cameras and microphones again</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="312"/>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="313"/>
        <source>No file chosen</source>
        <translation>No file chosen</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="314"/>
        <source>Landscape 16:9</source>
        <translation>Landscape 16:9</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="315"/>
        <source>Portrait 9:16</source>
        <translation>Portrait 9:16</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="316"/>
        <source>The new orientation applies after a restart.</source>
        <translation>The new orientation applies after a restart.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="317"/>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="318"/>
        <location filename="../../ui/main_window.py" line="321"/>
        <source>Microphone</source>
        <translation>Microphone</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="318"/>
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="321"/>
        <source>Test tone</source>
        <translation>Test tone</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="321"/>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="324"/>
        <source>Filters</source>
        <translation>Filters</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="325"/>
        <source>Mirror (flip left-right)</source>
        <translation>Mirror (flip left-right)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="326"/>
        <source>Brightness</source>
        <translation>Brightness</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="327"/>
        <source>Contrast</source>
        <translation>Contrast</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="328"/>
        <source>Reset brightness and contrast</source>
        <translation>Reset brightness and contrast</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="329"/>
        <source>Beauty and HD…</source>
        <translation>Beauty and HD…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="373"/>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.webp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.bmp *.webp)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="375"/>
        <source>Media files (*.mp4 *.mov *.mkv *.webm *.avi *.ts)</source>
        <translation>Media files (*.mp4 *.mov *.mkv *.webm *.avi *.ts)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="376"/>
        <source>Choose a file to show</source>
        <translation>Choose a file to show</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="377"/>
        <source>All files (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="442"/>
        <source>Could not change live state: {0}</source>
        <translation>Could not change live state: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="450"/>
        <source>Viewer link copied</source>
        <translation>Viewer link copied</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="454"/>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="454"/>
        <source>Go Live</source>
        <translation>Go Live</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="455"/>
        <source>● LIVE</source>
        <translation>● LIVE</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="455"/>
        <source>○ Preview only</source>
        <translation>○ Preview only</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="483"/>
        <source>No audio</source>
        <translation>No audio</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="491"/>
        <source>{0} dB (peak {1} dB)</source>
        <translation>{0} dB (peak {1} dB)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="497"/>
        <source>FPS {0}</source>
        <translation>FPS {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="498"/>
        <source>Bitrate {0}</source>
        <translation>Bitrate {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="499"/>
        <source>{0} Mbit/s</source>
        <translation>{0} Mbit/s</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="500"/>
        <source>Viewers {0}</source>
        <translation>Viewers {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="501"/>
        <source>Dropped {0}</source>
        <translation>Dropped {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="502"/>
        <source>Loop lag {0} ms</source>
        <translation>Loop lag {0} ms</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="504"/>
        <source>Source {0}×{1} @ {2} fps</source>
        <translation>Source {0}×{1} @ {2} fps</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="508"/>
        <source>The video source stopped sending frames — showing placeholder</source>
        <translation>The video source stopped sending frames — showing placeholder</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="510"/>
        <source>Camera unavailable: {0} — showing placeholder, will resume automatically</source>
        <translation>Camera unavailable: {0} — showing placeholder, will resume automatically</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="512"/>
        <source>Video source unavailable: {0} — showing placeholder, will retry automatically</source>
        <translation>Video source unavailable: {0} — showing placeholder, will retry automatically</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="515"/>
        <source>Filter {0} was switched off: {1} — the show goes on without it</source>
        <translation>Filter {0} was switched off: {1} — the show goes on without it</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="518"/>
        <source>Face effects are off: {0}</source>
        <translation>Face effects are off: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="520"/>
        <source>Audio unavailable: {0} — will retry automatically</source>
        <translation>Audio unavailable: {0} — will retry automatically</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="524"/>
        <source>{0}: reconnecting ({1}) — {2}</source>
        <translation>{0}: reconnecting ({1}) — {2}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="527"/>
        <source>{0} stopped: {1}</source>
        <translation>{0} stopped: {1}</translation>
    </message>
</context>
<context>
    <name>OutputsDock</name>
    <message>
        <location filename="../../ui/outputs_dock.py" line="108"/>
        <source>Streaming and recording</source>
        <translation>Streaming and recording</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="109"/>
        <source>Recording</source>
        <translation>Recording</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="110"/>
        <source>Folder</source>
        <translation>Folder</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="111"/>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="112"/>
        <source>Outputs (start with Go Live)</source>
        <translation>Outputs (start with Go Live)</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="113"/>
        <source>No outputs yet: viewers watch on the studio&apos;s own page.</source>
        <translation>No outputs yet: viewers watch on the studio&apos;s own page.</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="114"/>
        <source>Add an output</source>
        <translation>Add an output</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="115"/>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="115"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="115"/>
        <source>Server URL</source>
        <translation>Server URL</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="118"/>
        <source>e.g. Douyin</source>
        <translation>e.g. Douyin</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="119"/>
        <source>Add output</source>
        <translation>Add output</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="122"/>
        <location filename="../../ui/outputs_dock.py" line="191"/>
        <source>Reconnect now</source>
        <translation>Reconnect now</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="123"/>
        <location filename="../../ui/outputs_dock.py" line="192"/>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="128"/>
        <source>Stream key</source>
        <translation>Stream key</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="128"/>
        <source>Bearer token</source>
        <translation>Bearer token</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="133"/>
        <source>Folder for recordings</source>
        <translation>Folder for recordings</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="170"/>
        <source>Live, {0} kbit/s</source>
        <translation>Live, {0} kbit/s</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="171"/>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="173"/>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="175"/>
        <source>Reconnecting ({0})</source>
        <translation>Reconnecting ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="177"/>
        <source>in {0} s</source>
        <translation>in {0} s</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="180"/>
        <source>Stopped: {0}</source>
        <translation>Stopped: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="181"/>
        <source>Off (starts with Go Live)</source>
        <translation>Off (starts with Go Live)</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="203"/>
        <source>Stop recording</source>
        <translation>Stop recording</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="203"/>
        <source>Start recording</source>
        <translation>Start recording</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="208"/>
        <source>Recording {0} s to {1}</source>
        <translation>Recording {0} s to {1}</translation>
    </message>
    <message>
        <location filename="../../ui/outputs_dock.py" line="211"/>
        <source>Saved to {0}</source>
        <translation>Saved to {0}</translation>
    </message>
</context>
<context>
    <name>PluginDock</name>
    <message>
        <location filename="../../ui/plugin_dock.py" line="47"/>
        <source>Plugins</source>
        <translation>Plugins</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="48"/>
        <source>Plugin</source>
        <translation>Plugin</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="48"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="48"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="78"/>
        <source>Built in</source>
        <translation>Built in</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="80"/>
        <source>Not loaded: {0}</source>
        <translation>Not loaded: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="82"/>
        <source>Off</source>
        <translation>Off</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="84"/>
        <source>Switched off by the studio: {0}</source>
        <translation>Switched off by the studio: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/plugin_dock.py" line="85"/>
        <source>On</source>
        <translation>On</translation>
    </message>
</context>
<context>
    <name>SettingsForm</name>
    <message>
        <location filename="../../ui/settings_form.py" line="75"/>
        <source>Choose a file</source>
        <translation>Choose a file</translation>
    </message>
</context>
<context>
    <name>StatsDock</name>
    <message>
        <location filename="../../ui/stats_dock.py" line="62"/>
        <source>Stats</source>
        <translation>Stats</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="84"/>
        <source>Frame rate</source>
        <translation>Frame rate</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="84"/>
        <source>program</source>
        <translation>program</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="85"/>
        <source>Bitrate</source>
        <translation>Bitrate</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="86"/>
        <source>viewers&apos; encode</source>
        <translation>viewers&apos; encode</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="88"/>
        <source>Encoder time</source>
        <translation>Encoder time</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="88"/>
        <source>per frame</source>
        <translation>per frame</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="91"/>
        <source>Round-trip time</source>
        <translation>Round-trip time</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="93"/>
        <source>Loss</source>
        <translation>Loss</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="94"/>
        <source>capture</source>
        <translation>capture</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="94"/>
        <source>filters</source>
        <translation>filters</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="95"/>
        <source>encoder</source>
        <translation>encoder</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="95"/>
        <source>network</source>
        <translation>network</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="96"/>
        <source>Dropped per second (total: {0})</source>
        <translation>Dropped per second (total: {0})</translation>
    </message>
    <message>
        <location filename="../../ui/stats_dock.py" line="103"/>
        <source>Sending: {0}</source>
        <translation>Sending: {0}</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../ui/app.py" line="41"/>
        <source>Port {0} is already in use, probably by another Host Studio or another program.

Close that program, or start Host Studio on another port, for example:
    studio --port {1}</source>
        <translation>Port {0} is already in use, probably by another Host Studio or another program.

Close that program, or start Host Studio on another port, for example:
    studio --port {1}</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="46"/>
        <source>Host Studio could not start its viewer server on {0}:{1}:
{2}</source>
        <translation>Host Studio could not start its viewer server on {0}:{1}:
{2}</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="86"/>
        <source>Host Studio cannot start</source>
        <translation>Host Studio cannot start</translation>
    </message>
</context>
<context>
    <name>i18n</name>
    <message>
        <location filename="../../ui/i18n.py" line="53"/>
        <source>LANGUAGE_CODE</source>
        <translation>en</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../ui/plugin_docks.py" line="32"/>
        <source>Plugin {0} could not add its panel: {1}</source>
        <translation>Plugin {0} could not add its panel: {1}</translation>
    </message>
</context>
</TS>
