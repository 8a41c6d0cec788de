<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>BeautyDock</name>
    <message>
        <location filename="../../ui/beauty_dock.py" line="126"/>
        <source>Beauty and HD</source>
        <translation>Beauty and HD</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="127"/>
        <source>Beauty</source>
        <translation>Beauty</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="128"/>
        <source>HD enhancement</source>
        <translation>HD enhancement</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="129"/>
        <source>Virtual background</source>
        <translation>Virtual background</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="130"/>
        <source>Preset</source>
        <translation>Preset</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="131"/>
        <source>Save as my preset</source>
        <translation>Save as my preset</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="132"/>
        <source>Upscale a low-resolution camera to HD</source>
        <translation>Upscale a low-resolution camera to HD</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="133"/>
        <source>Background</source>
        <translation>Background</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="134"/>
        <location filename="../../ui/beauty_dock.py" line="144"/>
        <source>Picture</source>
        <translation>Picture</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="135"/>
        <source>True-colour product mode</source>
        <translation>True-colour product mode</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="137"/>
        <source>Products keep their real colours: outside faces, the picture is only denoised and sharpened.</source>
        <translation>Products keep their real colours: outside faces, the picture is only denoised and sharpened.</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="138"/>
        <source>Before / after split preview</source>
        <translation>Before / after split preview</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="144"/>
        <source>Off</source>
        <translation>Off</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="144"/>
        <source>Blur</source>
        <translation>Blur</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="153"/>
        <source>Natural</source>
        <translation>Natural</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="153"/>
        <source>Glam</source>
        <translation>Glam</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="153"/>
        <source>My preset</source>
        <translation>My preset</translation>
    </message>
    <message>
        <location filename="../../ui/beauty_dock.py" line="156"/>
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
        <location filename="../../ui/main_window.py" line="256"/>
        <location filename="../../ui/main_window.py" line="313"/>
        <source>System default</source>
        <translation>System default</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="284"/>
        <source>Host Studio</source>
        <translation>Host Studio</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="285"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="286"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="287"/>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="288"/>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="289"/>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="291"/>
        <source>Viewer link</source>
        <translation>Viewer link</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="292"/>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="293"/>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="294"/>
        <location filename="../../ui/main_window.py" line="308"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="294"/>
        <location filename="../../ui/main_window.py" line="298"/>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="294"/>
        <source>Resolution</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="294"/>
        <source>Frame rate</source>
        <translation>Frame rate</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="295"/>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="295"/>
        <source>Orientation</source>
        <translation>Orientation</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="298"/>
        <source>Test card</source>
        <translation>Test card</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="298"/>
        <source>Media file</source>
        <translation>Media file</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="299"/>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="301"/>
        <source>Look for cameras and microphones again</source>
        <translation>Look for cameras and microphones again</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="302"/>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="303"/>
        <source>No file chosen</source>
        <translation>No file chosen</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="304"/>
        <source>Landscape 16:9</source>
        <translation>Landscape 16:9</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="305"/>
        <source>Portrait 9:16</source>
        <translation>Portrait 9:16</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="306"/>
        <source>The new orientation applies after a restart.</source>
        <translation>The new orientation applies after a restart.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="307"/>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="308"/>
        <location filename="../../ui/main_window.py" line="311"/>
        <source>Microphone</source>
        <translation>Microphone</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="308"/>
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="311"/>
        <source>Test tone</source>
        <translation>Test tone</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="311"/>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="314"/>
        <source>Filters</source>
        <translation>Filters</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="315"/>
        <source>Mirror (flip left-right)</source>
        <translation>Mirror (flip left-right)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="316"/>
        <source>Brightness</source>
        <translation>Brightness</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="317"/>
        <source>Contrast</source>
        <translation>Contrast</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="318"/>
        <source>Reset brightness and contrast</source>
        <translation>Reset brightness and contrast</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="319"/>
        <source>Beauty and HD…</source>
        <translation>Beauty and HD…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="363"/>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.webp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.bmp *.webp)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="365"/>
        <source>Media files (*.mp4 *.mov *.mkv *.webm *.avi *.ts)</source>
        <translation>Media files (*.mp4 *.mov *.mkv *.webm *.avi *.ts)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="366"/>
        <source>Choose a file to show</source>
        <translation>Choose a file to show</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="367"/>
        <source>All files (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="432"/>
        <source>Could not change live state: {0}</source>
        <translation>Could not change live state: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="440"/>
        <source>Viewer link copied</source>
        <translation>Viewer link copied</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="444"/>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="444"/>
        <source>Go Live</source>
        <translation>Go Live</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="445"/>
        <source>● LIVE</source>
        <translation>● LIVE</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="445"/>
        <source>○ Preview only</source>
        <translation>○ Preview only</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="473"/>
        <source>No audio</source>
        <translation>No audio</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="481"/>
        <source>{0} dB (peak {1} dB)</source>
        <translation>{0} dB (peak {1} dB)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="487"/>
        <source>FPS {0}</source>
        <translation>FPS {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="488"/>
        <source>Bitrate {0}</source>
        <translation>Bitrate {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="489"/>
        <source>{0} Mbit/s</source>
        <translation>{0} Mbit/s</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="490"/>
        <source>Viewers {0}</source>
        <translation>Viewers {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="491"/>
        <source>Dropped {0}</source>
        <translation>Dropped {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="492"/>
        <source>Loop lag {0} ms</source>
        <translation>Loop lag {0} ms</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="494"/>
        <source>Source {0}×{1} @ {2} fps</source>
        <translation>Source {0}×{1} @ {2} fps</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="498"/>
        <source>The video source stopped sending frames — showing placeholder</source>
        <translation>The video source stopped sending frames — showing placeholder</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="500"/>
        <source>Camera unavailable: {0} — showing placeholder, will resume automatically</source>
        <translation>Camera unavailable: {0} — showing placeholder, will resume automatically</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="502"/>
        <source>Video source unavailable: {0} — showing placeholder, will retry automatically</source>
        <translation>Video source unavailable: {0} — showing placeholder, will retry automatically</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="505"/>
        <source>Filter {0} was switched off: {1} — the show goes on without it</source>
        <translation>Filter {0} was switched off: {1} — the show goes on without it</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="508"/>
        <source>Face effects are off: {0}</source>
        <translation>Face effects are off: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="510"/>
        <source>Audio unavailable: {0} — will retry automatically</source>
        <translation>Audio unavailable: {0} — will retry automatically</translation>
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
